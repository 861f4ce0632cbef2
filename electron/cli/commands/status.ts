// `paneldb status`: version, applied and pending steps, journal/WAL state, tables and integrity.
import type { Command } from 'commander';
import {
  backupDirOption,
  databaseOrDemoCommand,
  jsonOption,
  migrationsDirOption,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatStatus } from '../format';
import { helpText } from '../help-text';

export function registerStatusCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(program, lang, 'status', 'cli.help.status', 'cli.help.arg.statusDb')
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .option('--ignore-wal', helpText(lang, 'cli.help.opt.ignoreWal'))
    .option(...migrationsDirOption(lang))
    .option('--checks', helpText(lang, 'cli.help.opt.checks'))
    .option('--full', helpText(lang, 'cli.help.opt.full'))
    .action(async (db: string | undefined, options: EngineOptions & { checks?: boolean; full?: boolean }) => {
      const request = { checks: options.checks === true, full: options.full === true };
      report(await (await engineFor(db, options)).getStatus(request), options.json, (status) =>
        formatStatus(status, lang),
      );
    });
}

// `paneldb backups`: PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first.
import type { Command } from 'commander';
import {
  backupDirOption,
  databaseOrDemoCommand,
  jsonOption,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatBackups } from '../format';

export function registerBackupsCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(program, lang, 'backups', 'cli.help.backups')
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string | undefined, options: EngineOptions) => {
      const list = await (await engineFor(db, options)).listBackups();
      report(list, options.json, (entries) => formatBackups(entries, lang));
    });
}

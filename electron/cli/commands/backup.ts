// `paneldb backup`: a verified, private standalone copy of the database, WAL merged.
import type { Command } from 'commander';
import {
  backupDirOption,
  databaseOrDemoCommand,
  jsonOption,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatBackupCreated } from '../format';

export function registerBackupCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(program, lang, 'backup', 'cli.help.backup')
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string | undefined, options: EngineOptions) => {
      const engine = await engineFor(db, options);
      report(await engine.createBackup('manual'), options.json, (entry) => formatBackupCreated(entry, lang));
    });
}

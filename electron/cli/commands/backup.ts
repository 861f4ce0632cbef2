// `paneldb backup`: a verified, private standalone copy of the database, WAL merged.
import type { Command } from 'commander';
import {
  databaseOrDemoCommand,
  BACKUP_DIR_OPTION,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatBackupCreated } from '../format';

export function registerBackupCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(
    program,
    'backup',
    'write a verified, private (0600) standalone backup of the database, WAL merged',
  )
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string | undefined, options: EngineOptions) => {
      const engine = await engineFor(db, options);
      report(await engine.createBackup('manual'), options.json, (entry) => formatBackupCreated(entry, lang));
    });
}

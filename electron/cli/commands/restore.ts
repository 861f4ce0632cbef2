// `paneldb restore <db> <backup>`: verify the backup, keep a safety backup of the current file,
// then replace it atomically. The backup is a path when it has a separator, else an id.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BACKUP_DIR_OPTION, type CommandContext, type EngineOptions } from '../command-context';
import { formatRestore } from '../format';

interface RestoreOptions extends EngineOptions {
  acceptUnverified?: boolean;
  acceptRisk?: boolean;
}

export function registerRestoreCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  program
    .command('restore')
    .description('verify a backup, keep a safety backup of the current file, then replace it atomically')
    .argument('<db>', 'the panel database file to replace')
    .argument('<backup>', 'a backup file, or a backup id as `paneldb backups` lists it')
    .option(
      '--accept-unverified',
      'restore a backup that has no PanelDB metadata (nothing proves its content)',
    )
    .option(
      '--accept-risk',
      'restore even a backup the panel cannot start on, or one with far fewer inbounds than the file now',
    )
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string, backup: string, options: RestoreOptions) => {
      const engine = await engineFor(db, options);
      const reference = backup.includes('/') || backup.includes('\\') ? resolve(backup) : backup;
      const restored = await engine.restoreBackup(reference, {
        acceptUnverified: options.acceptUnverified === true,
        acceptRisk: options.acceptRisk === true,
      });
      report(restored, options.json, (value) => formatRestore(value, lang));
    });
}

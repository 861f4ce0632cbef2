// `paneldb backups`: PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first.
import type { Command } from 'commander';
import {
  databaseOrDemoCommand,
  BACKUP_DIR_OPTION,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatBackups } from '../format';

export function registerBackupsCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(
    program,
    'backups',
    "list PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first",
  )
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string | undefined, options: EngineOptions) => {
      const list = await (await engineFor(db, options)).listBackups();
      report(list, options.json, (entries) => formatBackups(entries, lang));
    });
}

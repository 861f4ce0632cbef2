// `paneldb status`: version, applied and pending steps, journal/WAL state, tables and integrity.
import type { Command } from 'commander';
import {
  BACKUP_DIR_OPTION,
  databaseOrDemoCommand,
  MIGRATIONS_DIR_OPTION,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatStatus } from '../format';

export function registerStatusCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(
    program,
    'status',
    'show version, applied and pending steps, journal/WAL state, tables and integrity (quick check)',
    'the panel database file (x-ui.db); its -wal beside it is merged',
  )
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .option('--ignore-wal', 'read the main file alone even though a -wal exists (shows old data)')
    .option(...MIGRATIONS_DIR_OPTION)
    .option('--checks', 'also run the health checks (`paneldb check`; reads every JSON column)')
    .option('--full', 'run the full integrity_check instead of the quick_check (slower on big files)')
    .action(async (db: string | undefined, options: EngineOptions & { checks?: boolean; full?: boolean }) => {
      const request = { checks: options.checks === true, full: options.full === true };
      report(await (await engineFor(db, options)).getStatus(request), options.json, (status) =>
        formatStatus(status, lang),
      );
    });
}

// `paneldb rollback`: back up, then undo the last step(s) from their before-images; `--dry-run`
// runs the downs in memory and prints the plan fingerprint `--expect` checks.
import type { Command } from 'commander';
import {
  BACKUP_DIR_OPTION,
  MIGRATIONS_DIR_OPTION,
  UsageError,
  wholeNumber,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatRunReport } from '../format';
import { message } from '../../shared/i18n';

interface RollbackOptions extends EngineOptions {
  steps?: number;
  to?: number;
  dryRun?: boolean;
  expect?: string;
}

export function registerRollbackCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  program
    .command('rollback')
    .description(
      'back up, then undo the last step(s) exactly from their before-images (irreversible steps refuse)',
    )
    .argument('<db>', 'the panel database file')
    .option('--steps <n>', 'how many steps to undo (default 1)', wholeNumber)
    .option('--to <version>', 'undo every step above this version', wholeNumber)
    .option('--dry-run', 'run the downs in memory only: show them and the plan fingerprint')
    .option('--expect <fingerprint>', 'refuse unless the plan is the one a --dry-run printed')
    .option(...MIGRATIONS_DIR_OPTION)
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string, options: RollbackOptions) => {
      if (options.steps !== undefined && options.to !== undefined) {
        throw new UsageError('paneldb.conflict', message('err.cli.stepsAndTo'));
      }
      const base = options.to !== undefined ? { to: options.to } : { steps: options.steps ?? 1 };
      const request = { ...base, expect: options.expect, dryRun: options.dryRun === true };
      report(await (await engineFor(db, options)).rollBack(request), options.json, (run) =>
        formatRunReport(run, lang),
      );
    });
}

// `paneldb fix <db> <check-id>`: the fix for one check in one transaction after a backup, logged
// and reversible. Exit 0 when it ran or had nothing to do, 2 for an unknown or unfixable check id,
// 4 when a revert is refused (a row changed since), and the usual codes otherwise (exit-codes.ts).
import type { Command } from 'commander';
import type { RunReport } from '../../shared/reports';
import type { Result } from '../../shared/result';
import { BACKUP_DIR_OPTION, type CommandContext, type EngineOptions } from '../command-context';
import { formatRunReport } from '../format';

interface FixOptions extends EngineOptions {
  dryRun?: boolean;
  revert?: boolean;
  expect?: string;
}

export function registerFixCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  program
    .command('fix')
    .description(
      'back up, then apply the fix for one check in one transaction, logged and reversible (--revert undoes it)',
    )
    .argument('<db>', 'the panel database file')
    .argument('<check-id>', 'a fixable check id as `paneldb check` lists it')
    .option('--dry-run', 'write nothing; show every row the fix would change')
    .option('--revert', 'undo the latest applied fix of this check from its before-images')
    .option('--expect <fingerprint>', 'refuse unless the plan is the one a --dry-run printed')
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string, checkId: string, options: FixOptions) => {
      const engine = await engineFor(db, options);
      const request = { checkId, expect: options.expect };
      let result: Result<RunReport>;
      if (options.revert === true) result = await engine.revertFix(request);
      else if (options.dryRun === true) result = await engine.previewFix(request);
      else result = await engine.applyFix(request);
      report(result, options.json, (run) => formatRunReport(run, lang));
    });
}

// `paneldb fix <db> <check-id>`: the fix for one check in one transaction after a backup, logged
// and reversible. Exit 0 when it ran or had nothing to do, 2 for an unknown or unfixable check id,
// 4 when a revert is refused (a row changed since), and the usual codes otherwise (exit-codes.ts).
import type { Command } from 'commander';
import type { RunReport } from '../../shared/reports';
import type { Result } from '../../shared/result';
import { backupDirOption, jsonOption, type CommandContext, type EngineOptions } from '../command-context';
import { formatRunReport } from '../format';
import { helpText } from '../help-text';

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
    .description(helpText(lang, 'cli.help.fix'))
    .argument('<db>', helpText(lang, 'cli.help.arg.db'))
    .argument('<check-id>', helpText(lang, 'cli.help.arg.checkId'))
    .option('--dry-run', helpText(lang, 'cli.help.opt.fixDryRun'))
    .option('--revert', helpText(lang, 'cli.help.opt.revert'))
    .option('--expect <fingerprint>', helpText(lang, 'cli.help.opt.expect'))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
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

// `paneldb rollback`: back up, then undo the last step(s) from their before-images; `--dry-run`
// runs the downs in memory and prints the plan fingerprint `--expect` checks.
import { type Command, CommanderError } from 'commander';
import { translate } from '../../shared/i18n';
import {
  backupDirOption,
  jsonOption,
  migrationsDirOption,
  wholeNumber,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatRunReport } from '../format';
import { helpText } from '../help-text';

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
    .description(helpText(lang, 'cli.help.rollback'))
    .argument('<db>', helpText(lang, 'cli.help.arg.db'))
    .option('--steps <n>', helpText(lang, 'cli.help.opt.steps'), wholeNumber)
    .option('--to <version>', helpText(lang, 'cli.help.opt.rollbackTo'), wholeNumber)
    .option('--dry-run', helpText(lang, 'cli.help.opt.rollbackDryRun'))
    .option('--expect <fingerprint>', helpText(lang, 'cli.help.opt.expect'))
    .option(...migrationsDirOption(lang))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string, options: RollbackOptions) => {
      if (options.steps !== undefined && options.to !== undefined) {
        throw new CommanderError(2, 'paneldb.conflict', translate('en', 'cli.error.stepsOrTo'));
      }
      const base = options.to !== undefined ? { to: options.to } : { steps: options.steps ?? 1 };
      const request = { ...base, expect: options.expect, dryRun: options.dryRun === true };
      report(await (await engineFor(db, options)).rollBack(request), options.json, (run) =>
        formatRunReport(run, lang),
      );
    });
}

// `paneldb migrate`: back up, apply the pending steps in memory, replace the file only if all
// succeed; `--dry-run` previews every row, `--expect` holds the run to the plan a dry run printed.
import { type Command, InvalidArgumentError } from 'commander';
import type { XhttpFlowMode } from '../../shared/reports';
import { translate } from '../../shared/i18n';
import {
  backupDirOption,
  databaseOrDemoCommand,
  jsonOption,
  migrationsDirOption,
  wholeNumber,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatRunReport } from '../format';
import { helpText } from '../help-text';

/** commander parser for `migrate --xhttp-flow <safe|panel>` (commander words the error in English). */
export function xhttpFlowMode(text: string): XhttpFlowMode {
  if (text === 'safe' || text === 'panel') return text;
  throw new InvalidArgumentError(translate('en', 'cli.error.xhttpFlow'));
}

interface MigrateOptions extends EngineOptions {
  to?: number;
  dryRun?: boolean;
  xhttpFlow?: XhttpFlowMode;
  /** A plan fingerprint printed by a dry run: refuse if the plan is not that one any more. */
  expect?: string;
}

export function registerMigrateCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(program, lang, 'migrate', 'cli.help.migrate')
    .option('--to <version>', helpText(lang, 'cli.help.opt.migrateTo'), wholeNumber)
    .option('--dry-run', helpText(lang, 'cli.help.opt.migrateDryRun'))
    .option('--xhttp-flow <mode>', helpText(lang, 'cli.help.opt.xhttpFlow'), xhttpFlowMode)
    .option('--expect <fingerprint>', helpText(lang, 'cli.help.opt.migrateExpect'))
    .option(...migrationsDirOption(lang))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string | undefined, options: MigrateOptions) => {
      const engine = await engineFor(db, options);
      const request = { to: options.to, xhttpFlow: options.xhttpFlow, expect: options.expect };
      const result = options.dryRun ? await engine.previewMigrate(request) : await engine.migrate(request);
      report(result, options.json, (run) => formatRunReport(run, lang));
    });
}

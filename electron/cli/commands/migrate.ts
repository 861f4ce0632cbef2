// `paneldb migrate`: back up, apply the pending steps in memory, replace the file only if all
// succeed; `--dry-run` previews every row, `--expect` holds the run to the plan a dry run printed.
import { type Command, InvalidArgumentError } from 'commander';
import type { XhttpFlowMode } from '../../shared/reports';
import {
  BACKUP_DIR_OPTION,
  databaseOrDemoCommand,
  MIGRATIONS_DIR_OPTION,
  wholeNumber,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatRunReport } from '../format';

/** commander parser for `migrate --xhttp-flow <safe|panel>`. */
export function xhttpFlowMode(text: string): XhttpFlowMode {
  if (text === 'safe' || text === 'panel') return text;
  throw new InvalidArgumentError('expected safe or panel.');
}

const XHTTP_FLOW_HELP =
  'migration 3: safe (default: Vision only where VLESS Encryption is on) or panel (the panel seeder exactly)';

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
  databaseOrDemoCommand(
    program,
    'migrate',
    'back up, then apply the pending steps in memory and replace the file only if all succeed',
  )
    .option('--to <version>', 'stop after this version', wholeNumber)
    .option('--dry-run', 'write nothing; show every row that would change with a JSON diff')
    .option('--xhttp-flow <mode>', XHTTP_FLOW_HELP, xhttpFlowMode)
    .option(
      '--expect <fingerprint>',
      'refuse unless the plan is the one a --dry-run printed (the file did not change)',
    )
    .option(...MIGRATIONS_DIR_OPTION)
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string | undefined, options: MigrateOptions) => {
      const engine = await engineFor(db, options);
      const request = { to: options.to, xhttpFlow: options.xhttpFlow, expect: options.expect };
      const result = options.dryRun ? await engine.previewMigrate(request) : await engine.migrate(request);
      report(result, options.json, (run) => formatRunReport(run, lang));
    });
}

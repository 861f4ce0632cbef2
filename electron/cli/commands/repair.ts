// `paneldb repair`: the evidence on a dirty or half-applied file and the recommended action;
// `--force-version` marks the file clean at a version after a backup.
import type { Command } from 'commander';
import { BACKUP_DIR_OPTION, wholeNumber, type CommandContext, type EngineOptions } from '../command-context';
import { formatRepair } from '../format';

interface RepairOptions extends EngineOptions {
  forceVersion?: number;
  /** --force-version on a clean file: the steps marked applied will never run. */
  iUnderstandStepsWillNotRun?: boolean;
  expect?: string;
}

export function registerRepairCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  program
    .command('repair')
    .description('for a dirty or half-applied file: show the evidence and the recommended action')
    .argument('<db>', 'the panel database file')
    .option(
      '--force-version <version>',
      'back up, then mark the file clean at this version (a dirty or marker-inconsistent file)',
      wholeNumber,
    )
    .option(
      '--i-understand-steps-will-not-run',
      'with --force-version on a clean file: the steps it marks applied never run (their changes are never made)',
    )
    .option('--expect <fingerprint>', 'refuse unless the force plan is the one `repair --json` listed')
    .option('--json', 'print JSON for scripts')
    .option(...BACKUP_DIR_OPTION)
    .action(async (db: string, options: RepairOptions) => {
      const request =
        options.forceVersion === undefined
          ? {}
          : {
              forceVersion: options.forceVersion,
              acknowledgeSkipped: options.iUnderstandStepsWillNotRun === true,
              expect: options.expect,
            };
      report(await (await engineFor(db, options)).repair(request), options.json, (value) =>
        formatRepair(value, lang),
      );
    });
}

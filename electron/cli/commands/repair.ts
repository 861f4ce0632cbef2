// `paneldb repair`: the evidence on a dirty or half-applied file and the recommended action;
// `--force-version` marks the file clean at a version after a backup.
import type { Command } from 'commander';
import {
  backupDirOption,
  jsonOption,
  wholeNumber,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatRepair } from '../format';
import { helpText } from '../help-text';

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
    .description(helpText(lang, 'cli.help.repair'))
    .argument('<db>', helpText(lang, 'cli.help.arg.db'))
    .option('--force-version <version>', helpText(lang, 'cli.help.opt.forceVersion'), wholeNumber)
    .option('--i-understand-steps-will-not-run', helpText(lang, 'cli.help.opt.iUnderstand'))
    .option('--expect <fingerprint>', helpText(lang, 'cli.help.opt.repairExpect'))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
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

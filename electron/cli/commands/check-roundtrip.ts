// `paneldb check-roundtrip`: up → down → up of every pending step on an in-memory copy; exit
// EXIT.badInput when a down does not restore the touched tables exactly. The file is never written.
import type { Command } from 'commander';
import { jsonOption, migrationsDirOption, type CommandContext, type EngineOptions } from '../command-context';
import { EXIT } from '../exit-codes';
import { formatRoundTrip } from '../format';
import { helpText } from '../help-text';

export function registerCheckRoundTripCommand(
  program: Command,
  {
    lang,
    engineFor,
    report,
    setExitCode,
  }: Pick<CommandContext, 'lang' | 'engineFor' | 'report' | 'setExitCode'>,
): void {
  program
    .command('check-roundtrip')
    .description(helpText(lang, 'cli.help.check-roundtrip'))
    .argument('<db>', helpText(lang, 'cli.help.arg.roundTripDb'))
    .option(...migrationsDirOption(lang))
    .option(...jsonOption(lang))
    .action(async (db: string, options: EngineOptions) => {
      const checked = report(await (await engineFor(db, options)).checkRoundTrip(), options.json, (value) =>
        formatRoundTrip(value, lang),
      );
      if (checked !== undefined && !checked.passed) setExitCode(EXIT.badInput);
    });
}

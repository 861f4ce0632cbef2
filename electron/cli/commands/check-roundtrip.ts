// `paneldb check-roundtrip`: up → down → up of every pending step on an in-memory copy; exit
// EXIT.badInput when a down does not restore the touched tables exactly. The file is never written.
import type { Command } from 'commander';
import { MIGRATIONS_DIR_OPTION, type CommandContext, type EngineOptions } from '../command-context';
import { EXIT } from '../exit-codes';
import { formatRoundTrip } from '../format';

export function registerCheckRoundTripCommand(
  program: Command,
  {
    engineFor,
    report,
    setExitCode,
    lang,
  }: Pick<CommandContext, 'engineFor' | 'report' | 'setExitCode' | 'lang'>,
): void {
  program
    .command('check-roundtrip')
    .description(
      'on an in-memory copy, run up → down → up for every pending step and check the down restores the touched tables exactly; exit 3 when one does not',
    )
    .argument('<db>', 'the panel database file (never written)')
    .option(...MIGRATIONS_DIR_OPTION)
    .option('--json', 'print JSON for scripts')
    .action(async (db: string, options: EngineOptions) => {
      const checked = report(await (await engineFor(db, options)).checkRoundTrip(), options.json, (value) =>
        formatRoundTrip(value, lang),
      );
      if (checked !== undefined && !checked.passed) setExitCode(EXIT.badInput);
    });
}

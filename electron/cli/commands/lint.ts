// `paneldb lint <dir>`: a golang-migrate folder checked for the mistakes of the panel's own
// migrations; exit EXIT.badInput when an error-severity finding is reported.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatLintReport } from '../../lint/format';
import { lintMigrationsDir } from '../../lint/lint';
import type { CommandContext } from '../command-context';
import { EXIT } from '../exit-codes';
import { TEXT } from '../messages';

export function registerLintCommand(
  program: Command,
  { lang, report, setExitCode }: Pick<CommandContext, 'lang' | 'report' | 'setExitCode'>,
): void {
  program
    .command('lint')
    .description(
      "check a golang-migrate folder (NNNNNN_name.up.sql / .down.sql) for the mistakes of the panel's own migrations; exit 3 when errors are found",
    )
    .argument('<dir>', 'the folder holding the migration files')
    .option('--json', 'print JSON for scripts')
    .action(async (dir: string, options: { json?: boolean }) => {
      const folder = resolve(dir);
      const result = await lintMigrationsDir(folder);
      const linted = report(
        result.ok ? { ok: true, value: { dir: folder, ...result.value } } : result,
        options.json,
        (value) => formatLintReport(value, folder, TEXT[lang].lint),
      );
      if (linted !== undefined && linted.summary.error > 0) setExitCode(EXIT.badInput);
    });
}

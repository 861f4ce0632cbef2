// `paneldb lint <dir>`: a golang-migrate folder checked for the mistakes of the panel's own
// migrations; exit EXIT.badInput when an error-severity finding is reported.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatLintReport } from '../../lint/format';
import { lintMigrationsDir } from '../../lint/lint';
import { jsonOption, type CommandContext } from '../command-context';
import { EXIT } from '../exit-codes';
import { helpText } from '../help-text';
import { TEXT } from '../messages';

export function registerLintCommand(
  program: Command,
  { lang, report, setExitCode }: Pick<CommandContext, 'lang' | 'report' | 'setExitCode'>,
): void {
  program
    .command('lint')
    .description(helpText(lang, 'cli.help.lint'))
    .argument('<dir>', helpText(lang, 'cli.help.arg.lintDir'))
    .option(...jsonOption(lang))
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

// `paneldb verify <file>`: a backup's integrity, its sha256 against its metadata, its panel tables.
// A backup that fails the check exits with EXIT.badInput even though the check itself ran.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyBackup } from '../../core/index';
import { jsonOption, type CommandContext } from '../command-context';
import { EXIT } from '../exit-codes';
import { formatVerify } from '../format';
import { helpText } from '../help-text';

export function registerVerifyCommand(
  program: Command,
  { lang, report, setExitCode }: Pick<CommandContext, 'lang' | 'report' | 'setExitCode'>,
): void {
  program
    .command('verify')
    .description(helpText(lang, 'cli.help.verify'))
    .argument('<file>', helpText(lang, 'cli.help.arg.file'))
    .option(...jsonOption(lang))
    .action(async (file: string, options: { json?: boolean }) => {
      const verified = report(await verifyBackup(resolve(file)), options.json, (value) =>
        formatVerify(value, lang),
      );
      if (verified !== undefined && !verified.ok) setExitCode(EXIT.badInput);
    });
}

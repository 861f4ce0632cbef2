// `paneldb restore <db> <backup>`: verify the backup, keep a safety backup of the current file,
// then replace it atomically. The backup is a path when it has a separator, else an id.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupDirOption, jsonOption, type CommandContext, type EngineOptions } from '../command-context';
import { formatRestore } from '../format';
import { helpText } from '../help-text';

interface RestoreOptions extends EngineOptions {
  acceptUnverified?: boolean;
  acceptRisk?: boolean;
}

export function registerRestoreCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  program
    .command('restore')
    .description(helpText(lang, 'cli.help.restore'))
    .argument('<db>', helpText(lang, 'cli.help.arg.restoreDb'))
    .argument('<backup>', helpText(lang, 'cli.help.arg.backup'))
    .option('--accept-unverified', helpText(lang, 'cli.help.opt.acceptUnverified'))
    .option('--accept-risk', helpText(lang, 'cli.help.opt.acceptRisk'))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string, backup: string, options: RestoreOptions) => {
      const engine = await engineFor(db, options);
      const reference = backup.includes('/') || backup.includes('\\') ? resolve(backup) : backup;
      const restored = await engine.restoreBackup(reference, {
        acceptUnverified: options.acceptUnverified === true,
        acceptRisk: options.acceptRisk === true,
      });
      report(restored, options.json, (value) => formatRestore(value, lang));
    });
}

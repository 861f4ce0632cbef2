// `paneldb history`: the steps PanelDB ran on this file, from its log inside the database.
import type { Command } from 'commander';
import {
  databaseOrDemoCommand,
  jsonOption,
  type CommandContext,
  type EngineOptions,
} from '../command-context';
import { formatHistory } from '../format';

export function registerHistoryCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(program, lang, 'history', 'cli.help.history')
    .option(...jsonOption(lang))
    .action(async (db: string | undefined, options: EngineOptions) => {
      const history = await (await engineFor(db, options)).getHistory();
      report(history, options.json, (entries) => formatHistory(entries, lang));
    });
}

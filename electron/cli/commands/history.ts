// `paneldb history`: the steps PanelDB ran on this file, from its log inside the database.
import type { Command } from 'commander';
import { databaseOrDemoCommand, type CommandContext, type EngineOptions } from '../command-context';
import { formatHistory } from '../format';

export function registerHistoryCommand(
  program: Command,
  { lang, engineFor, report }: Pick<CommandContext, 'lang' | 'engineFor' | 'report'>,
): void {
  databaseOrDemoCommand(
    program,
    'history',
    'list the steps PanelDB ran on this file, with times, durations, rows changed and outcome',
  )
    .option('--json', 'print JSON for scripts')
    .action(async (db: string | undefined, options: EngineOptions) => {
      const history = await (await engineFor(db, options)).getHistory();
      report(history, options.json, (entries) => formatHistory(entries, lang));
    });
}

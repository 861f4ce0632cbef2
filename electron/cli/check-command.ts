// `paneldb check` and `paneldb fix` registered as the pair they are (commands/check.ts and
// commands/fix.ts): a finding `check` prints names the `fix` that mends it. test/cli registers the
// pair on a bare program through this file, with only the helpers the two use.
import type { Command } from 'commander';
import type { CommandContext } from './command-context';
import { registerCheckCommand } from './commands/check';
import { registerFixCommand } from './commands/fix';

export function registerCheckCommands(
  program: Command,
  context: Pick<CommandContext, 'lang' | 'engineFor' | 'report' | 'setExitCode'>,
): void {
  registerCheckCommand(program, context);
  registerFixCommand(program, context);
}

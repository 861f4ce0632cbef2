// `paneldb --help` in the chosen language. Each command, argument and option takes its description
// from the catalog (`cli.help.*`) where it is registered (main.ts words `-V, --version`); this sets
// what commander words itself — the headings, `-h, --help` and the `help` command — before the
// commands are registered, so every subcommand inherits them. English reads as commander's defaults.
import type { Command } from 'commander';
import { translate, type MessageKey } from '../shared/i18n';
import type { Lang } from './messages';

const TITLE_KEYS: readonly MessageKey[] = [
  'cli.help.title.usage',
  'cli.help.title.options',
  'cli.help.title.commands',
  'cli.help.title.arguments',
  'cli.help.title.globalOptions',
];

/** Commander's own help words on `program` (and, inherited, on the commands registered after). */
export function configureHelpText(program: Command, lang: Lang): void {
  // commander passes its English heading ("Usage:"); the catalog's English text is that heading.
  const titles = new Map(TITLE_KEYS.map((key) => [translate('en', key), translate(lang, key)]));
  program.helpOption('-h, --help', translate(lang, 'cli.help.opt.help'));
  program.helpCommand('help [command]', translate(lang, 'cli.help.help'));
  program.configureHelp({ styleTitle: (title: string) => titles.get(title) ?? title });
}

/** A description from the catalog, for `.description()`, `.argument()` and `.option()`. */
export const helpText = (lang: Lang, key: MessageKey) => translate(lang, key);

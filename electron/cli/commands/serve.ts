// `paneldb serve`: the PanelDB window in a browser, on a loopback address with a private token.
// The URL is announced in English and, for another language, in that one too.
import { type Command, InvalidArgumentError } from 'commander';
import { serveCommand } from '../../server/serve-command';
import { translate } from '../../shared/i18n';
import {
  migrationsDirOption,
  resolvedOrUndefined,
  wholeNumber,
  type CommandContext,
} from '../command-context';
import { helpText } from '../help-text';
import { TEXT, type Lang } from '../messages';

function portNumber(text: string): number {
  const port = wholeNumber(text);
  if (port > 65535) throw new InvalidArgumentError(translate('en', 'cli.error.port'));
  return port;
}

interface ServeOptions {
  demo?: boolean;
  port?: number;
  host?: string;
  migrationsDir?: string;
}

export function registerServeCommand(
  program: Command,
  { lang, io, fail }: Pick<CommandContext, 'lang' | 'io' | 'fail'>,
): void {
  program
    .command('serve')
    .description(helpText(lang, 'cli.help.serve'))
    .argument('[db]', helpText(lang, 'cli.help.arg.serveDb'))
    .option('--demo', helpText(lang, 'cli.help.opt.serveDemo'))
    .option('--port <n>', helpText(lang, 'cli.help.opt.port'), portNumber, 0)
    .option('--host <host>', helpText(lang, 'cli.help.opt.host'), '127.0.0.1')
    .option(...migrationsDirOption(lang))
    .action(async (db: string | undefined, options: ServeOptions) => {
      const error = await serveCommand({
        db,
        demo: options.demo === true,
        migrationsDir: resolvedOrUndefined(options.migrationsDir),
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 0,
        announce: ({ database, demo, url }) => {
          const langs: Lang[] = lang === 'en' ? ['en'] : ['en', lang];
          for (const each of langs) {
            const text = TEXT[each];
            const what =
              database === null ? text.servingStartPage : demo ? text.servingDemo(database) : database;
            io.stdout(`${text.serving(what, url)}\n`);
          }
          io.stderr(`${TEXT[lang].serveStop}\n`);
        },
        log: (line) => io.stderr(`paneldb serve: ${line}\n`),
      });
      if (error !== null) fail(error, false);
    });
}

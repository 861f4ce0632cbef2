// `paneldb serve`: the PanelDB window in a browser, on a loopback address with a private token.
// The URL is announced in English and, for another language, in that one too.
import { type Command, InvalidArgumentError } from 'commander';
import { serveCommand } from '../../server/serve-command';
import {
  MIGRATIONS_DIR_OPTION,
  resolvedOrUndefined,
  wholeNumber,
  type CommandContext,
} from '../command-context';
import { TEXT, type Lang } from '../messages';

function portNumber(text: string): number {
  const port = wholeNumber(text);
  if (port > 65535) throw new InvalidArgumentError('expected a port number (0-65535).');
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
    .description('open the PanelDB window in your browser: loopback only (127.0.0.1), with a private token')
    .argument('[db]', 'the panel database file to open (default: none; the start page offers the demo)')
    .option('--demo', 'open a fresh copy of the bundled demo database')
    .option('--port <n>', 'port to listen on (default 0: any free port)', portNumber, 0)
    .option('--host <host>', 'loopback address to listen on: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .option(...MIGRATIONS_DIR_OPTION)
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

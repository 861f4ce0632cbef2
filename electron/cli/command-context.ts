// What main.ts hands every file in commands/: the language, the output, a way to open the engine on
// the database a command names, and the one path a Result takes to the terminal and the exit
// status. Plus the options and argument parsers several commands share, so their help reads alike.
import { resolve } from 'node:path';
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { createPanelEngine } from '../app/panel-engine';
import { createDemoDatabase, nodeFileSystem, type Engine } from '../core/index';
import { translate, type MessageKey } from '../shared/i18n';
import type { AppError, Result } from '../shared/result';
import type { SecretSource } from './commands/set-password';
import { helpText } from './help-text';
import { TEXT, type Lang } from './messages';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where `set-password` reads the password (tests pipe one in). */
  secrets?: SecretSource;
}

/** The options that decide which database an engine opens, and how. */
export interface EngineOptions {
  json?: boolean;
  demo?: boolean;
  backupDir?: string;
  ignoreWal?: boolean;
  migrationsDir?: string;
}

/** Prints a Result (text or `--json`) and hands back its value, or prints its error and sets the exit status. */
export type ReportResult = <T>(
  result: Result<T>,
  json: boolean | undefined,
  text: (value: T) => string,
) => T | undefined;

export interface CommandContext {
  lang: Lang;
  io: CliIo;
  engineFor: (db: string | undefined, options: EngineOptions) => Promise<Engine>;
  report: ReportResult;
  setExitCode: (code: number) => void;
  /** Prints `error` as every failure is printed and sets the exit status from its code. */
  fail: (error: AppError, json: boolean | undefined) => void;
}

/** `--backup-dir`, as every command that writes a backup offers it. */
export const backupDirOption = (lang: Lang) =>
  ['--backup-dir <dir>', helpText(lang, 'cli.help.opt.backupDir')] as const;

/** `--migrations-dir`, as every command that plans steps offers it. */
export const migrationsDirOption = (lang: Lang) =>
  ['--migrations-dir <dir>', helpText(lang, 'cli.help.opt.migrationsDir')] as const;

/** `--json`, the same words on every command. */
export const jsonOption = (lang: Lang) => ['--json', helpText(lang, 'cli.help.opt.json')] as const;

/** A command on `[db]` that can run on a fresh demo copy (`--demo`) instead of a file. */
export const databaseOrDemoCommand = (
  program: Command,
  lang: Lang,
  name: string,
  description: MessageKey,
  dbHelp: MessageKey = 'cli.help.arg.db',
) =>
  program
    .command(name)
    .description(helpText(lang, description))
    .argument('[db]', helpText(lang, dbHelp))
    .option('--demo', helpText(lang, 'cli.help.opt.demo'));

/** commander parser for a count or a version. */
export function wholeNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(translate('en', 'cli.error.wholeNumber'));
  return Number(text);
}

/** `--migrations-dir` and the like: an absolute path, or absent. */
export const resolvedOrUndefined = (path: string | undefined) =>
  path === undefined ? undefined : resolve(path);

/**
 * The engine on the database a command names (or on a fresh demo copy with --demo). `onDatabase`
 * learns the path, for the command lines an error's hint prints.
 */
export async function openEngine(
  io: CliIo,
  lang: Lang,
  db: string | undefined,
  options: EngineOptions,
  onDatabase: (path: string) => void,
): Promise<Engine> {
  let dbPath: string;
  if (options.demo === true) {
    dbPath = await createDemoDatabase(nodeFileSystem);
    if (options.json !== true) io.stderr(`${TEXT[lang].demoCopy}: ${dbPath}\n`);
  } else if (db === undefined) {
    throw new CommanderError(2, 'paneldb.missingDatabase', translate('en', 'cli.error.missingDatabase'));
  } else {
    dbPath = resolve(db);
  }
  onDatabase(dbPath);
  return createPanelEngine({
    dbPath,
    backupDir: resolvedOrUndefined(options.backupDir),
    ignoreWal: options.ignoreWal === true,
    migrationsDir: resolvedOrUndefined(options.migrationsDir),
    // Progress goes to stderr so --json output on stdout stays parseable.
    onProgress: (event) => {
      if (event.kind === 'step') {
        io.stderr(
          `${TEXT[lang].stepProgress(event.index + 1, event.total, event.direction, event.version, event.name)}\n`,
        );
      } else if (event.done === event.total || event.done % 10 === 0) {
        io.stderr(`${TEXT[lang].rowProgress(event.done, event.total)}\n`);
      }
    },
  });
}

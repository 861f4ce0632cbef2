// `paneldb`: the engine's commands for terminals and scripts. Text for people, `--json` for scripts;
// failures are one line (never a stack trace) and a documented exit status. This file builds the
// program (its global options), registers the commands of commands/ in help order, and owns the one
// path every failure takes to the terminal and the exit status.
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../core/index';
import { renderMessage, translate, type MessageKey } from '../shared/i18n';
import type { AppError } from '../shared/result';
import { registerCheckCommands } from './check-command';
import { openEngine, type CliIo, type CommandContext } from './command-context';
import { registerBackupCommand } from './commands/backup';
import { registerBackupsCommand } from './commands/backups';
import { registerCheckRoundTripCommand } from './commands/check-roundtrip';
import { registerHistoryCommand } from './commands/history';
import { registerLintCommand } from './commands/lint';
import { registerMigrateCommand } from './commands/migrate';
import { registerRecoverCommand } from './commands/recover';
import { registerRepairCommand } from './commands/repair';
import { registerRestoreCommand } from './commands/restore';
import { registerRollbackCommand } from './commands/rollback';
import { registerServeCommand } from './commands/serve';
import { processSecrets, registerSetPassword } from './commands/set-password';
import { registerStatusCommand } from './commands/status';
import { registerVerifyCommand } from './commands/verify';
import { EXIT, exitCodeFor } from './exit-codes';
import { configureHelpText, helpText } from './help-text';
import { safetyNoteLines } from './format';
import { hintLine } from './hint-wording';
import { errorLine, hintLines, pickLang, safetyNotesHeader, TEXT, type Lang } from './messages';

export type { CliIo } from './command-context';
export { tuneWasmFor } from './wasm-tier';

/** The CommanderError codes PanelDB raises itself, and their messages. */
const OWN_USAGE_ERRORS: Readonly<Record<string, MessageKey>> = {
  'paneldb.missingDatabase': 'cli.error.missingDatabase',
  'paneldb.conflict': 'cli.error.stepsOrTo',
};

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  /** The database the command names, for the command lines a hint prints (issue 14B). */
  let hintDatabase: string | null = null;
  const wantsJson = argv.includes('--json');
  const langOption = argv.find((arg, index) => argv[index - 1] === '--lang' || arg.startsWith('--lang='));
  const lang: Lang = pickLang(langOption?.replace(/^--lang=/, ''), io.env);
  const printError = (error: AppError, json: boolean) => printErrorTo(io, error, json, lang, hintDatabase);

  const context: CommandContext = {
    lang,
    io,
    engineFor: (db, options) =>
      openEngine(io, lang, db, options, (path) => {
        hintDatabase = path;
      }),
    report: (result, json, text) => {
      if (!result.ok) {
        exitCode = printError(result.error, json === true);
        return undefined;
      }
      io.stdout(json ? `${JSON.stringify(result.value, null, 2)}\n` : `${text(result.value)}\n`);
      const notes = json ? [] : safetyNoteLines(result.value, lang);
      if (notes.length > 0) io.stderr(`${safetyNotesHeader(lang)}:\n${notes.join('\n')}\n`);
      return result.value;
    },
    setExitCode: (code) => {
      exitCode = code;
    },
    fail: (error, json) => {
      exitCode = printError(error, json === true);
    },
  };

  const program = new Command()
    .name('paneldb')
    .description(helpText(lang, 'cli.help.paneldb'))
    .version(TOOL_VERSION, '-V, --version', helpText(lang, 'cli.help.opt.version'))
    .option('--lang <lang>', helpText(lang, 'cli.help.opt.lang'))
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Usage errors are printed by the catch below, once, in the right format.
      outputError: () => undefined,
    });

  configureHelpText(program, lang);
  // The order here is the order of `paneldb --help`.
  registerStatusCommand(program, context);
  registerBackupCommand(program, context);
  registerBackupsCommand(program, context);
  registerVerifyCommand(program, context);
  registerMigrateCommand(program, context);
  registerHistoryCommand(program, context);
  registerRollbackCommand(program, context);
  registerCheckRoundTripCommand(program, context);
  registerRestoreCommand(program, context);
  registerRepairCommand(program, context);
  registerCheckCommands(program, context);
  registerSetPassword(program, context, io.secrets ?? processSecrets);
  registerRecoverCommand(program, context);
  registerLintCommand(program, context);
  registerServeCommand(program, context);

  // Bare `paneldb` (or only --lang): the help, not "error: (outputHelp)".
  if (argv.filter((arg, index) => !arg.startsWith('--lang') && argv[index - 1] !== '--lang').length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.exitCode === 0) return EXIT.ok;
      const message = thrown.message.replace(/^error: /, '');
      // PanelDB's own usage errors have a catalog text; commander's are English only (its words).
      const own = OWN_USAGE_ERRORS[thrown.code];
      return printError(
        {
          code: 'INVALID_ARGUMENT',
          message: translate('en', 'cli.error.seeHelp', { message }),
          ...(own === undefined ? {} : { msg: { key: own } }),
        },
        wantsJson,
      );
    }
    const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    return printError(
      {
        code: 'INTERNAL',
        message: translate('en', 'cli.error.internal'),
        msg: { key: 'cli.error.internal' },
        detail,
      },
      wantsJson,
    );
  }
  return exitCode;
}

/** One failure, as JSON on stdout or as lines on stderr; answers the exit status its code maps to. */
function printErrorTo(
  io: CliIo,
  error: AppError,
  json: boolean,
  lang: Lang,
  database: string | null,
): number {
  if (json) {
    io.stdout(`${JSON.stringify({ error }, null, 2)}\n`);
  } else {
    io.stderr(`paneldb: ${TEXT[lang].error}: ${errorLine(lang, error)}\n`);
    const hint = hintLine(lang, error, database);
    if (hint !== null) io.stderr(`paneldb: → ${hint}\n`);
    for (const line of hintLines(lang, error.hint)) io.stderr(`  ${line}\n`);
    if (error.detail !== undefined && io.env.PANELDB_DEBUG)
      io.stderr(`${renderMessage(lang, error.detail_msg, error.detail)}\n`);
  }
  return exitCodeFor(error.code);
}

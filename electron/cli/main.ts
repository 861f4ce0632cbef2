// `paneldb`: the engine's commands for terminals and scripts. Text for people, `--json` for scripts;
// failures are one line (never a stack trace) and a documented exit status.
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createPanelEngine } from '../app/panel-engine';
import { createDemoDatabase, nodeFileSystem, TOOL_VERSION, verifyBackup } from '../core/index';
import { formatLintReport } from '../lint/format';
import { lintMigrationsDir } from '../lint/lint';
import { serveCommand } from '../server/serve-command';
import type { AppError, Result } from '../shared/result';
import { EXIT, exitCodeFor } from './exit-codes';
import { hintLine } from './hint-wording';
import {
  formatBackupCreated,
  formatBackups,
  formatHistory,
  formatRepair,
  formatRestore,
  formatRoundTrip,
  formatRunReport,
  formatStatus,
  formatVerify,
} from './format';
import { registerCheckCommands, XHTTP_FLOW_HELP, xhttpFlowMode } from './check-command';
import { registerRecoverCommand } from './commands/recover';
import { errorLine, pickLang, TEXT, type Lang, hintLines, safetyNotesHeader } from './messages';
import { processSecrets, registerSetPassword, type SecretSource } from './commands/set-password';
import { localizeHelpZhCN } from './help-zh-CN';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where `set-password` reads the password (tests pipe one in). */
  secrets?: SecretSource;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

interface CommonOptions {
  json?: boolean;
  backupDir?: string;
  ignoreWal?: boolean;
  demo?: boolean;
  to?: number;
  steps?: number;
  dryRun?: boolean;
  forceVersion?: number;
  xhttpFlow?: 'safe' | 'panel';
  /** A plan fingerprint printed by a dry run: refuse if the plan is not that one any more. */
  expect?: string;
  /** repair --force-version on a clean file: the steps marked applied will never run. */
  iUnderstandStepsWillNotRun?: boolean;
  port?: number;
  host?: string;
  migrationsDir?: string;
  checks?: boolean;
  full?: boolean;
}

function wholeNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('expected a whole number.');
  return Number(text);
}

function portNumber(text: string): number {
  const port = wholeNumber(text);
  if (port > 65535) throw new InvalidArgumentError('expected a port number (0-65535).');
  return port;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  hintDatabase = null;
  const wantsJson = argv.includes('--json');
  const langOption = argv.find((arg, index) => argv[index - 1] === '--lang' || arg.startsWith('--lang='));
  const lang: Lang = pickLang(langOption?.replace(/^--lang=/, ''), io.env);

  const report = <T>(
    result: Result<T>,
    json: boolean | undefined,
    text: (value: T) => string,
  ): T | undefined => {
    if (!result.ok) {
      exitCode = printError(io, result.error, json === true, lang);
      return undefined;
    }
    io.stdout(json ? `${JSON.stringify(result.value, null, 2)}\n` : `${text(result.value)}\n`);
    const notes = (result.value as { safety_notes?: unknown } | null)?.safety_notes;
    if (!json && Array.isArray(notes) && notes.length > 0)
      io.stderr(`${safetyNotesHeader(lang)}:\n${notes.map((note) => `  - ${String(note)}`).join('\n')}\n`);
    return result.value;
  };
  const engineFor = async (db: string | undefined, options: CommonOptions) => {
    let dbPath: string;
    if (options.demo === true) {
      dbPath = await createDemoDatabase(nodeFileSystem);
      if (options.json !== true) io.stderr(`${TEXT[lang].demoCopy}: ${dbPath}\n`);
    } else if (db === undefined) {
      throw new CommanderError(
        2,
        'paneldb.missingDatabase',
        "missing required argument 'db' (or use --demo)",
      );
    } else {
      dbPath = resolve(db);
    }
    hintDatabase = dbPath;
    return createPanelEngine({
      dbPath,
      backupDir: options.backupDir === undefined ? undefined : resolve(options.backupDir),
      ignoreWal: options.ignoreWal === true,
      migrationsDir: options.migrationsDir === undefined ? undefined : resolve(options.migrationsDir),
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
  };

  const program = new Command()
    .name('paneldb')
    .description('Inspect, back up and migrate X-Panel / 3x-ui panel databases (x-ui.db), offline.')
    .version(TOOL_VERSION)
    .option('--lang <lang>', 'text language: en or zh-CN (default: from LANG)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Usage errors are printed by the catch below, once, in the right format.
      outputError: () => undefined,
    });

  const backupDirOption = [
    '--backup-dir <dir>',
    'backup folder (default: <db>.backups beside the database)',
  ] as const;
  const migrationsDirOption = [
    '--migrations-dir <dir>',
    'a golang-migrate folder (NNNNNN_name.up.sql / .down.sql) whose versions above 5 run after the built-in steps',
  ] as const;

  program
    .command('status')
    .description(
      'show version, applied and pending steps, journal/WAL state, tables and integrity (quick check)',
    )
    .argument('[db]', 'the panel database file (x-ui.db); its -wal beside it is merged')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .option('--ignore-wal', 'read the main file alone even though a -wal exists (shows old data)')
    .option(...migrationsDirOption)
    .option('--checks', 'also run the health checks (`paneldb check`; reads every JSON column)')
    .option('--full', 'run the full integrity_check instead of the quick_check (slower on big files)')
    .action(async (db: string | undefined, options: CommonOptions) => {
      const request = { checks: options.checks === true, full: options.full === true };
      report(await (await engineFor(db, options)).getStatus(request), options.json, (status) =>
        formatStatus(status, lang),
      );
    });

  program
    .command('backup')
    .description('write a verified, private (0600) standalone backup of the database, WAL merged')
    .argument('[db]', 'the panel database file')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string | undefined, options: CommonOptions) => {
      report(await (await engineFor(db, options)).createBackup('manual'), options.json, (entry) =>
        formatBackupCreated(entry, lang),
      );
    });

  program
    .command('backups')
    .description("list PanelDB's backups and the panel's own <db>.backup.<unix> files, newest first")
    .argument('[db]', 'the panel database file')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string | undefined, options: CommonOptions) => {
      report(await (await engineFor(db, options)).listBackups(), options.json, (list) =>
        formatBackups(list, lang),
      );
    });

  program
    .command('verify')
    .description('check a backup: integrity_check, sha256 against its metadata, panel tables')
    .argument('<file>', 'a backup file')
    .option('--json', 'print JSON for scripts')
    .action(async (file: string, options: CommonOptions) => {
      const verified = report(await verifyBackup(resolve(file)), options.json, (value) =>
        formatVerify(value, lang),
      );
      if (verified !== undefined && !verified.ok) exitCode = EXIT.badInput;
    });

  program
    .command('migrate')
    .description('back up, then apply the pending steps in memory and replace the file only if all succeed')
    .argument('[db]', 'the panel database file')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--to <version>', 'stop after this version', wholeNumber)
    .option('--dry-run', 'write nothing; show every row that would change with a JSON diff')
    .option('--xhttp-flow <mode>', XHTTP_FLOW_HELP, xhttpFlowMode)
    .option(
      '--expect <fingerprint>',
      'refuse unless the plan is the one a --dry-run printed (the file did not change)',
    )
    .option(...migrationsDirOption)
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string | undefined, options: CommonOptions) => {
      const engine = await engineFor(db, options);
      const request = { to: options.to, xhttpFlow: options.xhttpFlow, expect: options.expect };
      const result = options.dryRun ? await engine.previewMigrate(request) : await engine.migrate(request);
      report(result, options.json, (run) => formatRunReport(run, lang));
    });

  program
    .command('history')
    .description('list the steps PanelDB ran on this file, with times, durations, rows changed and outcome')
    .argument('[db]', 'the panel database file')
    .option('--demo', 'use a fresh copy of the bundled demo database')
    .option('--json', 'print JSON for scripts')
    .action(async (db: string | undefined, options: CommonOptions) => {
      report(await (await engineFor(db, options)).getHistory(), options.json, (entries) =>
        formatHistory(entries, lang),
      );
    });

  program
    .command('rollback')
    .description(
      'back up, then undo the last step(s) exactly from their before-images (irreversible steps refuse)',
    )
    .argument('<db>', 'the panel database file')
    .option('--steps <n>', 'how many steps to undo (default 1)', wholeNumber)
    .option('--to <version>', 'undo every step above this version', wholeNumber)
    .option('--dry-run', 'run the downs in memory only: show them and the plan fingerprint')
    .option('--expect <fingerprint>', 'refuse unless the plan is the one a --dry-run printed')
    .option(...migrationsDirOption)
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string, options: CommonOptions) => {
      if (options.steps !== undefined && options.to !== undefined) {
        throw new CommanderError(2, 'paneldb.conflict', 'use --steps or --to, not both');
      }
      const base = options.to !== undefined ? { to: options.to } : { steps: options.steps ?? 1 };
      const request = { ...base, expect: options.expect, dryRun: options.dryRun === true };
      report(await (await engineFor(db, options)).rollBack(request), options.json, (run) =>
        formatRunReport(run, lang),
      );
    });

  program
    .command('check-roundtrip')
    .description(
      'on an in-memory copy, run up → down → up for every pending step and check the down restores the touched tables exactly; exit 3 when one does not',
    )
    .argument('<db>', 'the panel database file (never written)')
    .option(...migrationsDirOption)
    .option('--json', 'print JSON for scripts')
    .action(async (db: string, options: CommonOptions) => {
      const checked = report(await (await engineFor(db, options)).checkRoundTrip(), options.json, (value) =>
        formatRoundTrip(value),
      );
      if (checked !== undefined && !checked.passed) exitCode = EXIT.badInput;
    });

  program
    .command('restore')
    .description('verify a backup, keep a safety backup of the current file, then replace it atomically')
    .argument('<db>', 'the panel database file to replace')
    .argument('<backup>', 'a backup file, or a backup id as `paneldb backups` lists it')
    .option(
      '--accept-unverified',
      'restore a backup that has no PanelDB metadata (nothing proves its content)',
    )
    .option(
      '--accept-risk',
      'restore even a backup the panel cannot start on, or one with far fewer inbounds than the file now',
    )
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(
      async (
        db: string,
        backup: string,
        options: CommonOptions & { acceptUnverified?: boolean; acceptRisk?: boolean },
      ) => {
        const engine = await engineFor(db, options);
        const reference = backup.includes('/') || backup.includes('\\') ? resolve(backup) : backup;
        const restored = await engine.restoreBackup(reference, {
          acceptUnverified: options.acceptUnverified === true,
          acceptRisk: options.acceptRisk === true,
        });
        report(restored, options.json, (value) => formatRestore(value, lang));
      },
    );

  program
    .command('repair')
    .description('for a dirty or half-applied file: show the evidence and the recommended action')
    .argument('<db>', 'the panel database file')
    .option(
      '--force-version <version>',
      'back up, then mark the file clean at this version (a dirty or marker-inconsistent file)',
      wholeNumber,
    )
    .option(
      '--i-understand-steps-will-not-run',
      'with --force-version on a clean file: the steps it marks applied never run (their changes are never made)',
    )
    .option('--expect <fingerprint>', 'refuse unless the force plan is the one `repair --json` listed')
    .option('--json', 'print JSON for scripts')
    .option(...backupDirOption)
    .action(async (db: string, options: CommonOptions) => {
      const request =
        options.forceVersion === undefined
          ? {}
          : {
              forceVersion: options.forceVersion,
              acknowledgeSkipped: options.iUnderstandStepsWillNotRun === true,
              expect: options.expect,
            };
      report(await (await engineFor(db, options)).repair(request), options.json, (value) =>
        formatRepair(value, lang),
      );
    });

  registerCheckCommands(program, {
    lang,
    engineFor,
    report,
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  registerSetPassword(program, {
    lang,
    secrets: io.secrets ?? processSecrets,
    engineFor,
    report,
    refuse: (message, json) => {
      exitCode = printError(io, { code: 'INVALID_ARGUMENT', message }, json === true, lang);
    },
  });
  registerRecoverCommand(program, { lang, report });

  program
    .command('lint')
    .description(
      "check a golang-migrate folder (NNNNNN_name.up.sql / .down.sql) for the mistakes of the panel's own migrations; exit 3 when errors are found",
    )
    .argument('<dir>', 'the folder holding the migration files')
    .option('--json', 'print JSON for scripts')
    .action(async (dir: string, options: { json?: boolean }) => {
      const folder = resolve(dir);
      const result = await lintMigrationsDir(folder);
      const linted = report(
        result.ok ? { ok: true, value: { dir: folder, ...result.value } } : result,
        options.json,
        (value) => formatLintReport(value, folder, TEXT[lang].lint),
      );
      if (linted !== undefined && linted.summary.error > 0) exitCode = EXIT.badInput;
    });

  program
    .command('serve')
    .description('open the PanelDB window in your browser: loopback only (127.0.0.1), with a private token')
    .argument('[db]', 'the panel database file to open (default: none; the start page offers the demo)')
    .option('--demo', 'open a fresh copy of the bundled demo database')
    .option('--port <n>', 'port to listen on (default 0: any free port)', portNumber, 0)
    .option('--host <host>', 'loopback address to listen on: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .option(...migrationsDirOption)
    .action(async (db: string | undefined, options: CommonOptions) => {
      const error = await serveCommand({
        db,
        demo: options.demo === true,
        migrationsDir: options.migrationsDir === undefined ? undefined : resolve(options.migrationsDir),
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
      if (error !== null) exitCode = printError(io, error, false, lang);
    });

  if (lang === 'zh-CN') localizeHelpZhCN(program);
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
      return printError(
        io,
        { code: 'INVALID_ARGUMENT', message: `${message} (see paneldb --help)` },
        wantsJson,
        lang,
      );
    }
    const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    return printError(
      io,
      { code: 'INTERNAL', message: 'PanelDB hit an unexpected error; nothing was written.', detail },
      wantsJson,
      lang,
    );
  }
  return exitCode;
}

/** The database the command names, for the command lines a hint prints (issue 14B). */
let hintDatabase: string | null = null;

function printError(io: CliIo, error: AppError, json: boolean, lang: Lang): number {
  if (json) {
    io.stdout(`${JSON.stringify({ error }, null, 2)}\n`);
  } else {
    io.stderr(`paneldb: ${TEXT[lang].error}: ${errorLine(lang, error)}\n`);
    const hint = hintLine(lang, error, hintDatabase);
    if (hint !== null) io.stderr(`paneldb: → ${hint}\n`);
    for (const line of hintLines(lang, error.hint)) io.stderr(`  ${line}\n`);
    if (error.detail !== undefined && io.env.PANELDB_DEBUG) io.stderr(`${error.detail}\n`);
  }
  return exitCodeFor(error.code);
}

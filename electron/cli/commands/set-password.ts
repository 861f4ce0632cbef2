// `paneldb set-password <db> --user NAME`: the way back in when nobody can log in. The password is
// never taken from argv (it would sit in the shell history and in `ps`): it is read from stdin when
// stdin is not a terminal (`printf '%s\n' "$PW" | paneldb set-password …`), otherwise asked for
// twice with echo off. Stored as bcrypt (cost 10) after a verified backup, logged as a fix, and
// undone with `paneldb fix <db> users.set-password --revert`.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Engine } from '../../core/index';
import type { RunReport } from '../../shared/reports';
import type { Result } from '../../shared/result';
import { DECISION_TEXT } from '../decision-messages';
import type { Lang } from '../messages';

export interface SecretSource {
  /** Whole stdin when it is not a terminal; null when it is one. */
  readPiped(): Promise<string | null>;
  /** Asks on the terminal with echo off. */
  ask(question: string): Promise<string>;
}

export const processSecrets: SecretSource = {
  async readPiped() {
    if (process.stdin.isTTY) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  },
  ask(question) {
    // Output muted after the question, so the typed password is not echoed.
    let muted = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    return new Promise((resolve) => {
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  },
};

interface Helpers {
  lang: Lang;
  secrets: SecretSource;
  engineFor: (db: string | undefined, options: { json?: boolean; backupDir?: string }) => Promise<Engine>;
  report: <T>(result: Result<T>, json: boolean | undefined, text: (value: T) => string) => T | undefined;
  refuse: (message: string, json: boolean | undefined) => void;
}

/** The first line of piped input, without its line ending (a trailing newline is not part of it). */
export const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

export function registerSetPassword(program: Command, helpers: Helpers): void {
  const { lang, secrets } = helpers;
  program
    .command('set-password')
    .description(
      'back up, then store a new password for a panel user as bcrypt (cost 10); the password is read from stdin or asked for, never from the command line',
    )
    .argument('<db>', 'the panel database file')
    .requiredOption('--user <name>', 'the panel user (users.username)')
    .option('--json', 'print JSON for scripts')
    .option('--backup-dir <dir>', 'backup folder (default: <db>.backups beside the database)')
    .action(async (db: string, options: { user: string; json?: boolean; backupDir?: string }) => {
      const text = DECISION_TEXT[lang];
      const piped = await secrets.readPiped();
      let password: string;
      if (piped !== null) password = firstLine(piped);
      else {
        password = await secrets.ask(text.passwordPrompt(options.user));
        const again = await secrets.ask(text.passwordRepeat);
        if (again !== password) return helpers.refuse(text.passwordMismatch, options.json);
      }
      const engine = await helpers.engineFor(db, options);
      const result: Result<RunReport> = await engine.setPassword({ username: options.user, password });
      helpers.report(result, options.json, (run) => text.passwordSet(options.user, run.backup?.path ?? ''));
    });
}

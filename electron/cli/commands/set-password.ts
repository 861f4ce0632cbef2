// `paneldb set-password <db> --user NAME`: the way back in when nobody can log in. The password is
// never taken from argv (it would sit in the shell history and in `ps`): it is read from stdin when
// stdin is not a terminal (`printf '%s\n' "$PW" | paneldb set-password …`), otherwise asked for
// twice with echo off. Stored as bcrypt (cost 10) after a verified backup, logged as a fix, and
// undone with `paneldb fix <db> users.set-password --revert`.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { RunReport } from '../../shared/reports';
import type { Result } from '../../shared/result';
import { backupDirOption, jsonOption, type CommandContext, type EngineOptions } from '../command-context';
import { translate } from '../../shared/i18n';
import { DECISION_TEXT } from '../decision-messages';
import { helpText } from '../help-text';

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

/** The first line of piped input, without its line ending (a trailing newline is not part of it). */
export const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

export function registerSetPassword(
  program: Command,
  { lang, engineFor, report, fail }: Pick<CommandContext, 'lang' | 'engineFor' | 'report' | 'fail'>,
  secrets: SecretSource,
): void {
  program
    .command('set-password')
    .description(helpText(lang, 'cli.help.set-password'))
    .argument('<db>', helpText(lang, 'cli.help.arg.db'))
    .requiredOption('--user <name>', helpText(lang, 'cli.help.opt.user'))
    .option(...jsonOption(lang))
    .option(...backupDirOption(lang))
    .action(async (db: string, options: EngineOptions & { user: string }) => {
      const text = DECISION_TEXT[lang];
      const piped = await secrets.readPiped();
      let password: string;
      if (piped !== null) password = firstLine(piped);
      else {
        password = await secrets.ask(text.passwordPrompt(options.user));
        const again = await secrets.ask(text.passwordRepeat);
        if (again !== password) {
          const msg = { key: 'cli.password.mismatch' } as const;
          fail({ code: 'INVALID_ARGUMENT', message: translate('en', msg.key), msg }, options.json);
          return;
        }
      }
      const engine = await engineFor(db, options);
      const result: Result<RunReport> = await engine.setPassword({ username: options.user, password });
      report(result, options.json, (run) => text.passwordSet(options.user, run.backup?.path ?? ''));
    });
}

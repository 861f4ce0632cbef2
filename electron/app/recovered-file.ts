// Issue 17: the output of a session's last recovery, the only file "Open the recovered file" opens.
// The page names no path: the session keeps the one the recovery wrote (a native save dialog or the
// engine's own name beside the input) with the SHA-256 of the bytes written, and opens it only while
// the file still holds exactly those bytes and no -wal has appeared beside it.
import { basename } from 'node:path';
import { message, ref, type MessageKey } from '../shared/i18n';
import type { RecoverReport } from '../shared/recover-reports';
import { ok, type ErrorCode, type Result } from '../shared/result';
import type { EngineRunner } from './engine-runner';

/** A refusal whose text is a catalog key, so the page shows it in the reader's language. */
function refuse<T>(code: ErrorCode, key: MessageKey, name?: string): Result<T> {
  const text = message(key, name === undefined ? undefined : { name });
  return { ok: false, error: { code, message: text.text, msg: ref(text) } };
}

export interface RecoveredFile {
  /** Keeps what a successful recovery wrote; a later one replaces it. */
  remember(report: RecoverReport): void;
  /** The path to open, or the refusal: none yet, gone, changed, or a -wal beside it. */
  check(): Promise<Result<string>>;
}

export function recoveredFile(runner: EngineRunner): RecoveredFile {
  let last: { path: string; sha256: string } | null = null;
  return {
    remember: (report) => {
      last = { path: report.output, sha256: report.output_sha256 };
    },
    check: async () => {
      const wanted = last;
      if (wanted === null) return refuse('NO_RECOVERY_OUTPUT', 'recoveryOpen.none');
      const name = basename(wanted.path);
      const now = await runner.run({ dbPath: wanted.path }, 'fingerprintFile', undefined);
      if (!now.ok) {
        return now.error.code === 'FILE_NOT_FOUND'
          ? refuse('FILE_NOT_FOUND', 'recoveryOpen.gone', name)
          : now;
      }
      if (now.value.sha256 !== wanted.sha256)
        return refuse('FILE_CHANGED_ON_DISK', 'recoveryOpen.changed', name);
      if (now.value.wal) return refuse('FILE_CHANGED_ON_DISK', 'recoveryOpen.walBeside', name);
      return ok(wanted.path);
    },
  };
}

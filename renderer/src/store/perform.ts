// One way to run an operation: mark it busy, follow its progress, turn its Result into either a
// value or an error on display plus a log entry, and after a write re-read what it may have changed.
import { message } from '../../../electron/shared/i18n';
import { appError, type Result } from '../../../electron/shared/result';
import type { Message } from '../i18n';
import type { Operation } from './activity-slice';
import type { SliceDeps } from './state';

export interface PerformOptions<T> {
  /** Writes change the file: one at a time, then status, history and backups are read again. */
  write?: boolean;
  /** Shows the progress bar from ProgressEvents while it runs. */
  progress?: boolean;
  /** Applied before the refresh, so a report is on screen as soon as the run ends. */
  onOk?: (value: T) => void | Promise<void>;
  /** The log line for a success; none when null. */
  success?: (value: T) => Message | null;
}

export async function perform<T>(
  { get, set }: Pick<SliceDeps, 'get' | 'set'>,
  operation: Operation,
  call: () => Promise<Result<T>>,
  options: PerformOptions<T> = {},
): Promise<T | null> {
  const exclusive = options.write === true || options.progress === true || operation === 'open';
  if (exclusive && get().busy !== null) return null;
  if (exclusive) set({ busy: operation, error: null, errorOperation: null });
  if (options.progress === true) get().startProgress(operation);
  let result: Result<T>;
  try {
    result = await call();
  } catch (thrown) {
    // The thrown text (a transport's, in English) is data inside a sentence of the reader's language.
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    result = {
      ok: false,
      error: { ...appError('INTERNAL', message('err.transport.threw', { reason })), message: reason },
    };
  }
  if (options.progress === true) get().finishProgress();
  if (result.ok) {
    await options.onOk?.(result.value);
    const message = options.success?.(result.value) ?? null;
    if (message !== null) get().log(operation, 'ok', message);
  } else {
    get().fail(operation, result.error);
  }
  if (options.write === true) await get().refreshAll();
  if (exclusive) set({ busy: null });
  return result.ok ? result.value : null;
}

// What an INTERNAL failure may say over HTTP: its fixed one-line message, never the detail the
// engine keeps for the CLI (a stack trace with the absolute paths of the install and the files).
import type { Result } from '../shared/result';

export function redactInternal<T>(result: Result<T>, log: (line: string) => void): Result<T> {
  if (result.ok || result.error.code !== 'INTERNAL' || result.error.detail === undefined) return result;
  log(`internal error: ${result.error.detail.split('\n')[0] ?? ''}`);
  const { code, message, msg } = result.error;
  return { ok: false, error: msg === undefined ? { code, message } : { code, message, msg } };
}

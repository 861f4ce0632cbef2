// Paths enter only from outside the page: the open dialog, a drop, the command line or a second
// launch. Before the engine reads one, it must be an absolute path to a regular file.
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fail, ok, type Result } from '../shared/result';
import { message } from '../shared/i18n';

export async function checkDatabaseFile(path: string): Promise<Result<string>> {
  if (!isAbsolute(path) || path.includes('\0')) {
    return fail('INVALID_ARGUMENT', message('err.file.notAbsolute', { path: JSON.stringify(path) }));
  }
  try {
    const info = await stat(path);
    return info.isFile() ? ok(path) : fail('NOT_A_FILE', message('err.file.notRegular', { path }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? fail('FILE_NOT_FOUND', message('errorText.notFound', { path }))
      : fail('FILE_UNREADABLE', message('errorText.unreadable', { path }), String(error));
  }
}

/**
 * The database named on the command line: the first argument after the app (or after Electron and
 * the script when run unpackaged) that is not a switch, resolved against the caller's folder.
 */
export function databaseArgument(argv: readonly string[], options: { defaultApp: boolean; cwd: string }) {
  const args = argv.slice(options.defaultApp ? 2 : 1);
  const path = args.find((arg) => arg !== '' && !arg.startsWith('-'));
  return path === undefined ? null : resolve(options.cwd, path);
}

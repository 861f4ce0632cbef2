// What a backup folder and a backup file must be before PanelDB trusts them: a private folder of
// ours (not a link, not someone else's, not wider than 0700), and standalone regular files. Nothing
// found beside a backup is merged into it or followed: a `-wal` beside it makes it invalid, because
// SQLite (and an earlier PanelDB) would replay it over the backup's pages.
import { constants } from 'node:fs';
import { EngineError, osErrorCode, osErrorText } from './engine-error';
import type { FileSystem } from './file-system';
import { message, ref, type KeyedText } from '../shared/i18n';

/** Files SQLite reads beside a database: a backup must have none of them. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

const POSIX = process.platform !== 'win32';

/**
 * Why an existing backup folder cannot be trusted, or null. Decision: refuse, never tighten. A
 * folder someone points `--backup-dir` at may be shared on purpose (their home, a mount), so PanelDB
 * does not chmod it behind their back; the message says how to make it private.
 */
export async function backupDirProblem(dir: string, fs: FileSystem): Promise<KeyedText | null> {
  const info = await fs.lstat(dir);
  if (info.isSymbolicLink()) return message('err.backupDir.why.symlink');
  if (!info.isDirectory()) return null; // the caller's "a file is in the way"
  if (!POSIX) return null; // Windows: no owner uid or mode bits to read; ACLs decide
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  if (uid !== null && info.uid !== uid)
    return message('err.backupDir.why.foreignOwner', { owner: info.uid, uid });
  const mode = info.mode & 0o777;
  if ((mode & 0o077) !== 0)
    return message('err.backupDir.why.permissions', { mode: mode.toString(8).padStart(4, '0') });
  return null;
}

/** Throws BACKUP_DIR_UNSAFE when the existing folder `dir` is not private; a missing folder is fine. */
export async function assertPrivateBackupDir(dir: string, fs: FileSystem): Promise<void> {
  const problem = await backupDirProblem(dir, fs).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT') return null;
    throw new EngineError(
      'BACKUP_DIR_UNWRITABLE',
      message('err.backupDir.cannotInspect', { path: dir }),
      osErrorText(thrown),
    );
  });
  if (problem !== null) {
    throw new EngineError(
      'BACKUP_DIR_UNSAFE',
      message('err.backupDir.notPrivate', { path: dir }, { problem: [ref(problem)] }),
    );
  }
}

/** The companions (`-wal`, `-shm`, `-journal`) present beside `path`, links and FIFOs included. */
export async function companionsOf(path: string, fs: FileSystem): Promise<string[]> {
  const present: string[] = [];
  for (const suffix of COMPANION_SUFFIXES) {
    const found = await fs.lstat(`${path}${suffix}`).then(
      () => true,
      (thrown: unknown) => osErrorCode(thrown) !== 'ENOENT',
    );
    if (found) present.push(suffix);
  }
  return present;
}

/** Throws BACKUP_INVALID when `path` is a link or special file, or has a companion beside it. */
export async function assertStandaloneBackup(path: string, fs: FileSystem): Promise<void> {
  const info = await fs.lstat(path).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT')
      throw new EngineError('BACKUP_NOT_FOUND', message('errorText.notFound', { path }));
    throw new EngineError('FILE_UNREADABLE', message('errorText.unreadable', { path }), osErrorText(thrown));
  });
  if (info.isSymbolicLink()) {
    throw new EngineError('BACKUP_INVALID', message('err.backup.symlink', { path }));
  }
  if (!info.isFile()) throw new EngineError('NOT_A_FILE', message('err.file.notRegular', { path }));
  const companions = await companionsOf(path, fs);
  if (companions.length > 0) {
    throw new EngineError(
      'BACKUP_INVALID',
      message('err.backup.notStandalone', {
        path,
        companions: companions.map((suffix) => `${path}${suffix}`).join(', '),
      }),
      companions.join(', '),
    );
  }
}

/**
 * Reads a small file only if it is a regular file and not a link: O_NOFOLLOW refuses a link, and
 * O_NONBLOCK keeps a FIFO planted under the name from hanging the open. Null when absent or unfit.
 */
export async function readRegularFile(
  path: string,
  fs: FileSystem,
  maxBytes: number,
): Promise<Buffer | null> {
  const before = await fs.lstat(path).catch(() => null);
  if (before === null || !before.isFile() || before.size > maxBytes) return null;
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const handle = await fs.open(path, flags).catch(() => null);
  if (handle === null) return null;
  try {
    const opened = await handle.stat();
    // Swapped between lstat and open: not the file that was checked.
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) return null;
    const bytes = Buffer.alloc(Math.min(opened.size, maxBytes));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// Files PanelDB finds beside a database (sidecars, temp files, its own records and lock) are never
// trusted to point somewhere else: they are opened without following links and without blocking,
// and anything but a regular file is refused at once (a FIFO named `x-ui.db-wal` would hang a plain
// open forever; a symlink named `x-ui.db-shm` would get its target chmod'ed).
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { EngineError, osErrorCode } from './engine-error';
import type { FileSystem } from './file-system';
import { message, ref } from '../shared/i18n';

// O_NOFOLLOW and O_NONBLOCK do not exist on Windows (where links need privileges to create): 0 there.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;
export const READ_NO_FOLLOW = constants.O_RDONLY | NO_FOLLOW | NON_BLOCK;

type Handle = Awaited<ReturnType<FileSystem['open']>>;

export function notAFile(path: string, stat: Stats | null): EngineError {
  const what = stat?.isSymbolicLink()
    ? message('err.file.kind.symlink')
    : stat?.isFIFO()
      ? message('err.file.kind.fifo')
      : stat?.isDirectory()
        ? message('err.file.kind.folder')
        : message('err.file.kind.notRegular');
  return new EngineError('NOT_A_FILE', message('err.file.leftAlone', { path }, { what: [ref(what)] }));
}

/** The file's lstat; null when it does not exist; NOT_A_FILE when it is a link, FIFO, folder, … */
export async function lstatRegular(path: string, fs: FileSystem): Promise<Stats | null> {
  const stat = await fs.lstat(path).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT' || osErrorCode(thrown) === 'ENOTDIR') return null;
    throw thrown;
  });
  if (stat !== null && !stat.isFile()) throw notAFile(path, stat);
  return stat;
}

/** Opens for reading without following a link or blocking on a FIFO, and proves it is a regular file. */
export async function openRegular(path: string, fs: FileSystem): Promise<Handle> {
  let handle: Handle;
  try {
    handle = await fs.open(path, READ_NO_FOLLOW);
  } catch (thrown) {
    // ELOOP: the last component is a symlink and O_NOFOLLOW refused it.
    if (osErrorCode(thrown) === 'ELOOP') throw notAFile(path, await fs.lstat(path).catch(() => null));
    throw thrown;
  }
  const stat = await handle.stat().catch(async (thrown: unknown) => {
    await handle.close();
    throw thrown;
  });
  if (!stat.isFile()) {
    await handle.close();
    throw notAFile(path, stat);
  }
  return handle;
}

/** readFile, without following links and refusing anything but a regular file. */
export async function readRegular(path: string, fs: FileSystem): Promise<Buffer> {
  const handle = await openRegular(path, fs);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

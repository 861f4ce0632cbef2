// Writing a database or a backup so a crash leaves the old bytes or the new ones: temp file in the
// same folder, fsync, rename, fsync the folder — and never a stale -wal beside a rewritten file.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { sha256OfFile, walPathOf, shmPathOf, type DiskState, type FileFingerprint } from './database';
import { EngineError, osErrorText, osErrorCode } from './engine-error';
import { sha256Hex, sha256InSlices, statDiffers, whileWaiting } from './fingerprint';
import { assertNotInUse, inUseError } from './file-holders';
import type { FileSystem } from './file-system';
import { lstatRegular, openRegular, readRegular } from './no-follow';
import { sameAsCopy } from './read-back';
import { saveIntentPathOf, type SaveIntent } from './save-intent';
import type { WriteLock } from './write-lock';
import type { FileHashes } from './operation-context';
import { message, type KeyedText } from '../shared/i18n';

export interface AtomicWriteOptions {
  fs: FileSystem;
  mode: number;
}

export const tempPathOf = (target: string) =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.paneldb-tmp`);

/** Temp file in the same folder → fsync → rename → fsync the folder. A crash leaves old bytes or new. */
export async function writeFileAtomically(
  target: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const { fs } = options;
  const temp = tempPathOf(target);
  let handle: Awaited<ReturnType<FileSystem['open']>> | undefined;
  try {
    handle = await fs.open(temp, 'wx', options.mode);
    await writeWhole(handle, bytes);
    await handle.chmod(options.mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (thrown) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new EngineError(
      'WRITE_FAILED',
      message('err.save.writeFailed', { path: target }),
      osErrorText(thrown),
    );
  }
  await syncFolder(dirname(target), fs);
}

/**
 * All of `bytes` at the start of the file, in as few writes as the system allows (usually one: a
 * single request to libuv's threads that needs nothing from this thread until it is done, unlike
 * FileHandle.writeFile's 512 KiB pieces).
 */
async function writeWhole(handle: Awaited<ReturnType<FileSystem['open']>>, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset);
    offset += bytesWritten;
  }
}

async function syncFolder(folder: string, fs: FileSystem): Promise<void> {
  // Makes the rename durable. Some platforms (Windows) cannot open a folder for fsync; the rename
  // itself is still atomic there.
  const handle = await fs.open(folder, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on file systems without directory fsync: nothing more we can do.
  } finally {
    await handle.close();
  }
}

/** Refuses when the database or its -wal changed since the image was loaded (the panel may be running). */
export async function assertUnchangedOnDisk(
  image: DiskState & { mainHeader?: Buffer | null },
  fs: FileSystem,
  verifiedCopy?: string,
): Promise<void> {
  const changed = (what: string) =>
    new EngineError('FILE_CHANGED_ON_DISK', message('err.save.changedSinceLoaded', { path: what }));
  // A different size or mtime is a change without reading anything (statDiffers); equal ones are
  // not proof, so every byte is then compared: with the backup just written and read back when it
  // is a copy of the file itself (two reads and a memcmp), else through the file's hash, streamed.
  if (await statDiffers(image.path, image.original, fs)) throw changed(image.path);
  const header = image.mainHeader ?? null;
  if (header !== null && verifiedCopy !== undefined) {
    const same = await sameAsCopy(image.path, verifiedCopy, header, fs).catch(() => false);
    if (!same) throw changed(image.path);
  } else {
    const current = await sha256OfFile(image.path, fs).catch(() => null);
    if (current === null || current.size !== image.original.size || current.sha256 !== image.original.sha256)
      throw changed(image.path);
  }
  const wal = await sha256OfFile(walPathOf(image.path), fs, true).catch((thrown: unknown) => {
    if (thrown instanceof EngineError) throw thrown; // a link or FIFO now: NOT_A_FILE
    return null;
  });
  if ((wal === null) !== (image.wal === null)) throw changed(walPathOf(image.path));
  if (
    wal !== null &&
    image.wal !== null &&
    (wal.size !== image.wal.size || wal.sha256 !== image.wal.sha256)
  ) {
    throw changed(walPathOf(image.path));
  }
}

/** The raw state of a file that could not be loaded (a damaged database about to be restored over). */
export async function diskStateOf(givenPath: string, fs: FileSystem): Promise<DiskState> {
  const path = await fs.realpath(givenPath).catch(() => givenPath);
  const fingerprint = async (file: string, noFollow: boolean): Promise<FileFingerprint | null> => {
    const stat = noFollow ? await lstatRegular(file, fs) : await fs.stat(file).catch(() => null);
    if (stat === null || !stat.isFile()) return null;
    const bytes = noFollow ? await readRegular(file, fs) : await fs.readFile(file);
    return { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: sha256Hex(bytes) };
  };
  const original = await fingerprint(path, false);
  if (original === null) throw new EngineError('FILE_NOT_FOUND', message('errorText.notFound', { path }));
  return { path, original, wal: await fingerprint(walPathOf(path), true) };
}

export interface ReplaceOptions {
  fs: FileSystem;
  /** PanelDB's private backup folder: where a stale -wal/-shm goes, and where the save record lives. */
  asideDir: string;
  now: () => Date;
  /** The write lock this save runs under: proven still ours right before the rename. */
  lock?: WriteLock;
  /** Receives what a person should know (an owner that could not be kept, …). */
  notes?: KeyedText[];
  /** The verified backup taken before this save, named in the record for recovery reports. */
  backupPath?: string;
  /**
   * The SHA-256 of `bytes` when the caller already holds it (a restore: the backup's image, hashed
   * when it was verified and never written to since), so 100 MB are not hashed a second time.
   */
  bytesSha256?: string;
  /** An audited write's record of the file's hashes: the save names what it replaced and what it put there. */
  fileHashes?: FileHashes;
}

/**
 * Replaces the database file with new bytes. Call only after a verified backup exists, under the
 * write lock. The replacement keeps the original's owner, group and mode. The -wal and -shm are
 * moved aside before the rename (a stale WAL beside the new file would be replayed by SQLite and
 * corrupt it). Right before the moves and the rename, the file is proven unchanged and not open in
 * another process. A crash leaves the old file (its -wal aside, with a record in the backup folder
 * that lets the next write put it back) or the new one.
 */
export async function replaceDatabaseFile(
  image: DiskState,
  bytes: Uint8Array,
  options: ReplaceOptions,
): Promise<string[]> {
  const { fs } = options;
  const target = image.path;
  // Links and special files named like sidecars are refused before anything is written.
  await lstatRegular(walPathOf(target), fs);
  await lstatRegular(shmPathOf(target), fs);
  await assertNotInUse(target);
  const identity = await fs.stat(target);
  const temp = tempPathOf(target);
  const intentPath = saveIntentPathOf(target, options.asideDir);
  let handle: Awaited<ReturnType<FileSystem['open']>> | undefined;
  let intentWritten = false;
  let renamed = false;
  const moved: Array<{ from: string; to: string }> = [];
  try {
    handle = await fs.open(temp, 'wx', 0o600);
    const written = handle;
    // The new bytes' hash (for the save record) is taken while they are written and fsync'd.
    const newSha256 = await whileWaiting(
      (async () => {
        await writeWhole(written, bytes);
        await keepIdentity(written, identity, target, options.notes);
        await written.sync();
      })(),
      async () => options.bytesSha256 ?? sha256InSlices([bytes]),
    );
    await handle.close();
    handle = undefined;

    // The last moment anything can still be refused: the lock, the bytes, other processes.
    await options.lock?.assertHeld();
    await assertUnchangedOnDisk(image, fs, options.backupPath);
    await assertNotInUse(target);

    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    const asideOf = (sidecar: string) => join(options.asideDir, `${basename(sidecar)}.${stamp}.moved-aside`);
    const walBeside = (await lstatRegular(walPathOf(target), fs)) !== null;
    const shmBeside = (await lstatRegular(shmPathOf(target), fs)) !== null;
    const intent: SaveIntent = {
      format: 'paneldb-save/2',
      target,
      temp: basename(temp),
      original_sha256: image.original.sha256,
      new_sha256: newSha256,
      wal:
        walBeside && image.wal !== null
          ? { aside: basename(asideOf(walPathOf(target))), sha256: image.wal.sha256 }
          : null,
      shm_aside: shmBeside ? basename(asideOf(shmPathOf(target))) : null,
      backup: options.backupPath ?? null,
      started: options.now().toISOString(),
    };
    await writeFileAtomically(intentPath, Buffer.from(JSON.stringify(intent)), { fs, mode: 0o600 });
    intentWritten = true;
    const moves = [
      ...(walBeside ? [{ from: walPathOf(target), to: asideOf(walPathOf(target)) }] : []),
      ...(shmBeside ? [{ from: shmPathOf(target), to: asideOf(shmPathOf(target)) }] : []),
    ];
    // Cheap last look: the main file is the inode we hashed, with the same size and time.
    const now = await fs.stat(target);
    if (now.ino !== identity.ino || now.size !== identity.size || now.mtimeMs !== identity.mtimeMs)
      throw new EngineError('FILE_CHANGED_ON_DISK', message('err.save.changedWhileSaving', { path: target }));
    // The moves and the rename follow each other directly: the window in which a crash leaves the
    // old file without its -wal (put back by the next write) is as short as it can be.
    for (const move of moves) {
      await fs.rename(move.from, move.to);
      moved.push(move); // recorded first, so a failure below still puts it back
    }
    await fs.rename(temp, target).catch((thrown: unknown) => {
      // Windows: SQLite's open handle in the panel makes the rename fail; that is "in use", not a fault.
      const code = osErrorCode(thrown);
      if (code === 'EBUSY' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES')))
        throw inUseError(target, []);
      throw thrown;
    });
    renamed = true;
    if (options.fileHashes !== undefined) {
      options.fileHashes.before = intent.original_sha256;
      options.fileHashes.after = intent.new_sha256;
    }
  } catch (thrown) {
    await handle?.close().catch(() => undefined);
    if (!renamed) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      for (const { from, to } of moved.reverse()) await fs.rename(to, from).catch(() => undefined);
      if (intentWritten) await fs.rm(intentPath, { force: true }).catch(() => undefined);
    }
    if (thrown instanceof EngineError && thrown.code !== 'WRITE_FAILED') throw thrown;
    throw new EngineError(
      'WRITE_FAILED',
      message('err.save.replaceFailed', { path: target }),
      thrown instanceof EngineError ? thrown.detail : osErrorText(thrown),
    );
  }
  for (const { to } of moved)
    await makePrivate(to, fs).catch((thrown: unknown) =>
      options.notes?.push(message('safety.notPrivate', { path: to, reason: osErrorText(thrown) })),
    );
  await syncFolder(dirname(target), fs);
  await fs.rm(intentPath, { force: true });
  await syncFolder(options.asideDir, fs);
  return moved.map((entry) => entry.to);
}

/** The replacement gets the original's mode, owner and group: a panel running as its own user must still open it. */
async function keepIdentity(
  handle: Awaited<ReturnType<FileSystem['open']>>,
  original: { mode: number; uid: number; gid: number },
  target: string,
  notes: KeyedText[] | undefined,
): Promise<void> {
  await handle.chmod(original.mode & 0o7777);
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || (original.uid === uid && original.gid === gid)) return;
  await handle.chown(original.uid, original.gid).catch((thrown: unknown) => {
    notes?.push(
      message('safety.ownerLost', {
        target,
        uid: original.uid,
        gid: original.gid,
        reason: osErrorCode(thrown) ?? osErrorText(thrown),
        newUid: uid,
        newGid: gid ?? '?',
      }),
    );
  });
  // chown clears set-id bits on some systems: set the mode again.
  await handle.chmod(original.mode & 0o7777);
}

/** A moved-aside sidecar holds the same secrets as the database: 0600, set on the file itself, never through a link. */
async function makePrivate(path: string, fs: FileSystem): Promise<void> {
  const handle = await openRegular(path, fs);
  try {
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
}

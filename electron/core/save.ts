// Writing a database or a backup so a crash leaves the old bytes or the new ones: temp file in the
// same folder, fsync, rename, fsync the folder — and never a stale -wal beside a rewritten file.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import {
  sha256Of,
  sha256OfFile,
  walPathOf,
  shmPathOf,
  type DiskState,
  type FileFingerprint,
} from './database';
import { EngineError, osErrorText } from './engine-error';
import { statDiffers } from './fingerprint';
import type { FileSystem } from './file-system';

export interface AtomicWriteOptions {
  fs: FileSystem;
  mode: number;
}

/** Temp file in the same folder → fsync → rename → fsync the folder. A crash leaves old bytes or new. */
export async function writeFileAtomically(
  target: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const { fs } = options;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.paneldb-tmp`);
  let handle: Awaited<ReturnType<FileSystem['open']>> | undefined;
  try {
    handle = await fs.open(temp, 'wx', options.mode);
    await handle.writeFile(bytes);
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
      `Could not write ${target}; it was left as it was.`,
      osErrorText(thrown),
    );
  }
  await syncFolder(dirname(target), fs);
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
export async function assertUnchangedOnDisk(image: DiskState, fs: FileSystem): Promise<void> {
  const changed = (what: string) =>
    new EngineError(
      'FILE_CHANGED_ON_DISK',
      `${what} changed since PanelDB loaded it (is the panel running?). Nothing was written; open it again.`,
    );
  // A different size or mtime is a change without reading anything (statDiffers); equal ones are
  // not proof, so every byte is then compared through its hash, streamed.
  if (await statDiffers(image.path, image.original, fs)) throw changed(image.path);
  const current = await sha256OfFile(image.path, fs).catch(() => null);
  if (current === null || current.size !== image.original.size || current.sha256 !== image.original.sha256) {
    throw changed(image.path);
  }
  const wal = await sha256OfFile(walPathOf(image.path), fs).catch(() => null);
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
  const fingerprint = async (file: string): Promise<FileFingerprint | null> => {
    const stat = await fs.stat(file).catch(() => null);
    if (stat === null || !stat.isFile()) return null;
    const bytes = await fs.readFile(file);
    return { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: sha256Of(bytes) };
  };
  const original = await fingerprint(path);
  if (original === null) throw new EngineError('FILE_NOT_FOUND', `${path} does not exist.`);
  return { path, original, wal: await fingerprint(walPathOf(path)) };
}

export interface ReplaceOptions {
  fs: FileSystem;
  /** Where a stale -wal/-shm is moved; never left beside a rewritten file. */
  asideDir: string;
  now: () => Date;
}

/**
 * A save in progress, recorded beside the database before the -wal is moved aside and removed after
 * the final rename. A crash between those two renames would otherwise leave the old file without
 * its WAL; the next open finds this record and puts things right (see recoverInterruptedSave).
 */
interface SaveIntent {
  format: 'paneldb-save/1';
  target: string;
  temp: string;
  temp_sha256: string;
  moves: Array<{ from: string; to: string }>;
  started: string;
}

export const saveIntentPathOf = (target: string) =>
  join(dirname(target), `.${basename(target)}.paneldb-save.json`);

/**
 * Replaces the database file with new bytes. Call only after a verified backup exists. The -wal and
 * -shm are moved aside before the rename: a stale WAL beside the new file would be replayed by
 * SQLite and corrupt it. A crash leaves either the old file (with its WAL, or with an intent record
 * that puts the WAL back on the next open) or the new one.
 */
export async function replaceDatabaseFile(
  image: DiskState,
  bytes: Uint8Array,
  options: ReplaceOptions,
): Promise<string[]> {
  const { fs } = options;
  await assertUnchangedOnDisk(image, fs);
  const mode = (await fs.stat(image.path)).mode & 0o777;
  const target = image.path;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.paneldb-tmp`);
  const intentPath = saveIntentPathOf(target);
  let handle: Awaited<ReturnType<FileSystem['open']>> | undefined;
  let intentWritten = false;
  const moved: Array<{ from: string; to: string }> = [];
  try {
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    const moves: Array<{ from: string; to: string }> = [];
    for (const sidecar of [walPathOf(target), shmPathOf(target)]) {
      const exists = await fs.stat(sidecar).then(
        () => true,
        () => false,
      );
      if (exists)
        moves.push({
          from: sidecar,
          to: join(options.asideDir, `${basename(sidecar)}.${stamp}.moved-aside`),
        });
    }
    const intent: SaveIntent = {
      format: 'paneldb-save/1',
      target,
      temp,
      temp_sha256: sha256Of(bytes),
      moves,
      started: options.now().toISOString(),
    };
    await writeFileAtomically(intentPath, Buffer.from(JSON.stringify(intent)), { fs, mode: 0o600 });
    intentWritten = true;
    for (const move of moves) {
      await fs.rename(move.from, move.to);
      moved.push(move); // recorded first, so a failure below still puts it back
      // It holds the same secrets as the database: private, like every backup.
      await fs.chmod(move.to, 0o600);
    }
    await fs.rename(temp, target);
  } catch (thrown) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    for (const { from, to } of moved.reverse()) await fs.rename(to, from).catch(() => undefined);
    if (intentWritten) await fs.rm(intentPath, { force: true }).catch(() => undefined);
    throw new EngineError(
      'WRITE_FAILED',
      `Could not replace ${target}; it was left as it was.`,
      thrown instanceof EngineError ? thrown.detail : osErrorText(thrown),
    );
  }
  await syncFolder(dirname(target), fs);
  await fs.rm(intentPath, { force: true });
  await syncFolder(dirname(target), fs);
  return moved.map((entry) => entry.to);
}

/**
 * Finishes what a save interrupted by a crash left behind. If the new file is in place, only the
 * record is removed (the old WAL rightly stays aside). If it is not, the old file is still there:
 * its WAL is moved back beside it and the temp file removed, so it reads exactly as before.
 * Returns what was done, for the status report, or null when there was nothing to recover.
 */
export async function recoverInterruptedSave(target: string, fs: FileSystem): Promise<string | null> {
  const intentPath = saveIntentPathOf(target);
  const text = await fs.readFile(intentPath, 'utf8').catch(() => null);
  if (text === null) {
    const removed = await removeStaleTempFiles(dirname(target), basename(target), fs);
    return removed === 0 ? null : `Removed ${removed} temp file(s) left by an interrupted PanelDB write.`;
  }
  let intent: SaveIntent;
  try {
    intent = JSON.parse(text) as SaveIntent;
    if (intent.format !== 'paneldb-save/1' || intent.target !== target) throw new Error('not ours');
  } catch {
    return null;
  }
  const current = await fs.readFile(target).catch(() => null);
  if (current !== null && sha256Of(current) === intent.temp_sha256) {
    await fs.rm(intent.temp, { force: true });
    await fs.rm(intentPath, { force: true });
    await syncFolder(dirname(target), fs);
    return 'An interrupted save had completed; its leftovers were cleaned up.';
  }
  for (const { from, to } of intent.moves) {
    const stillAside = await fs.stat(to).then(
      () => true,
      () => false,
    );
    const backInPlace = await fs.stat(from).then(
      () => true,
      () => false,
    );
    if (stillAside && !backInPlace) await fs.rename(to, from);
  }
  await fs.rm(intent.temp, { force: true });
  await fs.rm(intentPath, { force: true });
  await syncFolder(dirname(target), fs);
  return 'A save was interrupted before the new file was in place; the file and its -wal are as they were before it.';
}

/**
 * Temp files are named `.<name>.<random>.paneldb-tmp` and are never the live file: one still there
 * means a writer died before its rename. It may hold a copy of private data, so it goes.
 */
export async function removeStaleTempFiles(folder: string, name: string, fs: FileSystem): Promise<number> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  // `.<name>.…` for the database's temp, `..<name>.paneldb-save.json.…` for the intent record's own.
  const ours = (entry: string) => entry.startsWith(`.${name}.`) || entry.startsWith(`..${name}.`);
  const stale = names.filter((entry) => ours(entry) && entry.endsWith('.paneldb-tmp'));
  for (const entry of stale) await fs.rm(join(folder, entry), { force: true });
  return stale.length;
}

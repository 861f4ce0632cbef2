// Loading a panel file into memory with its WAL's committed frames merged. Opening never writes;
// every bad input gets one coded error. Writing back lives in save.ts.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Database } from 'sql.js';
import { EngineError, osErrorCode, osErrorText } from './engine-error';
import type { FileSystem } from './file-system';
import { LazySha256, statIdentity, whileWaiting } from './fingerprint';
import { lstatRegular, openRegular, readRegular } from './no-follow';
import { loadSqlJs } from './sqljs';
import { openTracked } from './sqljs-memory';
import { returnImageBuffer, takeImageBuffer, writableRoomOf } from './image-memory';
import { applyWal, applyWalInPlace, readWal, type ReplacedPage, type WalStopReason } from './wal';
import type { JournalInfo, MessageRef } from '../shared/reports';
import { message, ref, type KeyedText } from '../shared/i18n';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_MAGICS = [0x377f0682, 0x377f0683];
/** fs.readFile refuses files above 2 GiB; sql.js needs ~2.5× the file size in RAM anyway. */
export const MAX_DATABASE_BYTES = 2 * 1024 ** 3 - 1;

export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** What was on disk when a file was loaded: the basis of "refuse if it changed since". */
export interface DiskState {
  path: string;
  original: FileFingerprint;
  wal: FileFingerprint | null;
}

export interface LoadedImage extends DiskState {
  /** The merged image in rollback-journal mode. Handed to sql.js as is: never modify it yourself. */
  bytes: Buffer;
  sha256: string;
  journal: JournalInfo;
  /**
   * A key that changes whenever the file or its -wal does (see stateKeyOf): what a read-only
   * report hands the app to tell one file state from the next, without hashing the whole file.
   */
  stateKey: string;
  /**
   * Waits for `work`, the file's and the image's SHA-256 taken meanwhile (if not taken yet), slice
   * by slice while `work` waits on I/O: a backup hashes while its copy is written and fsync'd.
   */
  hashWhile(work: Promise<unknown>): Promise<void>;
  /**
   * The file's bytes 18 and 19 as they are on disk when `bytes` is the file itself (no WAL frame
   * merged; those two are set to rollback mode in `bytes`), else null: a verified copy of `bytes`
   * then proves the file unchanged by comparison (save.ts).
   */
  mainHeader: Buffer | null;
}

export interface LoadOptions {
  fs: FileSystem;
  /** Open the main file alone even though a -wal exists (the user asked for it explicitly). */
  ignoreWal?: boolean;
  /**
   * The operation only reports (status, check): the file's own hash is never asked, so the pages a
   * WAL's frames are laid over are not kept as they were (13 MB copied for a 20 MB -wal). Asking for
   * the hash then is a programming error and throws.
   */
  withoutFileHash?: boolean;
}

export const walPathOf = (dbPath: string) => `${dbPath}-wal`;
export const shmPathOf = (dbPath: string) => `${dbPath}-shm`;

/** How often a file is read while a writer keeps moving its -wal away, before PanelDB gives up. */
const READ_ATTEMPTS = 3;

export async function readDatabaseImage(givenPath: string, options: LoadOptions): Promise<LoadedImage> {
  for (let attempt = 1; ; attempt += 1) {
    const read = await readImageOnce(givenPath, options);
    if (read.image !== null) return read.image;
    // The -wal was there when looked for and gone when opened: a writer (another PanelDB saving)
    // moved it aside to replace the file, so the main file just read may be the old one. Read both
    // again, as the files are now.
    if (attempt === READ_ATTEMPTS)
      throw new EngineError(
        'FILE_CHANGED_ON_DISK',
        message('err.read.walKeptVanishing', { path: read.path }),
      );
  }
}

async function readImageOnce(
  givenPath: string,
  options: LoadOptions,
): Promise<{ image: LoadedImage | null; path: string }> {
  const { fs } = options;
  // Through a symlink, the real file is the database: SQLite keeps its -wal beside the real file,
  // and a save must replace the real file, not the link.
  const path = await fs.realpath(givenPath).catch(() => givenPath);
  const stat = await statOrRefuse(path, fs);
  if (stat.size === 0) throw new EngineError('FILE_EMPTY', message('err.file.empty', { path }));
  if (stat.size > MAX_DATABASE_BYTES) {
    throw new EngineError(
      'FILE_TOO_LARGE',
      message('err.file.tooLarge', { path, size: formatBytes(stat.size) }),
    );
  }
  const main = await readOrRefuse(path, fs, { spareRoomFor: stat.size });
  checkSqliteHeader(path, main);
  const mode = main[18] === 2 || main[19] === 2 ? 'wal' : 'rollback';
  // Read-only operations (status, check, history, previews) never need the file's hash: it is taken
  // on first use — by a backup, or the save's "unchanged on disk" proof — which every write reaches
  // before it changes the database (see fingerprint.ts).
  // The header's journal-mode bytes (18/19) are set to rollback mode below, in place: the hash is of
  // the bytes as they are on disk, so those two are hashed as they were read.
  const diskHeader = Buffer.from([main[18] ?? 0, main[19] ?? 0]);
  // A WAL may be merged in `main`'s own memory below: the state key is of the file as read.
  const fileHeader = Buffer.from(main.subarray(0, 100));
  let released = false;
  const notReleased = () => {
    // A programming error, never a person's: the memory holds another file's image by now.
    if (released) throw new Error('internal: the hash of an image was asked after its memory was returned');
  };
  // The pages a WAL's frames were laid over in `main`'s own memory, as they were read (below).
  let replaced: readonly ReplacedPage[] = [];
  // Set when frames were laid over `main` without keeping what they covered (withoutFileHash).
  let asReadLost = false;
  const mainHash = new LazySha256(
    () => asRead(main, diskHeader, replaced),
    () => {
      notReleased();
      if (asReadLost)
        throw new Error('internal: the hash of a file was asked after it was read without keeping it');
    },
  );
  const original: FileFingerprint = {
    size: main.length,
    mtimeMs: stat.mtimeMs,
    get sha256() {
      return mainHash.hex;
    },
  };

  const walPath = walPathOf(path);
  // lstat, and a link or FIFO is NOT_A_FILE at once: never followed, never a hang.
  const walStat = await lstatRegular(walPath, fs).catch((thrown: unknown) => {
    if (thrown instanceof EngineError) throw thrown;
    return null;
  });
  const journal: JournalInfo = {
    mode,
    wal_present: walStat !== null && walStat.isFile(),
    wal_frames_applied: 0,
    wal_transactions_applied: 0,
    wal_frames_ignored: 0,
    wal_note: null,
  };
  let image = main;
  let framesMerged = false;
  let wal: FileFingerprint | null = null;
  let walHash: LazySha256 | null = null;
  if (journal.wal_present && walStat !== null) {
    const walBytes = await readOrRefuse(walPath, fs, { noFollow: true }).catch(async (thrown: unknown) => {
      // Gone since its lstat (null): moved aside by a writer. Any other failure stands.
      if ((await lstatRegular(walPath, fs).catch(() => undefined)) === null) return null;
      throw thrown;
    });
    if (walBytes === null) {
      returnImageBuffer(main);
      return { image: null, path };
    }
    // Hashed when a write asks (the save's "the -wal is as it was" proof), like the main file.
    const hash = new LazySha256(() => [walBytes]);
    walHash = hash;
    wal = {
      size: walBytes.length,
      mtimeMs: walStat.mtimeMs,
      get sha256() {
        return hash.hex;
      },
    };
    if (options.ignoreWal) {
      setWalNote(journal, message('wal.notRead'));
    } else if (walBytes.length > 0) {
      const contents = readWal(walBytes);
      // In the memory the file was read into when the commit fits there: no 2nd copy of the file.
      const keepReplaced = options.withoutFileHash !== true;
      const inPlace = applyWalInPlace(main, contents, writableRoomOf(main), keepReplaced);
      framesMerged = contents.dbSizePages !== null;
      if (inPlace === null) image = applyWal(main, contents);
      else {
        ({ image, replaced } = inPlace);
        asReadLost = framesMerged && !keepReplaced;
      }
      journal.wal_frames_applied = contents.committedFrames;
      journal.wal_transactions_applied = contents.transactions;
      journal.wal_frames_ignored = contents.ignoredFrames;
      const ignored = describeIgnoredFrames(contents.ignoredFrames, contents.stopReason, contents.stopFrame);
      if (mode === 'rollback' && contents.transactions > 0) {
        setWalNote(
          journal,
          ignored === null
            ? message('wal.rollbackHeader')
            : message('wal.rollbackHeaderIgnored', {}, { ignored: [ref(ignored)] }),
        );
      } else if (ignored !== null) setWalNote(journal, ignored);
    }
  }
  checkImageSize(path, image);
  const stateKey = stateKeyOf(stat, fileHeader, walStat, framesMerged ? image : null);
  // The opened image is a standalone rollback-journal database: no reader may look for a -wal.
  // `main` is not kept (only its fingerprint is): it becomes the image itself when no WAL was
  // merged, and holds the merge when the commit fits the room it was read into: no 2nd copy of the
  // file in memory either way. Its hash is the image's when nothing was merged and the header
  // already says rollback mode (the usual case), so the bytes are hashed once. After a merge in
  // place, the file as read is its memory with the replaced pages put back (asRead); after a merge
  // into new memory, `main` stays only until it is hashed (a write's backup does that first) or the
  // image is released: a read-only operation never hashes it.
  // Unless frames were merged, `image` is `main` itself (a WAL without a commit is merged as nothing).
  const sameBytes = !framesMerged && image[18] === 1 && image[19] === 1;
  image[18] = 1;
  image[19] = 1;
  // Asking for the image's hash (every write does, through its backup, before it changes the
  // database) also takes the file's own: sql.js writes into these very bytes later.
  const imageHash = sameBytes
    ? mainHash
    : new LazySha256(
        () => [image],
        () => {
          void original.sha256;
          notReleased();
        },
      );
  const result: LoadedImage = {
    path,
    bytes: image,
    original,
    wal,
    journal,
    stateKey,
    mainHeader: framesMerged ? null : diskHeader,
    get sha256() {
      return imageHash.hex;
    },
    hashWhile: (work) =>
      whileWaiting(work, async () => {
        await mainHash.takeInSlices();
        await imageHash.takeInSlices();
        await walHash?.takeInSlices();
      }),
  };
  releasers.set(result, () => {
    released = true;
    returnImageBuffer(image);
  });
  return { image: result, path };
}

/**
 * The file's bytes as they were read, as parts to hash: `memory` (the file's length of it) with the
 * journal-mode bytes 18/19 as on disk and each replaced page as it was before a frame covered it.
 */
function asRead(memory: Buffer, diskHeader: Buffer, replaced: readonly ReplacedPage[]): Uint8Array[] {
  const patches: ReplacedPage[] = [...replaced];
  if (patches[0]?.offset !== 0) patches.unshift({ offset: 18, bytes: diskHeader });
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const { offset, bytes } of patches) {
    parts.push(memory.subarray(at, offset), bytes);
    at = offset + bytes.length;
  }
  parts.push(memory.subarray(at));
  return parts;
}

const releasers = new WeakMap<LoadedImage, () => void>();

/**
 * Call once the image's database is closed and nothing will read the image again: its memory may
 * then hold the next file read (image-memory.ts). Its hashes, if not taken yet, can no longer be.
 */
export function releaseImage(image: LoadedImage): void {
  releasers.get(image)?.();
  releasers.delete(image);
}

/**
 * The file's identity and times (a rename gives a new inode, any write a new mtime and ctime), its
 * 100-byte header (the change counter moves with every commit in rollback mode) and the same of its
 * -wal (its salts change with every checkpoint reset, its size with every commit). Not a content
 * hash: nothing relies on it to prove the bytes are unchanged (writes compare the SHA-256).
 */
function stateKeyOf(
  stat: Parameters<typeof statIdentity>[0],
  fileHeader: Buffer,
  walStat: Parameters<typeof statIdentity>[0] | null,
  merged: Buffer | null,
): string {
  const hash = createHash('sha256').update(statIdentity(stat)).update(fileHeader);
  if (walStat !== null) hash.update(`|wal:${statIdentity(walStat)}`);
  // The merged image's header carries the WAL's last committed change counter and page count.
  if (merged !== null) hash.update(merged.subarray(0, 100));
  return hash.digest('hex').slice(0, 24);
}

/** The SHA-256 of a file, streamed in 1 MiB reads: no copy of the whole file in memory. */
export async function sha256OfFile(
  path: string,
  fs: FileSystem,
  noFollow = false,
): Promise<{ size: number; sha256: string }> {
  const handle = noFollow ? await openRegular(path, fs) : await fs.open(path, 'r');
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Opens the image in sql.js and proves SQLite can read its schema. */
export async function openImage(image: LoadedImage): Promise<Database> {
  const SQL = await loadSqlJs();
  let db: Database | undefined;
  try {
    db = openTracked(SQL, image.bytes);
    db.exec('SELECT count(*) FROM sqlite_master');
    return db;
  } catch (thrown) {
    db?.close();
    throw new EngineError(
      'DATABASE_CORRUPT',
      message('errorText.corrupt', { path: image.path }),
      osErrorText(thrown),
    );
  }
}

async function statOrRefuse(path: string, fs: FileSystem) {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new EngineError('NOT_A_FILE', message('errorText.notRegularFile', { path }));
    return stat;
  } catch (thrown) {
    if (thrown instanceof EngineError) throw thrown;
    const code = osErrorCode(thrown);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const walExists = await fs.stat(walPathOf(path)).then(
        () => true,
        () => false,
      );
      if (walExists) {
        throw new EngineError(
          'WAL_WITHOUT_DATABASE',
          message('errorText.walWithoutDatabase', { path, wal: basename(walPathOf(path)) }),
        );
      }
      throw new EngineError('FILE_NOT_FOUND', message('errorText.notFound', { path }));
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new EngineError(
        'FILE_UNREADABLE',
        message('errorText.permissionDenied', { path }),
        osErrorText(thrown),
      );
    }
    throw new EngineError('FILE_UNREADABLE', message('errorText.unreadable', { path }), osErrorText(thrown));
  }
}

/** `spareRoomFor`: read the main file with room to grow (sqljs-memory.ts); `noFollow`: a sidecar, never through a link. */
async function readOrRefuse(
  path: string,
  fs: FileSystem,
  how: { spareRoomFor?: number; noFollow?: boolean } = {},
): Promise<Buffer> {
  try {
    if (how.noFollow === true) return await readRegular(path, fs);
    if (how.spareRoomFor !== undefined) {
      const withRoom = await readIntoSpareRoom(path, fs, how.spareRoomFor);
      if (withRoom !== null) return withRoom;
    }
    return await fs.readFile(path);
  } catch (thrown) {
    if (thrown instanceof EngineError) throw thrown;
    const code = osErrorCode(thrown);
    if (code === 'EISDIR') throw new EngineError('NOT_A_FILE', message('errorText.isFolder', { path }));
    if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG') {
      throw new EngineError('FILE_TOO_LARGE', message('err.file.tooLargeToRead', { path }));
    }
    const denied = code === 'EACCES' || code === 'EPERM';
    throw new EngineError(
      'FILE_UNREADABLE',
      message(denied ? 'errorText.permissionDenied' : 'errorText.unreadable', { path }),
      osErrorText(thrown),
    );
  }
}

const MAX_READ_PARTS = 4;
const MIN_READ_PART_BYTES = 16 * 1024 * 1024;

/**
 * Reads the file into a buffer with room after it (sqljs-memory.ts), so sql.js can grow the file a
 * little in place. Null when the file is not `size` bytes any more (then it is read as usual).
 */
async function readIntoSpareRoom(path: string, fs: FileSystem, size: number): Promise<Buffer | null> {
  const bytes = takeImageBuffer(size);
  const handle = await fs.open(path, 'r');
  try {
    // A large file is read as a few ranges at once: one read() copies out of the page cache on one
    // core, several run on the thread pool side by side (100 MB: ~24 ms in one read, ~13 ms in four).
    const parts = Math.min(MAX_READ_PARTS, Math.max(1, Math.floor(size / MIN_READ_PART_BYTES)));
    const partBytes = Math.ceil(size / parts);
    const readRange = async (start: number, end: number): Promise<boolean> => {
      let offset = start;
      while (offset < end) {
        const { bytesRead } = await handle.read(bytes, offset, end - offset, offset);
        if (bytesRead === 0) return false;
        offset += bytesRead;
      }
      return true;
    };
    const ranges: Promise<boolean>[] = [];
    for (let start = 0; start < size; start += partBytes) {
      ranges.push(readRange(start, Math.min(size, start + partBytes)));
    }
    // Every range is awaited before the handle closes, also when one of them failed.
    const read = await Promise.allSettled(ranges);
    for (const range of read) if (range.status === 'rejected') throw range.reason;
    if (read.some((range) => range.status === 'fulfilled' && !range.value)) return null;
    const probe = Buffer.alloc(1);
    return (await handle.read(probe, 0, 1, size)).bytesRead === 0 ? bytes : null;
  } finally {
    await handle.close();
  }
}

function checkSqliteHeader(path: string, bytes: Buffer): void {
  if (bytes.length >= 4 && WAL_MAGICS.includes(bytes.readUInt32BE(0))) {
    throw new EngineError('NOT_SQLITE', message('err.sqlite.isWal', { path }));
  }
  if (bytes.length < SQLITE_MAGIC.length || !bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new EngineError('NOT_SQLITE', message('err.sqlite.notSqlite', { path }));
  }
  if (bytes.length < 100) {
    throw new EngineError(
      'DATABASE_CORRUPT',
      message('err.sqlite.shorterThanHeader', { path, bytes: bytes.length }),
    );
  }
}

function pageSizeOf(bytes: Buffer): number {
  const raw = bytes.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

function checkImageSize(path: string, image: Buffer): void {
  const pageSize = pageSizeOf(image);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new EngineError('DATABASE_CORRUPT', message('err.sqlite.badPageSize', { path, pageSize }));
  }
  if (image.length % pageSize !== 0) {
    throw new EngineError(
      'DATABASE_CORRUPT',
      message('err.sqlite.partialPage', { path, bytes: image.length, pageSize }),
    );
  }
  const headerPages = image.readUInt32BE(28);
  const headerPagesValid = image.readUInt32BE(92) === image.readUInt32BE(24) && headerPages > 0;
  const filePages = image.length / pageSize;
  if (headerPagesValid && headerPages > filePages) {
    throw new EngineError(
      'DATABASE_CORRUPT',
      message('err.sqlite.truncated', { path, headerPages, filePages }),
    );
  }
}

function describeIgnoredFrames(
  ignored: number,
  reason: WalStopReason,
  stopFrame: number | null,
): KeyedText | null {
  if (ignored === 0) return null;
  // A checksum break right after the last commit is normal in a live copy: an open transaction
  // rewrote a spilled frame in place. Either way SQLite reads exactly what we read.
  const frame = stopFrame ?? '?';
  const why: Record<WalStopReason, MessageRef> = {
    end: { key: 'wal.whyEnd' },
    'torn-frame': { key: 'wal.whyTorn' },
    'salt-mismatch': { key: 'wal.whySalt' },
    'checksum-mismatch': { key: 'wal.whyChecksum', params: { frame } },
    'zero-page-number': { key: 'wal.whyZeroPage', params: { frame } },
  };
  return message('wal.framesIgnored', { count: ignored }, { why: [why[reason]] });
}

/** The journal's note: its English text (as reports always had) and its catalog message. */
function setWalNote(journal: JournalInfo, note: KeyedText): void {
  journal.wal_note = note.text;
  journal.wal_note_msg = ref(note);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

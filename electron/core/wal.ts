// sql.js cannot read a `-wal` file: it sees only what was checkpointed into the main file, so a
// live panel's recent commits would silently vanish. We replay the WAL's committed frames onto the
// main-file bytes ourselves, following the rules SQLite's own WAL recovery applies (wal.c,
// walIndexRecover): the first frame with foreign salts, a bad checksum or a missing tail ends the
// log, and only frames up to the last commit frame count.
import { EngineError } from './engine-error';
import { message, type KeyedText } from '../shared/i18n';

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
// The low bit of the magic says in which byte order the checksum words were read by the writer
// (SQLite uses its machine's native order, so x86 WALs carry the little-endian magic).
const MAGIC_MASK = 0xfffffffe;
const MAGIC = 0x377f0682;
const SUPPORTED_FORMAT_VERSION = 3007000;

export interface WalHeader {
  bigEndianChecksums: boolean;
  formatVersion: number;
  /** As stored in the WAL header: the page size in bytes (SQLite writes 65536 literally here). */
  pageSize: number;
  checkpointSequence: number;
  salt1: number;
  salt2: number;
  checksum1: number;
  checksum2: number;
}

export type WalStopReason = 'end' | 'torn-frame' | 'salt-mismatch' | 'checksum-mismatch' | 'zero-page-number';

export interface WalContents {
  header: WalHeader;
  /** Page size in bytes; 0 only for an empty (0-byte) WAL. */
  pageSize: number;
  /** Complete frames physically present. */
  framesInFile: number;
  /** Contiguous frames from the start with matching salts and good cumulative checksums. */
  validFrames: number;
  /** Frames up to and including the last valid commit frame. */
  committedFrames: number;
  /** Commit frames among the committed frames. */
  transactions: number;
  /** Page count from the last commit frame; null when nothing is committed. */
  dbSizePages: number | null;
  /** Page number -> last committed copy; views into the WAL buffer. */
  pages: Map<number, Buffer>;
  /** framesInFile - committedFrames: uncommitted tail, bad checksum, old salts. */
  ignoredFrames: number;
  /** Why the scan for valid frames stopped. An uncommitted tail after valid frames still reads 'end'. */
  stopReason: WalStopReason;
  /** 1-based index of the first frame that failed validation (a torn frame is framesInFile + 1). */
  stopFrame: number | null;
}

/** Reads a WAL file. A 0-byte WAL (legal: SQLite truncates it after a checkpoint) yields no frames. */
export function readWal(wal: Buffer): WalContents {
  if (wal.length === 0) return emptyWal();
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const header = readHeader(wal, view);
  const pageSize = header.pageSize;
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const framesInFile = Math.floor((wal.length - WAL_HEADER_BYTES) / frameBytes);
  const littleEndian = !header.bigEndianChecksums;

  // Each frame's checksum continues from the previous one, so one bad frame invalidates all later ones.
  const sum: ChecksumState = { s0: header.checksum1, s1: header.checksum2 };
  let validFrames = 0;
  let committedFrames = 0;
  let transactions = 0;
  let dbSizePages: number | null = null;
  let stopReason: WalStopReason = 'end';

  for (let frame = 0; frame < framesInFile; frame++) {
    const at = WAL_HEADER_BYTES + frame * frameBytes;
    // SQLite checks salts before the page number and the checksum; we keep its order so the
    // reported reason matches what it would have tripped over.
    if (view.getUint32(at + 8) !== header.salt1 || view.getUint32(at + 12) !== header.salt2) {
      stopReason = 'salt-mismatch';
      break;
    }
    if (view.getUint32(at) === 0) {
      stopReason = 'zero-page-number';
      break;
    }
    accumulateChecksum(view, at, at + 8, littleEndian, sum);
    accumulateChecksum(view, at + FRAME_HEADER_BYTES, at + frameBytes, littleEndian, sum);
    if (sum.s0 !== view.getUint32(at + 16) || sum.s1 !== view.getUint32(at + 20)) {
      stopReason = 'checksum-mismatch';
      break;
    }
    validFrames++;
    const commitSize = view.getUint32(at + 4);
    if (commitSize !== 0) {
      committedFrames = validFrames;
      transactions++;
      dbSizePages = commitSize;
    }
  }
  const hasPartialFrame = (wal.length - WAL_HEADER_BYTES) % frameBytes !== 0;
  if (stopReason === 'end' && hasPartialFrame) stopReason = 'torn-frame';

  // Later frames overwrite earlier ones, so the map ends up holding each page's last committed copy.
  const pages = new Map<number, Buffer>();
  for (let frame = 0; frame < committedFrames; frame++) {
    const at = WAL_HEADER_BYTES + frame * frameBytes;
    pages.set(view.getUint32(at), wal.subarray(at + FRAME_HEADER_BYTES, at + frameBytes));
  }

  return {
    header,
    pageSize,
    framesInFile,
    validFrames,
    committedFrames,
    transactions,
    dbSizePages,
    pages,
    ignoredFrames: framesInFile - committedFrames,
    stopReason,
    stopFrame: stopReason === 'end' ? null : validFrames + 1,
  };
}

/**
 * The commit's database size in pages, refused when it cannot be right: null when the WAL holds no
 * commit (SQLite then reads nothing from it, so its header cannot matter either).
 */
function committedPages(mainFile: Buffer, wal: WalContents): number | null {
  if (wal.dbSizePages === null) return null;
  if (mainFile.length >= 100) {
    const mainPageSize = decodeDatabasePageSize(mainFile.readUInt16BE(16));
    // SQLite itself does not check this and serves a corrupt mix of the two page sizes.
    if (mainPageSize !== wal.pageSize) {
      throw new EngineError(
        'WAL_MISMATCH',
        message('err.wal.pageSizeDiffers'),
        message('err.wal.detail.pageSizes', { main: mainPageSize, wal: wal.pageSize }),
      );
    }
  }
  // Every page of the database after the commit is either in the main file or in a frame, so a
  // commit frame claiming more pages than both can hold is forged or damaged: refused before the
  // allocation it asks for (a 4 KiB WAL could otherwise demand gigabytes).
  const holdable = Math.floor(mainFile.length / wal.pageSize) + wal.committedFrames;
  if (wal.dbSizePages > holdable) {
    throw new EngineError(
      'WAL_INVALID',
      message('err.wal.commitTooLarge'),
      message('err.wal.detail.commitPages', { pages: wal.dbSizePages, holdable }),
    );
  }
  return wal.dbSizePages;
}

/** Returns a new image: the main file with the WAL's committed pages laid over it. */
export function applyWal(mainFile: Buffer, wal: WalContents): Buffer {
  const dbSizePages = committedPages(mainFile, wal);
  if (dbSizePages === null) return Buffer.from(mainFile);
  const pageSize = wal.pageSize;
  const image = Buffer.allocUnsafe(dbSizePages * pageSize);
  const kept = mainFile.copy(image, 0, 0, Math.min(mainFile.length, image.length));
  image.fill(0, kept);
  for (const [pageNumber, page] of wal.pages) {
    // A commit that shrank the database (VACUUM) leaves older frames for pages past its end.
    if (pageNumber <= dbSizePages) page.copy(image, (pageNumber - 1) * pageSize);
  }
  return image;
}

/** A page of the main file as it was before a frame was laid over it in place. */
export interface ReplacedPage {
  offset: number;
  bytes: Buffer;
}

/**
 * applyWal's image made in the main file's own memory: `room` bytes from the file's start are the
 * caller's to write (the reader allocated room after the file), so a 100 MB file is not copied
 * whole. With `keepReplaced`, the pages the frames overwrote come back as copies, in file order, so
 * the file as it was read can still be hashed. Null when the commit does not fit in `room` (then use
 * applyWal).
 */
export function applyWalInPlace(
  mainFile: Buffer,
  wal: WalContents,
  room: number,
  keepReplaced = true,
): { image: Buffer; replaced: ReplacedPage[] } | null {
  const dbSizePages = committedPages(mainFile, wal);
  if (dbSizePages === null) return { image: mainFile, replaced: [] };
  const pageSize = wal.pageSize;
  const size = dbSizePages * pageSize;
  if (size > room) return null;
  const image = Buffer.from(mainFile.buffer, mainFile.byteOffset, size);
  // Past the file's end, a page no frame fills is zeros, as applyWal leaves it.
  if (size > mainFile.length) image.fill(0, mainFile.length);
  const replaced: ReplacedPage[] = [];
  for (const [pageNumber, page] of wal.pages) {
    if (pageNumber > dbSizePages) continue;
    const offset = (pageNumber - 1) * pageSize;
    if (keepReplaced && offset < mainFile.length)
      replaced.push({ offset, bytes: Buffer.from(mainFile.subarray(offset, offset + pageSize)) });
    page.copy(image, offset);
  }
  replaced.sort((a, b) => a.offset - b.offset);
  return { image, replaced };
}

interface ChecksumState {
  s0: number;
  s1: number;
}

/**
 * SQLite's WAL checksum over [start, end), continued from `sum`; both bounds are multiples of 8.
 * The sums wrap at 32 bits: done in int32 arithmetic (`| 0`) they stay small integers for V8,
 * where `>>> 0` turns every step into floating point (a 20 MB WAL: ~4 ms instead of ~12).
 */
function accumulateChecksum(
  view: DataView,
  start: number,
  end: number,
  littleEndian: boolean,
  sum: ChecksumState,
): void {
  let s0 = sum.s0 | 0;
  let s1 = sum.s1 | 0;
  for (let i = start; i < end; i += 8) {
    s0 = (s0 + view.getInt32(i, littleEndian) + s1) | 0;
    s1 = (s1 + view.getInt32(i + 4, littleEndian) + s0) | 0;
  }
  sum.s0 = s0 >>> 0;
  sum.s1 = s1 >>> 0;
}

/**
 * Where SQLite's recovery would silently treat a damaged header as "no WAL" (and refuse to open on a
 * wrong version), we refuse loudly: the caller must not present the main file alone as the truth.
 */
function readHeader(wal: Buffer, view: DataView): WalHeader {
  const invalid = (detail: KeyedText): EngineError =>
    new EngineError('WAL_INVALID', message('err.wal.invalid'), detail);

  if (wal.length < WAL_HEADER_BYTES) {
    throw invalid(message('err.wal.detail.short', { bytes: wal.length, header: WAL_HEADER_BYTES }));
  }
  const magic = view.getUint32(0);
  if ((magic & MAGIC_MASK) >>> 0 !== MAGIC) {
    throw invalid(message('err.wal.detail.magic', { magic: `0x${magic.toString(16).padStart(8, '0')}` }));
  }
  const header: WalHeader = {
    bigEndianChecksums: (magic & 1) === 1,
    formatVersion: view.getUint32(4),
    pageSize: view.getUint32(8),
    checkpointSequence: view.getUint32(12),
    salt1: view.getUint32(16),
    salt2: view.getUint32(20),
    checksum1: view.getUint32(24),
    checksum2: view.getUint32(28),
  };
  if (header.formatVersion !== SUPPORTED_FORMAT_VERSION) {
    throw invalid(
      message('err.wal.detail.format', { version: header.formatVersion, expected: SUPPORTED_FORMAT_VERSION }),
    );
  }
  // Unlike the database header, the WAL header stores 65536 as is; SQLite rejects the value 1 here.
  if (!isValidPageSize(header.pageSize)) {
    throw invalid(message('err.wal.detail.pageSize', { pageSize: header.pageSize }));
  }
  const sum: ChecksumState = { s0: 0, s1: 0 };
  accumulateChecksum(view, 0, 24, !header.bigEndianChecksums, sum);
  if (sum.s0 !== header.checksum1 || sum.s1 !== header.checksum2) {
    throw invalid(message('err.wal.detail.checksum'));
  }
  return header;
}

function isValidPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** The database header stores 65536 as 1 because the field has only 16 bits. */
function decodeDatabasePageSize(stored: number): number {
  return stored === 1 ? 65536 : stored;
}

function emptyWal(): WalContents {
  return {
    header: {
      bigEndianChecksums: false,
      formatVersion: 0,
      pageSize: 0,
      checkpointSequence: 0,
      salt1: 0,
      salt2: 0,
      checksum1: 0,
      checksum2: 0,
    },
    pageSize: 0,
    framesInFile: 0,
    validFrames: 0,
    committedFrames: 0,
    transactions: 0,
    dbSizePages: null,
    pages: new Map(),
    ignoredFrames: 0,
    stopReason: 'end',
    stopFrame: null,
  };
}

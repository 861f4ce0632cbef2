// The database file sql.js works on lives in its in-memory file system (Emscripten MEMFS) as a
// JavaScript typed array. sql.js exports neither FS nor the file node, so this module keeps its own
// reference to that array instead, and uses only what sql.js documents: `new Database(bytes)` keeps
// a view of the Node Buffer it is given (MEMFS's first write takes `bytes.slice()`, a view for a
// Buffer) rather than a copy.
//
// - Spare room: the Buffer handed over is a view whose `slice()` answers with the whole larger
//   allocation, so the file can grow ~5% in place before MEMFS copies it into a 1.125× array.
// - Saving: `liveFileBytes(db)` returns the file's bytes straight from that array (no `export()`,
//   which copies the whole database once more) — only after proving the array is still the file:
//   a probe transaction must move SQLite's header change counter in this very array. When MEMFS
//   has moved the file (it grew past the spare room, or was truncated), the probe fails and the
//   caller falls back to `db.export()`. A start-up self-test disables the fast path entirely when
//   sql.js behaves otherwise.
import type { Database, SqlJsStatic } from 'sql.js';

/** Extra room beyond the file, as a fraction of its size. */
export const SPARE_ROOM = 0.05;

interface Tracked {
  /** The whole allocation MEMFS was handed (file bytes first, spare room after). */
  whole: Uint8Array;
}

const tracked = new WeakMap<Database, Tracked>();
let fastPath: boolean | undefined;

/** A zeroed buffer of `size` bytes with room to grow: `.buffer` is larger than the view. */
export function allocateWithSpareRoom(size: number): Buffer {
  return Buffer.from(new ArrayBuffer(capacityWithSpareRoom(size)), 0, size);
}

/** The allocation a file of `size` bytes gets: itself and its spare room. */
export const capacityWithSpareRoom = (size: number): number => size + Math.ceil(size * SPARE_ROOM);

/**
 * Opens `bytes` in sql.js. When `bytes` is a Buffer with room after it in its ArrayBuffer (see
 * allocateWithSpareRoom), the file gets that room and is tracked for liveFileBytes.
 */
export function openTracked(SQL: SqlJsStatic, bytes: Buffer): Database {
  const room = bytes.buffer.byteLength - bytes.byteOffset;
  if (fastPath === false || bytes.byteOffset !== 0 || room < bytes.length) return new SQL.Database(bytes);
  const whole = new Uint8Array(bytes.buffer, 0, room);
  const length = bytes.length;
  // Only the one call MEMFS makes for the first write of the whole file gets the larger view.
  const handOver = Object.defineProperty(Buffer.from(bytes.buffer, 0, length), 'slice', {
    value: (start?: number, end?: number) =>
      start === 0 && end === length ? whole : Buffer.prototype.subarray.call(bytes, start, end),
  });
  const db = new SQL.Database(handOver);
  tracked.set(db, { whole });
  return db;
}

const readU32 = (bytes: Uint8Array, offset: number) =>
  ((bytes[offset] ?? 0) * 2 ** 24 +
    ((bytes[offset + 1] ?? 0) << 16) +
    ((bytes[offset + 2] ?? 0) << 8) +
    (bytes[offset + 3] ?? 0)) >>>
  0;

function single(db: Database, sql: string): number {
  return Number(db.exec(sql)[0]?.values[0]?.[0]);
}

/**
 * The database file's bytes as they are in sql.js's memory, or null when they cannot be proven to be
 * (then use `db.export()`). Call with no transaction open; the probe commits one header write
 * (user_version set to its own value), which only moves the change counter, as every commit does.
 * The bytes are a view of live memory: write them out before the database is used again.
 */
export function liveFileBytes(db: Database): Uint8Array | null {
  const entry = tracked.get(db);
  if (fastPath === false || entry === undefined) return null;
  const { whole } = entry;
  const before = readU32(whole, 24);
  db.exec(`PRAGMA user_version = ${single(db, 'PRAGMA user_version')}`);
  if (readU32(whole, 24) !== (before + 1) >>> 0) return null; // MEMFS moved the file elsewhere
  const pageSizeRaw = (whole[16] ?? 0) * 256 + (whole[17] ?? 0);
  const pageSize = pageSizeRaw === 1 ? 65536 : pageSizeRaw;
  const pages = single(db, 'PRAGMA page_count');
  const size = pages * pageSize;
  if (pageSize !== single(db, 'PRAGMA page_size') || size > whole.length) return null;
  // A standalone rollback-journal file whose header is current (in-header size valid and right).
  if (whole[18] !== 1 || whole[19] !== 1) return null;
  if (readU32(whole, 28) !== pages || readU32(whole, 92) !== readU32(whole, 24)) return null;
  return whole.subarray(0, size);
}

/**
 * Start-up self-test: a small database opened through openTracked, changed and committed, must
 * read back from liveFileBytes exactly as SQLite itself exports it (header aside: export() writes a
 * fresh header). If not, every later call falls back to export().
 */
export function selfTest(SQL: SqlJsStatic): boolean {
  if (fastPath !== undefined) return fastPath;
  try {
    const seed = new SQL.Database();
    seed.exec("CREATE TABLE t(a); INSERT INTO t VALUES ('x'), (randomblob(9000)), (char(233))");
    const seeded = seed.export();
    seed.close();
    const bytes = allocateWithSpareRoom(seeded.length * 4);
    bytes.set(seeded);
    const db = openTracked(SQL, bytes.subarray(0, seeded.length));
    db.exec("BEGIN; INSERT INTO t VALUES (randomblob(5000)); UPDATE t SET a = 'y' WHERE rowid = 1; COMMIT");
    const live = liveFileBytes(db);
    const exported = db.export();
    db.close();
    fastPath =
      live !== null &&
      live.length === exported.length &&
      Buffer.from(live.subarray(100)).equals(Buffer.from(exported.subarray(100)));
  } catch {
    fastPath = false;
  }
  return fastPath;
}

/** The bytes to write for `db`: straight from memory when proven live, else sql.js's export(). */
export function bytesToSave(db: Database): Uint8Array {
  return liveFileBytes(db) ?? db.export();
}

// The sqlite3 CLI is the reference: for every WAL pair, what sql.js sees in our merged image must be
// exactly what SQLite itself sees in the same two files, including damaged ones.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../electron/core/engine-error';
import { loadSqlJs } from '../../electron/core/sqljs';
import { applyWal, applyWalInPlace, readWal } from '../../electron/core/wal';
import { makeWalPair, sqlite3OnCopy, type WalPairSpec } from '../support/sqlite-cli';

interface WalPair {
  path: string;
  main: Buffer;
  wal: Buffer;
}
type Dump = Record<string, Record<string, unknown>[]>;

let SQL: SqlJsStatic;
let workDir: string;
let basic: WalPair;
let fileCount = 0;

const createItems =
  'CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL, note TEXT);';
const insertItems = (count: number, noteLength: number, tag: string, table = 'items'): string =>
  `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${count}) ` +
  `INSERT INTO ${table}(name, qty, price, note) ` +
  `SELECT '${tag}-' || x, x * 7, x / 4.0, printf('%.*c', ${noteLength}, '${tag.charAt(0)}') FROM n;`;

beforeAll(async () => {
  SQL = await loadSqlJs();
  workDir = await mkdtemp(join(tmpdir(), 'paneldb-wal-test-'));
  basic = await walPair({
    checkpointedSql: `${createItems}\n${insertItems(3, 10, 'old')}`,
    walOnlySql:
      [1, 2, 3, 4, 5].map((i) => insertItems(i * 3, 200, `wal${i}`)).join('\n') +
      "\nUPDATE items SET qty = -1 WHERE id = 1;\nCREATE TABLE extra(k TEXT);\nINSERT INTO extra VALUES ('x');",
  });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function walPair(spec: WalPairSpec): Promise<WalPair> {
  const path = join(workDir, `pair-${++fileCount}.db`);
  await makeWalPair(path, spec);
  return { path, main: await readFile(path), wal: await readFile(`${path}-wal`) };
}

/** Puts `wal` beside a copy of the main file, so the CLI judges exactly these WAL bytes. */
async function pairWith(main: Buffer, wal: Buffer): Promise<string> {
  const path = join(workDir, `variant-${++fileCount}.db`);
  await writeFile(path, main);
  await writeFile(`${path}-wal`, wal);
  return path;
}

const SCHEMA_SQL = 'SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY name';
const tableSql = (table: unknown): string =>
  `SELECT rowid AS "__rowid", * FROM "${String(table)}" ORDER BY rowid`;

async function cliDump(path: string): Promise<Dump> {
  const dump: Dump = { sqlite_master: await sqlite3OnCopy(path, SCHEMA_SQL, true) };
  for (const entry of dump.sqlite_master ?? []) {
    if (entry.type === 'table')
      dump[String(entry.name)] = await sqlite3OnCopy(path, tableSql(entry.name), true);
  }
  return dump;
}

/** sql.js on an image switched to rollback mode, as PanelDB opens it. */
function openImage(image: Buffer): Database {
  const copy = Buffer.from(image);
  copy[18] = 1;
  copy[19] = 1;
  return new SQL.Database(copy);
}

function rows(db: Database, sql: string): Record<string, unknown>[] {
  const statement = db.prepare(sql);
  const result: Record<string, unknown>[] = [];
  while (statement.step()) result.push(statement.getAsObject());
  statement.free();
  return result;
}

function imageDump(image: Buffer): Dump {
  const db = openImage(image);
  try {
    const dump: Dump = { sqlite_master: rows(db, SCHEMA_SQL) };
    for (const entry of dump.sqlite_master ?? []) {
      if (entry.type === 'table') dump[String(entry.name)] = rows(db, tableSql(entry.name));
    }
    return dump;
  } finally {
    db.close();
  }
}

const merge = (main: Buffer, wal: Buffer): Buffer => applyWal(main, readWal(wal));
const frameBytes = (wal: Buffer): number => 24 + wal.readUInt32BE(8);

/** SQLite's WAL checksum, written independently of the code under test. */
function checksum(buf: Buffer, start: number, end: number, bigEndian: boolean, seed: [number, number]) {
  let [s0, s1] = seed;
  for (let i = start; i < end; i += 8) {
    s0 = (s0 + (bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i)) + s1) >>> 0;
    s1 = (s1 + (bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4)) + s0) >>> 0;
  }
  return [s0, s1] as [number, number];
}

/** Rewrites the magic for the given checksum byte order and re-signs the header and, unless told not to, every frame. */
function resign(wal: Buffer, bigEndian = (wal.readUInt32BE(0) & 1) === 1, frames = true): Buffer {
  const out = Buffer.from(wal);
  out.writeUInt32BE(bigEndian ? 0x377f0683 : 0x377f0682, 0);
  let sum = checksum(out, 0, 24, bigEndian, [0, 0]);
  out.writeUInt32BE(sum[0], 24);
  out.writeUInt32BE(sum[1], 28);
  const size = frameBytes(out);
  for (let at = 32; frames && at + size <= out.length; at += size) {
    sum = checksum(out, at + 24, at + size, bigEndian, checksum(out, at, at + 8, bigEndian, sum));
    out.writeUInt32BE(sum[0], at + 16);
    out.writeUInt32BE(sum[1], at + 20);
  }
  return out;
}
const resignHeader = (wal: Buffer): Buffer => resign(wal, undefined, false);

function withWord(buf: Buffer, offset: number, value: number): Buffer {
  const out = Buffer.from(buf);
  out.writeUInt32BE(value, offset);
  return out;
}

function flipByte(buf: Buffer, offset: number, mask: number): Buffer {
  const out = Buffer.from(buf);
  out.writeUInt8(out.readUInt8(offset) ^ mask, offset);
  return out;
}

function errorOf(action: () => unknown): EngineError {
  try {
    action();
  } catch (thrown) {
    if (thrown instanceof EngineError) return thrown;
    throw thrown;
  }
  throw new Error('expected an EngineError');
}

describe('readWal and applyWal', () => {
  it('applies committed frames so the merged image holds the WAL-only rows the sqlite3 CLI sees', async () => {
    const mainBefore = Buffer.from(basic.main);
    const contents = readWal(basic.wal);
    expect(contents).toMatchObject({ stopReason: 'end', stopFrame: null, ignoredFrames: 0 });
    expect(contents.committedFrames).toBe(contents.framesInFile);
    expect(contents.transactions).toBe(8);

    const image = applyWal(basic.main, contents);
    expect(basic.main).toEqual(mainBefore);
    expect(image.length).toBe((contents.dbSizePages ?? 0) * 4096);
    expect(image.length).toBeGreaterThan(basic.main.length);
    const merged = imageDump(image);
    expect(merged).toEqual(await cliDump(basic.path));
    expect(merged.items).toHaveLength(3 + 45);
    expect(imageDump(basic.main).items).toHaveLength(3);
  });

  it('merged image passes PRAGMA integrity_check', () => {
    const db = openImage(merge(basic.main, basic.wal));
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('ignores an uncommitted tail whose frames spilled into the WAL', async () => {
    const pair = await walPair({
      checkpointedSql: createItems,
      walOnlySql: insertItems(20, 100, 'kept'),
      uncommittedSql: `PRAGMA cache_size=5;\n${insertItems(200, 2000, 'lost')}`,
    });
    const contents = readWal(pair.wal);
    expect(contents.stopReason).toBe('end');
    expect(contents.validFrames).toBe(contents.framesInFile);
    expect(contents.committedFrames).toBeLessThan(contents.validFrames);
    expect(contents.ignoredFrames).toBe(contents.framesInFile - contents.committedFrames);
    const merged = imageDump(applyWal(pair.main, contents));
    expect(merged).toEqual(await cliDump(pair.path));
    expect(merged.items).toHaveLength(20);
  });

  it('stops after the last commit when an open transaction rewrote its own spilled frames', async () => {
    // SQLite overwrites a re-spilled page's frame in place and fixes the checksums of the frames
    // after it only at commit, so a live panel's WAL can legitimately end in a checksum break.
    const pair = await walPair({
      checkpointedSql: createItems,
      walOnlySql: insertItems(5, 100, 'kept'),
      uncommittedSql: `PRAGMA cache_size=5;\n${insertItems(100, 2000, 'open')}\nUPDATE items SET note = note || 'z';`,
    });
    const contents = readWal(pair.wal);
    expect(contents.stopReason).toBe('checksum-mismatch');
    expect(contents.stopFrame).toBe(contents.committedFrames + 1);
    const merged = imageDump(applyWal(pair.main, contents));
    expect(merged).toEqual(await cliDump(pair.path));
    expect(merged.items).toHaveLength(5);
  });

  it('stops at a torn last frame', async () => {
    const whole = readWal(basic.wal);
    const torn = basic.wal.subarray(0, basic.wal.length - 100);
    const contents = readWal(torn);
    expect(contents).toMatchObject({ stopReason: 'torn-frame', framesInFile: whole.framesInFile - 1 });
    expect(contents.stopFrame).toBe(whole.framesInFile);
    expect(contents.transactions).toBe(whole.transactions - 1);
    expect(imageDump(applyWal(basic.main, contents))).toEqual(
      await cliDump(await pairWith(basic.main, torn)),
    );
  });

  it('stops at a frame whose checksum is wrong and reports it', async () => {
    const badFrame = 5;
    const damaged = flipByte(basic.wal, 32 + (badFrame - 1) * frameBytes(basic.wal) + 24 + 1000, 0x40);
    const contents = readWal(damaged);
    expect(contents).toMatchObject({ stopReason: 'checksum-mismatch', stopFrame: badFrame, validFrames: 4 });
    expect(contents.committedFrames).toBeLessThanOrEqual(4);
    const merged = imageDump(applyWal(basic.main, contents));
    expect(merged).toEqual(await cliDump(await pairWith(basic.main, damaged)));
    expect(merged.items?.length).toBeLessThan(48);
  });

  it('stops at a frame claiming page number 0, as SQLite does', async () => {
    const damaged = resign(withWord(basic.wal, 32 + 2 * frameBytes(basic.wal), 0));
    const contents = readWal(damaged);
    expect(contents).toMatchObject({ stopReason: 'zero-page-number', stopFrame: 3, validFrames: 2 });
    expect(imageDump(applyWal(basic.main, contents))).toEqual(
      await cliDump(await pairWith(basic.main, damaged)),
    );
  });

  it('ignores frames whose salts belong to an older WAL generation', async () => {
    const pair = await walPair({
      checkpointedSql: createItems,
      // After a full checkpoint the next writer restarts the WAL from the top with new salts,
      // leaving the previous generation's frames behind its own.
      walOnlySql: `${insertItems(100, 1000, 'first')}\nPRAGMA wal_checkpoint;\n${insertItems(2, 10, 'second')}`,
    });
    const contents = readWal(pair.wal);
    expect(contents.stopReason).toBe('salt-mismatch');
    expect(contents.header.checkpointSequence).toBeGreaterThan(0);
    expect(contents.framesInFile).toBeGreaterThan(contents.validFrames + 10);
    expect(contents.stopFrame).toBe(contents.validFrames + 1);
    const merged = imageDump(applyWal(pair.main, contents));
    expect(merged).toEqual(await cliDump(pair.path));
    expect(merged.items).toHaveLength(102);
  });

  it('sizes the image to the last commit when a VACUUM shrank the database', async () => {
    const pair = await walPair({
      checkpointedSql: `${createItems}\n${insertItems(300, 1000, 'bulk')}`,
      walOnlySql: 'DELETE FROM items WHERE id > 5;\nVACUUM;',
    });
    const contents = readWal(pair.wal);
    const image = applyWal(pair.main, contents);
    expect(image.length).toBe((contents.dbSizePages ?? 0) * contents.pageSize);
    expect(image.length).toBeLessThan(pair.main.length / 10);
    expect(imageDump(image)).toEqual(await cliDump(pair.path));
    const db = openImage(image);
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it("merges in the main file's own memory when the commit fits: the image applyWal makes, and the overwritten pages as they were", async () => {
    const shrunk = await walPair({
      checkpointedSql: `${createItems}\n${insertItems(300, 1000, 'bulk')}`,
      walOnlySql: 'DELETE FROM items WHERE id > 5;\nVACUUM;',
    });
    for (const pair of [basic, shrunk]) {
      const contents = readWal(pair.wal);
      const expected = applyWal(pair.main, contents);
      const room = Math.max(pair.main.length, expected.length);
      // The reader's memory: the file, then room after it holding leftovers of an earlier file.
      const memory = Buffer.alloc(room + 8192, 0xa5);
      pair.main.copy(memory);
      const main = memory.subarray(0, pair.main.length);
      const merged = applyWalInPlace(main, contents, room);
      expect(merged).not.toBeNull();
      const { image, replaced } = merged as NonNullable<typeof merged>;
      expect(image.buffer).toBe(memory.buffer);
      expect(image.equals(expected)).toBe(true);
      // Putting the replaced pages back gives the file as it was read, byte for byte.
      const restored = Buffer.from(memory.subarray(0, pair.main.length));
      for (const page of replaced) page.bytes.copy(restored, page.offset);
      expect(restored.equals(pair.main)).toBe(true);
      expect(replaced.map((page) => page.offset)).toEqual(
        [...replaced.map((page) => page.offset)].sort((a, b) => a - b),
      );
    }
  });

  it('merges in place only when the commit fits the room the reader allocated', () => {
    const contents = readWal(basic.wal);
    const size = (contents.dbSizePages ?? 0) * contents.pageSize;
    expect(size).toBeGreaterThan(basic.main.length);
    expect(applyWalInPlace(Buffer.from(basic.main), contents, size - 1)).toBeNull();
    const nothingCommitted = readWal(Buffer.alloc(0));
    const main = Buffer.from(basic.main);
    expect(applyWalInPlace(main, nothingCommitted, main.length)).toEqual({ image: main, replaced: [] });
  });

  it.each([
    ['a bad magic', (wal: Buffer) => withWord(wal, 0, 0x377f0680), /magic/],
    ['an unknown version', (wal: Buffer) => resignHeader(withWord(wal, 4, 3007001)), /version 3007001/],
    ['a bad checksum', (wal: Buffer) => withWord(wal, 24, (wal.readUInt32BE(24) ^ 1) >>> 0), /checksum/],
    ['a page size of 1000', (wal: Buffer) => resignHeader(withWord(wal, 8, 1000)), /page size 1000/],
    // The database header writes 65536 as 1; the WAL header writes it as is, and SQLite rejects 1.
    ['a page size of 1', (wal: Buffer) => resignHeader(withWord(wal, 8, 1)), /page size 1$/],
    ['fewer than 32 bytes', (wal: Buffer) => wal.subarray(0, 31), /31 bytes/],
  ])('rejects a WAL header with %s', (_name, damage, detail) => {
    const error = errorOf(() => readWal(damage(basic.wal)));
    expect(error.code).toBe('WAL_INVALID');
    expect(error.detail).toMatch(detail);
  });

  it('treats an empty WAL file as holding nothing and returns a copy of the main file', () => {
    const contents = readWal(Buffer.alloc(0));
    expect(contents).toMatchObject({
      framesInFile: 0,
      committedFrames: 0,
      dbSizePages: null,
      stopReason: 'end',
    });
    const image = applyWal(basic.main, contents);
    expect(image).toEqual(basic.main);
    expect(image).not.toBe(basic.main);
  });

  it('refuses a WAL whose page size differs from the database (SQLite would read a corrupt mix)', async () => {
    const smallPages = await walPair({
      checkpointedSql: createItems,
      walOnlySql: insertItems(5, 10, 'x'),
      pageSize: 1024,
    });
    expect(errorOf(() => merge(smallPages.main, basic.wal)).code).toBe('WAL_MISMATCH');
    expect(errorOf(() => merge(basic.main, smallPages.wal)).code).toBe('WAL_MISMATCH');
  });

  it.each([1024, 4096, 65536])('handles page size %i', async (pageSize) => {
    const pair = await walPair({
      pageSize,
      checkpointedSql: `${createItems}\n${insertItems(10, 50, 'old')}`,
      walOnlySql: `${insertItems(80, 1500, 'new')}\nDELETE FROM items WHERE id % 3 = 0;\nCREATE INDEX by_name ON items(name);`,
    });
    const contents = readWal(pair.wal);
    expect(contents.pageSize).toBe(pageSize);
    expect(contents.header.pageSize).toBe(pageSize);
    expect(imageDump(applyWal(pair.main, contents))).toEqual(await cliDump(pair.path));
  });

  it('handles both checksum byte orders', async () => {
    const nativeBigEndian = (basic.wal.readUInt32BE(0) & 1) === 1;
    const flipped = resign(basic.wal, !nativeBigEndian);
    expect(resign(flipped, nativeBigEndian)).toEqual(basic.wal);
    const native = readWal(basic.wal);
    const other = readWal(flipped);
    expect(other.header.bigEndianChecksums).toBe(!nativeBigEndian);
    expect({ ...other, header: null }).toEqual({ ...native, header: null });
    const merged = applyWal(basic.main, other);
    expect(merged).toEqual(applyWal(basic.main, native));
    expect(imageDump(merged)).toEqual(await cliDump(await pairWith(basic.main, flipped)));
  });
});

interface RandomCase {
  seed: number;
  spec: WalPairSpec;
  damage: 'none' | 'truncate' | 'flip' | 'salt';
  /** Fractions that pick the damaged frame and byte once the WAL's size is known. */
  damageFrame: number;
  damageByte: number;
  flipMask: number;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number): RandomCase {
  const random = mulberry32(seed);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const table = (i: number): string => `t${i}`;
  const create = (i: number): string => createItems.replace('items', table(i));
  const insert = (i: number): string =>
    random() < 0.25
      ? insertItems(int(20, 120), int(300, 3000), pick(['big', 'huge', 'wide']), table(i))
      : insertItems(int(1, 15), int(0, 60), pick(['a', 'b', 'c', 'd']), table(i));

  const checkpointed: string[] = [];
  const walOnly: string[] = [];
  const existing: number[] = [];
  const tableCount = int(1, 3);
  for (let i = 0; i < tableCount; i++) {
    const phase = i === 0 || random() < 0.5 ? checkpointed : walOnly;
    phase.push(create(i), insert(i));
    if (phase === checkpointed) existing.push(i);
  }
  for (let i = 0; i < tableCount; i++) if (!existing.includes(i)) existing.push(i);
  const transactions = int(1, 6);
  for (let n = 0; n < transactions; n++) {
    const ops = Array.from({ length: int(1, 3) }, () => {
      const i = pick(existing);
      return pick([
        () => insert(i),
        () =>
          `UPDATE ${table(i)} SET qty = qty + ${int(1, 99)}, name = name || '*' WHERE id % ${int(2, 5)} = 0;`,
        () => `DELETE FROM ${table(i)} WHERE id % ${int(2, 7)} = ${int(0, 1)};`,
        () => `CREATE INDEX IF NOT EXISTS ${table(i)}_qty ON ${table(i)}(qty);`,
      ])();
    });
    walOnly.push(random() < 0.5 ? `BEGIN;\n${ops.join('\n')}\nCOMMIT;` : ops.join('\n'));
  }
  if (random() < 0.15) walOnly.push('VACUUM;');

  const spec: WalPairSpec = {
    pageSize: pick([512, 1024, 4096, 8192, 65536]),
    checkpointedSql: checkpointed.join('\n'),
    walOnlySql: walOnly.join('\n'),
  };
  if (random() < 0.3) {
    spec.uncommittedSql = `PRAGMA cache_size=5;\n${insertItems(int(50, 200), 2000, 'tail', table(0))}`;
  }
  const damage = pick(['none', 'none', 'truncate', 'flip', 'salt'] as const);
  return { seed, spec, damage, damageFrame: random(), damageByte: random(), flipMask: int(1, 255) };
}

function damageWal(wal: Buffer, c: RandomCase): { wal: Buffer; frame: number | null } {
  const size = frameBytes(wal);
  const frames = Math.floor((wal.length - 32) / size);
  if (c.damage === 'none' || frames === 0) return { wal, frame: null };
  const frame = Math.floor(c.damageFrame * frames);
  const at = 32 + frame * size + Math.floor(c.damageByte * size);
  if (c.damage === 'truncate') return { wal: wal.subarray(0, at), frame: frame + 1 };
  if (c.damage === 'salt') {
    // A frame left over from another WAL generation: same layout, other salts.
    const saltAt = 32 + frame * size + 8;
    const copy = Buffer.from(wal);
    copy.writeUInt32BE((copy.readUInt32BE(saltAt) ^ (c.flipMask << 8)) >>> 0, saltAt);
    return { wal: copy, frame: frame + 1 };
  }
  return { wal: flipByte(wal, at, c.flipMask), frame: frame + 1 };
}

describe('random WAL pairs agree with the sqlite3 CLI', () => {
  const cases = Array.from({ length: 100 }, (_, i) => randomCase(7001 + i));
  it.each(
    cases.map((c) => [c.seed, c.spec.pageSize, c.damage, c.spec.uncommittedSql ? 'tail' : 'no tail', c]),
  )('seed %i: %i-byte pages, damage %s, %s', async (_seed, _pageSize, _damage, _tail, c) => {
    const pair = await walPair(c.spec);
    const { wal, frame } = damageWal(pair.wal, c);
    const contents = readWal(wal);
    expect(contents.committedFrames).toBeLessThanOrEqual(contents.validFrames);
    expect(contents.validFrames).toBeLessThanOrEqual(contents.framesInFile);
    if (c.damage === 'salt' && frame !== null) {
      const originalStop = readWal(pair.wal).stopFrame ?? Infinity;
      expect(contents.stopFrame).toBe(Math.min(frame, originalStop));
      if (frame < originalStop) expect(contents.stopReason).toBe('salt-mismatch');
    }
    if (c.damage === 'flip' && frame !== null) {
      // An open transaction may already have broken the checksum chain before the flipped frame.
      expect(contents.stopFrame).toBe(Math.min(frame, readWal(pair.wal).stopFrame ?? Infinity));
      expect(['salt-mismatch', 'checksum-mismatch', 'zero-page-number']).toContain(contents.stopReason);
    }
    if (c.damage === 'truncate' && frame !== null) expect(contents.framesInFile).toBe(frame - 1);

    const image = applyWal(pair.main, contents);
    const path = wal === pair.wal ? pair.path : await pairWith(pair.main, wal);
    expect(imageDump(image)).toEqual(await cliDump(path));
    const db = openImage(image);
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });
});

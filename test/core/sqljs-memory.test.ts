// Saving without export() (issue 16): the bytes come straight from the array sql.js's file system
// works on, but only while a probe proves that array is still the file; otherwise export().
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../electron/core/sqljs';
import {
  allocateWithSpareRoom,
  bytesToSave,
  liveFileBytes,
  openTracked,
  selfTest,
} from '../../electron/core/sqljs-memory';
import { readsBackAs } from '../../electron/core/read-back';
import { nodeFileSystem } from '../../electron/core/file-system';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir';

async function seeded(rows: number): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT)');
  for (let i = 0; i < rows; i += 1) db.run('INSERT INTO t(a) VALUES (?)', [`row ${i} `.repeat(50)]);
  const bytes = db.export();
  db.close();
  return bytes;
}

function withRoom(bytes: Uint8Array): Buffer {
  const buffer = allocateWithSpareRoom(bytes.length);
  buffer.set(bytes);
  return buffer;
}

describe('the database bytes straight from sql.js memory', () => {
  it('passes its start-up self-test on this sql.js', async () => {
    expect(selfTest(await loadSqlJs())).toBe(true);
  });

  it('gives the committed file, identical to export() past the header, and opens to the same rows', async () => {
    const SQL = await loadSqlJs();
    const db = openTracked(SQL, withRoom(await seeded(200)));
    db.exec("BEGIN; UPDATE t SET a = 'changed' WHERE id % 7 = 0; DELETE FROM t WHERE id = 3; COMMIT");
    const live = liveFileBytes(db);
    if (live === null) throw new Error('the fast path should hold while the file fits its spare room');
    const copy = Uint8Array.from(live);
    const exported = db.export();
    expect(copy.length).toBe(exported.length);
    expect(Buffer.from(copy.subarray(100)).equals(Buffer.from(exported.subarray(100)))).toBe(true);
    expect([copy[18], copy[19]]).toEqual([1, 1]);
    const reopened = new SQL.Database(copy);
    expect(reopened.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
    expect(reopened.exec("SELECT count(*) FROM t WHERE a = 'changed'")[0]?.values).toEqual([[28]]);
    reopened.close();
    db.close();
  });

  it('falls back to export() once the file outgrew its spare room (sql.js moved it)', async () => {
    const SQL = await loadSqlJs();
    const db = openTracked(SQL, withRoom(await seeded(200)));
    db.run('INSERT INTO t(a) VALUES (?)', ['x'.repeat(400_000)]);
    expect(liveFileBytes(db)).toBeNull();
    const saved = bytesToSave(db);
    const reopened = new SQL.Database(saved);
    expect(reopened.exec('SELECT count(*) FROM t')[0]?.values).toEqual([[201]]);
    reopened.close();
    db.close();
  });

  it('a read-back that differs in one byte from memory is caught', async () => {
    const dir = await tempDir();
    const path = join(dir, 'b.db');
    const bytes = await seeded(50);
    await writeFile(path, bytes);
    expect(await readsBackAs(path, bytes, nodeFileSystem)).toBe(true);
    const other = Uint8Array.from(bytes);
    other[other.length - 1] = (other[other.length - 1] ?? 0) ^ 1;
    expect(await readsBackAs(path, other, nodeFileSystem)).toBe(false);
    expect(await readsBackAs(path, bytes.subarray(0, bytes.length - 1), nodeFileSystem)).toBe(false);
  });
});

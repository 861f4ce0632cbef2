// A table's content hash read straight from sql.js memory (issue 16) must be the hash the decoded
// path gives — the one every log already holds — for every kind of value and on every fixture.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { contentMatches, digestTable, rehashTable, tableContentHash } from '../../electron/core/content-hash';
import { directHashingEnabled, hashRows, hashRowsDecoded } from '../../electron/core/content-hash-rows';
import { loadSqlJs } from '../../electron/core/sqljs';
import { sqlToBytes } from '../fixtures/build';
import { SCENARIOS } from '../fixtures/scenarios';

/** The hash as content-hash.ts computed it before the direct path: every value decoded first. */
function decodedHash(db: Database, table: string, encoding: 'v2' | 'v3' = 'v3'): string {
  const hash = createHash('sha256');
  hashRowsDecoded(db, `SELECT rowid, * FROM "${table.replaceAll('"', '""')}" ORDER BY rowid`, hash, encoding);
  return `${encoding}:${hash.digest('hex')}`;
}

const tablesOf = (db: Database) =>
  (db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((row) =>
    String(row[0]),
  );

const MIXED = `CREATE TABLE t(i, r, s, b, n);
  INSERT INTO t VALUES
    (0, 0.1, '', x'', NULL),
    (9007199254740993, -0.0, 'plain ascii', x'00ff10', NULL),
    (-1, 1e308, 'naïve – 中文 ✓ 😀 emoji 🎉 and ascii after', randomblob(4000), 'x'),
    (42, 2.5, printf('%.*c', 5000, 'a') || '😀' || printf('%.*c', 300, 'b') || 'é', zeroblob(10), NULL),
    (7, 3.25, char(65279) || '{"a":1}' || printf('%.*c', 30, ' '), x'efbbbf', char(65279)),
    (8, 1.5, CAST(x'61006200' AS TEXT), CAST(x'ff41eda080' AS TEXT), CAST(x'c3a9ff41eda08041414141414141414141414141' AS TEXT)),
    (9, -2.75, '{"clients":[{"email":"u1","comment":"customer 7 – renew monthly"}]}', NULL, '中');`;

describe('content hashes read from sql.js memory', () => {
  it('pass their start-up self-test', async () => {
    await loadSqlJs();
    expect(directHashingEnabled()).toBe(true);
  });

  it('equal the decoded hash for NULLs, blobs, integers, reals, unicode, BOM, NUL and invalid UTF-8', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(MIXED);
    expect(tableContentHash(db, 't')).toBe(decodedHash(db, 't'));
    // A change in any one value changes the hash on both paths alike.
    db.exec("UPDATE t SET s = s || 'é' WHERE rowid = 3");
    expect(tableContentHash(db, 't')).toBe(decodedHash(db, 't'));
    db.close();
  });

  it('keep the encoding (a pinned digest of fixed values), and still match the v2 hashes older logs hold', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(
      `CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'a'), (NULL, 'é😀'), (2.5, x'00ff'), ('', CAST(x'ff' AS TEXT));`,
    );
    expect(tableContentHash(db, 't')).toBe(PINNED_V3);
    expect(contentMatches(db, 't', tableContentHash(db, 't'), PINNED_V2)).toBe(true);
    expect(decodedHash(db, 't', 'v2')).toBe(PINNED_V2);
    db.exec("UPDATE t SET b = 'é😀!' WHERE rowid = 2");
    expect(contentMatches(db, 't', tableContentHash(db, 't'), PINNED_V2)).toBe(false);
    expect(contentMatches(db, 't', tableContentHash(db, 't'), PINNED_V3)).toBe(false);
    db.close();
  });

  it('hash a row holding a value of 4096 bytes or more on its own (a pinned digest)', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(
      `CREATE TABLE u(a, b); INSERT INTO u VALUES (printf('%.*c', 5000, 'x'), 1), ('small', x'00'), (NULL, zeroblob(4096));`,
    );
    expect(tableContentHash(db, 'u')).toBe(PINNED_V3_LARGE);
    expect(decodedHash(db, 'u')).toBe(PINNED_V3_LARGE);
    db.close();
  });

  it('re-hash a table from the rows written since to the hash a full pass gives', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(`CREATE TABLE t(k, v);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
      INSERT INTO t SELECT i, CASE WHEN i % 3 = 0 THEN printf('%.*c', 5000 + i, 'é') ELSE 'short ' || i END FROM n;`);
    let digest = digestTable(db, 't');
    if (digest === null) throw new Error('no digest');
    expect(digest.large.size).toBe(13);
    const writes: Array<[string, number[]]> = [
      ["UPDATE t SET v = v || '!' WHERE rowid IN (3, 4, 30)", [3, 4, 30]],
      ['DELETE FROM t WHERE rowid IN (6, 7)', [6, 7]],
      [
        "INSERT INTO t (rowid, k, v) VALUES (100, 1, printf('%.*c', 9000, 'z')), (2000, 2, 'tiny')",
        [100, 2000],
      ],
      ["UPDATE t SET v = 'now small' WHERE rowid = 9", [9]],
    ];
    for (const [sql, rowids] of writes) {
      db.exec(sql);
      const rehashed = rehashTable(db, digest, new Set(rowids));
      expect(rehashed?.hash).toBe(tableContentHash(db, 't'));
      digest = rehashed ?? digest;
    }
    // A write it was not told of (a large row deleted) is caught by the row count: no hash at all.
    db.exec('DELETE FROM t WHERE rowid = 12');
    expect(rehashTable(db, digest, new Set())).toBeNull();
    db.close();
  });

  it('equal the v2 decoded hash in the v2 encoding, for every kind of value', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(MIXED);
    const direct = createHash('sha256');
    hashRows(db, 'SELECT rowid, * FROM t ORDER BY rowid', direct, 'v2');
    expect(`v2:${direct.digest('hex')}`).toBe(decodedHash(db, 't', 'v2'));
    db.close();
  });

  it('equal the decoded hash on every table of every scenario fixture', async () => {
    const SQL = await loadSqlJs();
    let compared = 0;
    for (const scenario of SCENARIOS.filter((s) => s.wal === undefined)) {
      const db = new SQL.Database(await sqlToBytes(scenario.sql));
      for (const table of tablesOf(db)) {
        expect(tableContentHash(db, table), `${scenario.id} ${table}`).toBe(decodedHash(db, table));
        compared += 1;
      }
      db.close();
    }
    expect(compared).toBeGreaterThan(20);
  });
});

// Computed with plain sql.js (Statement.get), independently of PanelDB's code: v2 (UTF-16 lengths)
// as earlier logs hold it, v3 (UTF-8 lengths, tag `t`) as logs hold it now.
const PINNED_V2 = 'v2:081c1e6708dafb101e3600ee43cf49c595323fad2b8bc8198e6b8fbd5ed69649';
const PINNED_V3_LARGE = 'v3:585e7f236e24aaa76b957e30248ea63817814d06b97419534f826b26d1e0c31e';
const PINNED_V3 = 'v3:ac8f21d094bea2983520ddc5b4a95b409c7e4f4a545272769b253acb5f8ef119';

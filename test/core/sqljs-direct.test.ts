// Direct reads from sql.js memory (issue 16) must give exactly what Statement.get() gives, and the
// byte-level shortcut of `check` may only skip rows in which the full check finds nothing.
import { describe, expect, it } from 'vitest';
import type { SqlValue } from 'sql.js';
import { loadSqlJs } from '../../electron/core/sqljs';
import { directReadsEnabled, forEachValues } from '../../electron/core/sqljs-direct';
import { isPlainStringArray, scanJsonText } from '../../electron/core/json-text-scan';
import { jsonProblemOf } from '../../electron/core/panel-invariants';

describe('direct reads from sql.js memory', () => {
  it('pass their start-up self-test and read odd values exactly as Statement.get()', async () => {
    const SQL = await loadSqlJs();
    expect(directReadsEnabled()).toBe(true);
    const db = new SQL.Database();
    db.exec(`CREATE TABLE t(v);
      INSERT INTO t VALUES (9007199254740993), (0.1), (NULL), (''), ('ascii'), ('é😀 – long enough to use TextDecoder'),
        (CAST(x'ff41eda080' AS TEXT)), (CAST(x'610062' AS TEXT)), (x'0001ff'), (randomblob(70000));`);
    const expected: SqlValue[][] = [];
    const statement = db.prepare('SELECT rowid, v FROM t');
    while (statement.step()) expected.push(statement.get());
    statement.free();
    const actual: SqlValue[][] = [];
    forEachValues(db, 'SELECT rowid, v FROM t', (row) => actual.push(row));
    expect(actual).toEqual(expected);
    expect(() => forEachValues(db, 'SELECT nope FROM t', () => undefined)).toThrow(/no such column/);
    db.close();
  });
});

describe('plain string arrays', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  it('are recognised only where the full check finds nothing', () => {
    for (const text of ['[]', ' [ ] ', '["10.0.0.1","2a01::1"]', '[\n  "a" ,\t"b"\r\n]'])
      expect(isPlainStringArray(bytes(text)) && jsonProblemOf(text) === null, text).toBe(true);
    for (const text of [
      '[1]',
      '["a",]',
      '["a\\"b"]',
      '["é"]',
      '{"a":"b"}',
      '["a"]x',
      '["a"',
      '\uFEFF[]',
      '[["a"]]',
      '["\u0001"]',
    ])
      expect(isPlainStringArray(bytes(text)), text).toBe(false);
  });

  it('scan text as the separate passes did: colons outside strings, depth, what needs the exact decoder', () => {
    expect(scanJsonText('{"a:b":[{"c":1}]}')).toEqual({ plain: true, colons: 2, depth: 3 });
    for (const text of ['[1e400]', '["\\ud800"]', `[${'1'.repeat(200)}]`])
      expect(scanJsonText(text).plain).toBe(false);
  });
});

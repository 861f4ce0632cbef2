// Rows Go's decoder cannot read, through the whole engine (issue 13): the panel's seeders skip them,
// so the migration skips them too — with the reason — and still succeeds; a row Go decodes to
// something new (a lone surrogate escape → U+FFFD) is rewritten as Go writes it and rolls back to
// its exact bytes; a row whose bytes are not UTF-8 is left alone, because its bytes could not be
// restored.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findJsonProblems } from '../../electron/core/panel-invariants';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { loadSqlJs } from '../../electron/core/sqljs';
import { BOM_REASON, NOT_UTF8_REASON } from '../../electron/core/json-column';
import { writePanelDb } from '../support/panel-db';
import { sqlite3Json } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const TLS = '{"security":"tls","tlsSettings":{"allowInsecure":true,"serverName":"a.example.com"}}';
const XHTTP = '{"network":"xhttp","security":"reality","realitySettings":{"target":"www.example.com:443"}}';
const CLIENTS = '{"clients":[{"email":"u1","flow":""}],"decryption":"none"}';
const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Inbounds 1–8; the stream_settings/settings SQL expressions may hold raw bytes (X'…'). */
const ROWS: [string, string, string][] = [
  ['vless', sql(CLIENTS), sql(TLS)], // 1: an ordinary row step 2 changes
  ['vless', sql(CLIENTS), `CAST(X'EFBBBF' AS TEXT) || ${sql(TLS)}`], // 2: BOM
  ['vless', sql(CLIENTS), sql('{"tlsSettings":{"allowInsecure":true},"n":1e400}')], // 3: beyond float64
  ['vless', sql(CLIENTS), sql('{"tlsSettings":{"allowInsecure":true},"x":"x\\ud800y"}')], // 4: lone surrogate
  [
    'vless',
    sql(CLIENTS),
    `${sql('{"tlsSettings":{"allowInsecure":true},"x":"')} || CAST(X'FF' AS TEXT) || '"}'`,
  ], // 5: not UTF-8
  ['vless', `CAST(X'EFBBBF' AS TEXT) || ${sql(CLIENTS)}`, sql(XHTTP)], // 6: BOM in settings
  ['vless', sql('{"clients":[{"email":"u7","flow":"","n":-1e999}]}'), sql(XHTTP)], // 7: beyond float64
  ['trojan', sql(CLIENTS), `CAST(X'EFBBBF' AS TEXT) || ${sql(XHTTP.replace(':443', ''))}`], // 8: BOM, REALITY
];

async function panelFile(): Promise<string> {
  const inserts = ROWS.map(
    ([protocol, settings, stream], index) =>
      `INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES ('r${index + 1}', ${40001 + index}, '${protocol}', ${settings}, ${stream}, 'inbound-${40001 + index}');`,
  );
  return writePanelDb(`${await tempDir()}/x-ui.db`, inserts.join('\n'));
}

const bytesOf = (path: string) =>
  Object.fromEntries(
    sqlite3Json(
      path,
      'SELECT id, hex(settings) AS s, hex(stream_settings) AS t FROM inbounds ORDER BY id',
    ).map((row) => [Number(row.id), `${String(row.s)}|${String(row.t)}`]),
  );

describe('rows Go cannot decode, through migrate and rollback', () => {
  it('skips a BOM row and a 1e400 row with the reason, migrates the rest, and rolls everything back byte for byte', async () => {
    const path = await panelFile();
    const before = bytesOf(path);
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate({ xhttpFlow: 'panel' }));
    expect(report.saved).toBe(true);
    expect(report.steps.every((step) => step.status === 'applied')).toBe(true);

    const tls = report.steps.find((step) => step.version === 2);
    expect(tls?.skipped).toMatchObject([
      { table: 'inbounds', rowid: 2, reason: expect.stringContaining(BOM_REASON) },
      {
        table: 'inbounds',
        rowid: 3,
        reason: expect.stringContaining('json: cannot unmarshal number 1e400 into Go value of type float64'),
      },
      { table: 'inbounds', rowid: 5, reason: `stream_settings ${NOT_UTF8_REASON}` },
      { table: 'inbounds', rowid: 8, reason: expect.stringContaining(BOM_REASON) },
    ]);
    expect(tls?.skipped.map((row) => row.reason)).toEqual([
      expect.stringMatching(/^invalid JSON in stream_settings/),
      expect.stringMatching(/^invalid JSON in stream_settings/),
      expect.anything(),
      expect.stringMatching(/^invalid JSON in stream_settings/),
    ]);
    expect(tls?.changes.map((change) => change.rowid)).toEqual([1, 4]);

    const flow = report.steps.find((step) => step.version === 3);
    expect(flow?.skipped).toMatchObject([
      // Go's XhttpFlowMigration cannot read these streams either.
      {
        table: 'inbounds',
        rowid: 2,
        reason: expect.stringMatching(/^stream_settings is not a valid JSON object/),
      },
      {
        table: 'inbounds',
        rowid: 3,
        reason: expect.stringMatching(/^stream_settings is not a valid JSON object/),
      },
      { table: 'inbounds', rowid: 6, reason: expect.stringContaining(BOM_REASON) },
      { table: 'inbounds', rowid: 7, reason: expect.stringContaining('cannot unmarshal number -1e999') },
    ]);

    // Step 4: the BOM row names REALITY, so the seeder's LIKE '%reality%' finds it and fails to parse it.
    const reality = report.steps.find((step) => step.version === 4);
    expect(reality?.skipped.filter((row) => row.rowid === 8)).toMatchObject([
      { table: 'inbounds', rowid: 8, reason: expect.stringContaining(BOM_REASON) },
    ]);
    expect(reality?.changes).toEqual([]);

    const after = bytesOf(path);
    for (const id of [2, 3, 5, 6, 7, 8]) expect(after[id], `inbound ${id}`).toBe(before[id]);
    const [lone] = sqlite3Json(path, 'SELECT hex(stream_settings) AS t FROM inbounds WHERE id = 4');
    // Go: the lone \ud800 decodes to U+FFFD and is written as its UTF-8 bytes ef bf bd.
    expect(String(lone?.t)).toBe(
      Buffer.from('{"tlsSettings":{},"x":"x\uFFFDy"}').toString('hex').toUpperCase(),
    );

    const rolledBack = unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 3 }));
    expect(rolledBack.steps.map((step) => [step.version, step.status, step.content_hash_restored])).toEqual([
      [4, 'reverted', true],
      [3, 'reverted', true],
      [2, 'reverted', true],
    ]);
    expect(bytesOf(path)).toEqual(before);
  });
});

describe('rows Go cannot decode, in the checks', () => {
  it('reports a BOM row and a 1e400 row as invalid JSON, although sql.js hands over the BOM row without its BOM', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(await readFile(await panelFile()));
    try {
      const invalid = findJsonProblems(db)
        .filter((found) => found.problem === 'invalid-json')
        .map((found) => found.where);
      expect(invalid).toEqual([
        'inbounds #6 settings',
        'inbounds #7 settings',
        'inbounds #2 stream_settings',
        'inbounds #3 stream_settings',
        'inbounds #8 stream_settings',
      ]);
    } finally {
      db.close();
    }
  });
});

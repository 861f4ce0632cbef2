// The `changes` column of paneldb_history (issue 16: the log grew by ~1.75× the values a step
// changed, because each JSON before-value was escaped once more inside a JSON array). Format 2 put
// the before-values verbatim after a header line (still 1.14–1.19× them with each step's own row);
// format 3, written now, is that text zlib-compressed in a BLOB. Both older formats still read.
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { decodeChanges, encodeChanges, encodeChangesText } from '../../electron/core/history-changes';
import type { StoredChange } from '../../electron/shared/reports';
import { loggedChanges } from '../support/history-rows';
import { writeManyInbounds } from '../support/large-panels';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const change = (rowid: number, before: string | null): StoredChange => ({
  table: 'inbounds',
  rowid,
  column: 'stream_settings',
  before,
  after_sha256: 'a'.repeat(16),
});

const EVERY_KIND = [
  change(1, '{\n  "network": "tcp",\n  "security": "tls"\n}'),
  change(2, null),
  change(3, ''),
  change(4, 'emoji 😀 and "quotes" and \\ backslashes'),
  change(5, 'a lone \ud800 surrogate'),
  change(8, 'a NUL \u0000 inside'),
  { ...change(6, null), before_type: 'blob' as const, before_hex: '00ff' },
  { ...change(9, '{"row":"image"}'), kind: 'delete' as const, column: '*' },
  { ...change(10, null), table: 'client_traffics', column: 'email', after_sha256: null },
  change(7, '\n\n{"starts":"with newlines"}'),
];

const clientsValue = JSON.stringify(
  { clients: Array.from({ length: 500 }, (_, i) => ({ email: `user${i}@x`, id: `${i}`, flow: '' })) },
  null,
  2,
);

describe('the changes column of the history log', () => {
  it('gives back exactly the changes it was given: quotes, newlines, emoji, empty, NULL, NUL and lone surrogates', () => {
    expect(decodeChanges(encodeChanges(EVERY_KIND))).toEqual(EVERY_KIND);
  });

  it('stores the before-values compressed: the column is a fraction of the values it keeps', () => {
    const encoded = encodeChanges([change(1, clientsValue), change(2, clientsValue)]);
    expect(encoded.length).toBeLessThan((2 * clientsValue.length) / 10);
  });

  it('compresses the format 2 text, which keeps each before-value once, never escaped again', () => {
    const text = encodeChangesText([change(1, clientsValue), change(2, clientsValue)]);
    const escapedOnce = JSON.stringify([change(1, clientsValue), change(2, clientsValue)]);
    expect(text.length).toBeLessThan(2 * clientsValue.length * 1.01);
    expect(escapedOnce.length).toBeGreaterThan(2 * clientsValue.length * 1.2);
    expect(decodeChanges(deflateSync(text))).toEqual(
      decodeChanges(encodeChanges([change(1, clientsValue), change(2, clientsValue)])),
    );
  });

  it('still reads a log written as format 2 text', () => {
    expect(decodeChanges(encodeChangesText(EVERY_KIND))).toEqual(EVERY_KIND);
  });

  it('still reads a log written as one JSON array', () => {
    const old = [change(1, '{"a":1}'), change(2, null)];
    expect(decodeChanges(JSON.stringify(old))).toEqual(old);
  });

  it.each([
    ['a value cut short', (text: string) => text.slice(0, -1)],
    ['characters after the last value', (text: string) => `${text}x`],
    ['a header of another format', (text: string) => text.replace('"format":2', '"format":3')],
    ['a negative length', (text: string) => text.replace(',7,', ',-7,')],
    ['a name index out of range', (text: string) => text.replace('[[0,1,', '[[0,9,')],
    ['no header line', (text: string) => text.replace('\n', ' ')],
  ])('refuses format 2 text with %s, compressed or not', (_what, damage) => {
    const damaged = damage(encodeChangesText([change(1, '{"a":1}')]));
    expect(decodeChanges(damaged)).toBeUndefined();
    expect(decodeChanges(deflateSync(damaged))).toBeUndefined();
  });

  it('refuses a compressed JSON array: a BLOB holds format 2 text only', () => {
    expect(decodeChanges(deflateSync(JSON.stringify([change(1, '{"a":1}')])))).toBeUndefined();
  });

  it.each([
    [
      'a flipped byte',
      (bytes: Buffer) => Buffer.from(bytes.map((byte, at) => (at === 20 ? byte ^ 0xff : byte))),
    ],
    ['its end cut off', (bytes: Buffer) => bytes.subarray(0, -5)],
    ['bytes that were never compressed', () => Buffer.from('not a zlib stream')],
  ])('throws on a compressed payload with %s (zlib checks its own sum)', (_what, damage) => {
    const bytes = Buffer.from(encodeChanges([change(1, clientsValue), change(2, '{"a":1}')]));
    expect(() => decodeChanges(damage(bytes))).toThrow();
  });

  it('logs a migrate of 300 inbounds in fewer bytes than the values it changed, and rolls back from them', async () => {
    const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 300);
    const beforeBytes = Number(
      sqlite3(path, 'SELECT sum(length(CAST(stream_settings AS BLOB))) FROM inbounds;'),
    );
    const engine = createPanelEngine({ dbPath: path });
    const run = await engine.migrate({ to: 2 });
    expect(run.ok).toBe(true);
    const [logged] = loggedChanges(path, "version = 2 AND direction = 'up'");
    expect(logged?.stored).toBeInstanceOf(Uint8Array);
    expect(logged?.stored.length).toBeLessThan(beforeBytes / 10);
    const history = await engine.getHistory();
    expect(history.ok && history.value.find((entry) => entry.version === 2)?.changes.length).toBe(300);
    const rolledBack = await engine.rollBack({ steps: 1 });
    expect(rolledBack.ok && rolledBack.value.steps[0]?.content_hash_restored).toBe(true);
  });

  it('inflates in the sqlite3 shell with its own sqlar_uncompress, as the docs tell', async () => {
    const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 3);
    expect((await createPanelEngine({ dbPath: path }).migrate({ to: 2 })).ok).toBe(true);
    const text = sqlite3(
      path,
      "SELECT CAST(sqlar_uncompress(changes, 100000000) AS TEXT) FROM paneldb_history WHERE version = 2 AND direction = 'up';",
    );
    expect(text.startsWith('{"format":2,')).toBe(true);
    expect(text).toContain('"verifyPeerCertInNames":["dns.google","cloudflare-dns.com"]');
  });
});

describe('a history row PanelDB cannot read', () => {
  it.each([
    ['a changed byte', "CAST(substr(changes, 1, 10) || x'ff' || substr(changes, 12) AS BLOB)"],
    ['its end cut off', 'substr(changes, 1, length(changes) - 4)'],
    ['a BLOB that is no zlib stream', "x'00ff00ff'"],
  ])(
    'is HISTORY_INVALID naming the row when its compressed changes have %s; status, history, migrate and rollback leave the file untouched',
    async (_what, damaged) => {
      const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 20);
      const engine = createPanelEngine({ dbPath: path });
      expect((await engine.migrate({ to: 2 })).ok).toBe(true);
      const [logged] = loggedChanges(path, "version = 2 AND direction = 'up'");
      sqlite3(path, `UPDATE paneldb_history SET changes = ${damaged} WHERE id = ${logged?.id};`);
      expect(
        sqlite3(path, `SELECT typeof(changes) FROM paneldb_history WHERE id = ${logged?.id};`).trim(),
      ).toBe('blob');
      const sha = await sha256File(path);
      const reopened = createPanelEngine({ dbPath: path });
      for (const result of [
        await reopened.getStatus(),
        await reopened.getHistory(),
        await reopened.migrate(),
        await reopened.rollBack({ steps: 1 }),
      ]) {
        expect(result.ok ? null : result.error.code).toBe('HISTORY_INVALID');
        expect(result.ok ? '' : result.error.message).toContain(`row ${logged?.id}`);
      }
      expect(await sha256File(path)).toBe(sha);
    },
  );
});

describe('a log written by an older PanelDB', () => {
  it('rolls back from a format 2 text row, and still refuses when a row was edited after the step', async () => {
    const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 5);
    expect((await createPanelEngine({ dbPath: path }).migrate({ to: 2 })).ok).toBe(true);
    const [logged] = loggedChanges(path, "version = 2 AND direction = 'up'");
    const text = encodeChangesText(logged?.changes as unknown as StoredChange[]);
    sqlite3(
      path,
      `UPDATE paneldb_history SET changes = '${text.replaceAll("'", "''")}' WHERE id = ${logged?.id};`,
    );
    expect(loggedChanges(path, `id = ${logged?.id}`)[0]?.stored).toBe(text);

    sqlite3(path, `UPDATE inbounds SET stream_settings = '{"edited":true}' WHERE id = 3;`);
    const refused = await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 });
    expect(refused.ok ? null : refused.error.code).toBe('ROLLBACK_REFUSED');
    if (!refused.ok) expect(refused.error.message).toContain('inbounds row 3');

    sqlite3(
      path,
      `UPDATE inbounds SET stream_settings = (SELECT stream_settings FROM inbounds WHERE id = 2) WHERE id = 3;`,
    );
    const rolledBack = await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 });
    expect(rolledBack.ok && rolledBack.value.steps[0]?.content_hash_restored).toBe(true);
  });
});

describe('the after-hash the log keeps', () => {
  it('tells what the step wrote from a later edit, by the shortened hash and by an older full one', async () => {
    const { afterDigest, holdsAfter } = await import('../../electron/core/history-changes');
    const { sha256Hex } = await import('../../electron/core/fingerprint');
    const written = '{"network":"tcp"}';
    expect(holdsAfter(written, afterDigest(written))).toBe(true);
    expect(holdsAfter(written, sha256Hex(written))).toBe(true);
    expect(holdsAfter('{"network":"ws"}', afterDigest(written))).toBe(false);
    expect(holdsAfter(null, null)).toBe(true);
    expect(holdsAfter(null, afterDigest(written))).toBe(false);
    expect(holdsAfter(written, null)).toBe(false);
    // A stored hash too short to mean anything matches nothing.
    expect(holdsAfter(written, '')).toBe(false);
  });
});

describe('the skipped rows the log keeps', () => {
  it('stores a catalog reason as its key alone and gives back the same English sentence', async () => {
    const { buildFixture } = await import('../fixtures/build');
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    const run = await engine.migrate({ to: 3 });
    expect(run.ok).toBe(true);
    const reported = run.ok ? run.value.steps.find((step) => step.version === 3)?.skipped : undefined;
    expect(reported?.length).toBeGreaterThan(0);
    const stored = sqlite3(
      path,
      "SELECT skipped FROM paneldb_history WHERE version = 3 AND direction = 'up';",
    );
    expect(stored).toContain('skip.visionSafe');
    expect(stored).not.toContain('Vision not set');
    const history = await engine.getHistory();
    const logged = history.ok ? history.value.find((entry) => entry.version === 3)?.skipped : undefined;
    expect(logged).toEqual(reported);
  });
});

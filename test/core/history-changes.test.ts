// The `changes` column of paneldb_history (issue 16: the log grew by ~1.75× the values a step
// changed, because each JSON before-value was escaped once more inside a JSON array). Before-values
// now follow a header line verbatim; older logs (a JSON array) still read.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { decodeChanges, encodeChanges } from '../../electron/core/history-changes';
import type { StoredChange } from '../../electron/shared/reports';
import { writeManyInbounds } from '../support/large-panels';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

const change = (rowid: number, before: string | null): StoredChange => ({
  table: 'inbounds',
  rowid,
  column: 'stream_settings',
  before,
  after_sha256: 'a'.repeat(16),
});

describe('the changes column of the history log', () => {
  it('gives back exactly the changes it was given: quotes, newlines, emoji, empty, NULL, NUL and lone surrogates', () => {
    const changes = [
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
    expect(decodeChanges(encodeChanges(changes))).toEqual(changes);
  });

  it('stores a before-value once, not escaped again: the column is the values plus a small header', () => {
    const value = JSON.stringify(
      { clients: Array.from({ length: 500 }, (_, i) => ({ email: `user${i}@x`, id: `${i}`, flow: '' })) },
      null,
      2,
    );
    const encoded = encodeChanges([change(1, value), change(2, value)]);
    const escapedOnce = JSON.stringify([change(1, value), change(2, value)]);
    expect(encoded.length).toBeLessThan(2 * value.length * 1.01);
    expect(escapedOnce.length).toBeGreaterThan(2 * value.length * 1.2);
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
  ])('refuses %s', (_what, damage) => {
    expect(decodeChanges(damage(encodeChanges([change(1, '{"a":1}')])))).toBeUndefined();
  });

  it('grows the file by the changed values: a migrate of 300 inbounds logs no escaped copy of them', async () => {
    const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 300);
    const beforeBytes = Number(
      sqlite3(path, 'SELECT sum(length(CAST(stream_settings AS BLOB))) FROM inbounds;'),
    );
    const engine = createPanelEngine({ dbPath: path });
    const run = await engine.migrate({ to: 2 });
    expect(run.ok).toBe(true);
    const logged = Number(
      sqlite3(
        path,
        "SELECT length(CAST(changes AS BLOB)) FROM paneldb_history WHERE version = 2 AND direction = 'up';",
      ),
    );
    // Every row's before-value verbatim, plus about 30 bytes of header per changed row.
    expect(logged).toBeGreaterThanOrEqual(beforeBytes);
    expect(logged).toBeLessThan(beforeBytes + 300 * 40);
    const history = await engine.getHistory();
    expect(history.ok && history.value.find((entry) => entry.version === 2)?.changes.length).toBe(300);
    const rolledBack = await engine.rollBack({ steps: 1 });
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

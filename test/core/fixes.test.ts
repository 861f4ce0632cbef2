// Fixes for checks (issue 8): previewed, backed up, logged as direction `fix`, reversible exactly,
// refused when a row changed since, and never touching the panel markers or schema_migrations.
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const dump = (path: string, table: string) =>
  sqlite3Json(path, `SELECT rowid AS _rowid, * FROM ${table} ORDER BY rowid`);
const markers = (path: string) => ({
  seeders: sqlite3Json(path, 'SELECT * FROM history_of_seeders ORDER BY id'),
  schema: sqlite3Json(path, "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").length
    ? sqlite3Json(path, 'SELECT * FROM schema_migrations')
    : null,
});
const checkIds = async (path: string) =>
  unwrap(await createPanelEngine({ dbPath: path }).check()).checks.map((check) => check.id);

async function roundTrip(path: string, checkId: string, table: string) {
  const before = dump(path, table);
  const markersBefore = markers(path);
  const applied = unwrap(await createPanelEngine({ dbPath: path }).applyFix(checkId));
  expect(applied).toMatchObject({ operation: 'fix', saved: true, backup: { reason: 'before-fix' } });
  expect(applied.steps).toHaveLength(1);
  expect(applied.steps[0]?.rows_changed).toBeGreaterThan(0);
  expect(await checkIds(path)).not.toContain(checkId);
  expect(markers(path)).toEqual(markersBefore);
  const history = unwrap(await createPanelEngine({ dbPath: path }).getHistory());
  expect(history.at(-1)).toMatchObject({ version: 0, name: checkId, direction: 'fix', outcome: 'applied' });

  const reverted = unwrap(await createPanelEngine({ dbPath: path }).revertFix(checkId));
  expect(reverted.operation).toBe('revert-fix');
  expect(reverted.steps[0]?.content_hash_restored).toBe(true);
  expect(dump(path, table)).toEqual(before);
  expect(markers(path)).toEqual(markersBefore);
  expect(await checkIds(path)).toContain(checkId);
  const after = unwrap(await createPanelEngine({ dbPath: path }).getHistory());
  expect(after.at(-1)).toMatchObject({ version: 0, name: checkId, direction: 'fix-revert' });
  return applied;
}

describe('fixes for checks', () => {
  it('(a) removes Vision from XHTTP clients without VLESS Encryption after the panel seeder ran, and rolls back exactly', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ xhttpFlow: 'panel' }));
    const applied = await roundTrip(path, 'xray.vision-xhttp-without-encryption', 'inbounds');
    expect(applied.steps[0]?.changes.map((change) => change.rowid)).toEqual([1, 3]);
  });

  it('(a) leaves Vision where VLESS Encryption is on (F3b)', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ xhttpFlow: 'panel' }));
    const [f3b] = sqlite3Json(path, 'SELECT settings FROM inbounds WHERE id = 2');
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('xray.vision-xhttp-without-encryption'));
    expect(sqlite3Json(path, 'SELECT settings FROM inbounds WHERE id = 2')).toEqual([f3b]);
    const flows = sqlite3Json(path, 'SELECT settings FROM inbounds WHERE id IN (1, 3) ORDER BY id').map(
      (row) =>
        (JSON.parse(String(row.settings)) as { clients: Array<{ flow: string }> }).clients.map((c) => c.flow),
    );
    expect(flows).toEqual([[''], ['', '']]);
  });

  it('(b) adds the missing client_traffics rows as the panel does, and the revert deletes exactly those rows', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const [removed] = sqlite3Json(path, 'SELECT * FROM client_traffics WHERE id = 1');
    sqlite3(path, 'DELETE FROM client_traffics WHERE id = 1;');
    const preview = unwrap(await createPanelEngine({ dbPath: path }).previewFix('traffic.missing-row'));
    expect(preview.steps[0]?.changes).toHaveLength(1);
    await roundTrip(path, 'traffic.missing-row', 'client_traffics');
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('traffic.missing-row'));
    const [added] = sqlite3Json(
      path,
      `SELECT * FROM client_traffics WHERE email = '${String(removed?.email)}'`,
    );
    expect(added).toMatchObject({
      inbound_id: removed?.inbound_id,
      enable: 1,
      email: removed?.email,
      up: 0,
      down: 0,
      all_time: 0,
      last_online: 0,
    });
  });

  it('(b) refuses to roll back when an inserted row changed since, and leaves the file untouched', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    sqlite3(path, 'DELETE FROM client_traffics WHERE id = 1;');
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('traffic.missing-row'));
    sqlite3(path, 'UPDATE client_traffics SET up = 12345 WHERE id = (SELECT max(id) FROM client_traffics);');
    const hash = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).revertFix('traffic.missing-row');
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) expect(result.error.message).toContain('inserted by the step');
    expect(await sha256File(path)).toBe(hash);
  });

  it('(c) drops the duplicate flow keys SQL 000003 left, keeping the value the panel reads, and rolls back exactly', async () => {
    const path = await buildFixture('f8-branch-version-5', await tempDir());
    const [before] = sqlite3Json(path, 'SELECT settings FROM inbounds WHERE id = 2');
    const panelReads = (JSON.parse(String(before?.settings)) as { clients: Array<{ flow: unknown }> })
      .clients;
    await roundTrip(path, 'inbounds.duplicate-flow-keys', 'inbounds');
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('inbounds.duplicate-flow-keys'));
    const [after] = sqlite3Json(path, 'SELECT settings FROM inbounds WHERE id = 2');
    const text = String(after?.settings);
    expect(JSON.parse(text)).toEqual(JSON.parse(String(before?.settings)));
    expect((JSON.parse(text) as { clients: unknown[] }).clients).toEqual(panelReads);
    expect(text.match(/"flow"/g)?.length).toBe(panelReads.length);
  });

  it('refuses to roll back a fix whose row changed since', async () => {
    const path = await buildFixture('f3-xhttp-without-flow-recorded', await tempDir());
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('xray.vision-xhttp-without-encryption'));
    sqlite3(path, `UPDATE inbounds SET settings = '{"clients":[]}' WHERE id = 3;`);
    const result = await createPanelEngine({ dbPath: path }).revertFix(
      'xray.vision-xhttp-without-encryption',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
  });

  it('previews without writing, does nothing when the check finds nothing, and names unknown or unfixable checks', async () => {
    const path = await buildFixture('f3-xhttp-without-flow-recorded', await tempDir());
    const hash = await sha256File(path);
    const preview = unwrap(
      await createPanelEngine({ dbPath: path }).previewFix('xray.vision-xhttp-without-encryption'),
    );
    expect(preview).toMatchObject({ dry_run: true, saved: false, backup: null });
    expect(preview.steps[0]?.changes.map((change) => change.rowid)).toEqual([3]);
    const nothing = unwrap(await createPanelEngine({ dbPath: path }).applyFix('traffic.missing-row'));
    expect(nothing).toMatchObject({ steps: [], backup: null, saved: false });
    expect(await sha256File(path)).toBe(hash);
    for (const id of ['no.such-check', 'reality.target-invalid']) {
      const result = await createPanelEngine({ dbPath: path }).applyFix(id);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(await createPanelEngine({ dbPath: path }).revertFix('traffic.missing-row')).toMatchObject({
      ok: false,
      error: { code: 'ROLLBACK_REFUSED' },
    });
  });

  it('a fix entry in the history does not disturb rolling back migrations', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3, xhttpFlow: 'panel' }));
    sqlite3(path, 'DELETE FROM client_traffics WHERE id = 1;');
    unwrap(await createPanelEngine({ dbPath: path }).applyFix('traffic.missing-row'));
    const rolled = unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(rolled.steps.map((step) => [step.version, step.status])).toEqual([[3, 'reverted']]);
  });
});

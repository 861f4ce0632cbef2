import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hashRowsDecoded } from '../../electron/core/content-hash-rows';
import { loadSqlJs } from '../../electron/core/sqljs';
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

/** A table's content hash in the v2 encoding older logs hold (UTF-16 lengths), from the file on disk. */
async function v2HashOf(path: string, table: string): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(await readFile(path));
  try {
    const hash = createHash('sha256');
    hashRowsDecoded(db, `SELECT rowid, * FROM ${table} ORDER BY rowid`, hash, 'v2');
    return `v2:${hash.digest('hex')}`;
  } finally {
    db.close();
  }
}

describe('rolling back', () => {
  it('rolls back a step whose log holds the v2 content hashes an older build wrote', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id');
    const v2Before = await v2HashOf(path, 'inbounds');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 2 }));
    const v2After = await v2HashOf(path, 'inbounds');
    const [row] = sqlite3Json(path, 'SELECT hash_before, hash_after FROM paneldb_history WHERE version = 2');
    expect(String(row?.hash_after)).toContain('"inbounds":"v3:');
    sqlite3(
      path,
      `UPDATE paneldb_history SET hash_before = json_set(hash_before, '$.inbounds', '${v2Before}'),
         hash_after = json_set(hash_after, '$.inbounds', '${v2After}') WHERE version = 2;`,
    );
    const report = unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(report.steps.map((step) => [step.version, step.status, step.content_hash_restored])).toEqual([
      [2, 'reverted', true],
    ]);
    expect(sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id')).toEqual(before);
  });

  it('returns the touched tables to their pre-migration content, row by row and by content hash', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    const inboundsBefore = dump(path, 'inbounds');
    const migrated = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(migrated.steps.map((step) => step.version)).toEqual([1, 4]);
    expect(dump(path, 'inbounds')).not.toEqual(inboundsBefore);

    // Step 1 (init_schema) is irreversible, so undo the step that changed rows: 4.
    const report = unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(report.steps.map((step) => [step.version, step.status, step.content_hash_restored])).toEqual([
      [4, 'reverted', true],
    ]);
    expect(report.backup?.reason).toBe('before-rollback');
    expect(dump(path, 'inbounds')).toEqual(inboundsBefore);
  });

  it('restores the exact original text of compact and pretty rows alike', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 2 }));
    unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id')).toEqual(before);
    expect(sqlite3Json(path, 'SELECT seeder_name FROM history_of_seeders')).toEqual([
      { seeder_name: 'UserPasswordHash' },
    ]);
    expect(sqlite3Json(path, 'SELECT version, dirty FROM schema_migrations')).toEqual([
      { version: 1, dirty: 0 },
    ]);
  });

  it('refuses, naming the rows, when a row was edited after the step ran', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3 }));
    const [changed] = sqlite3Json(
      path,
      "SELECT id FROM inbounds WHERE settings LIKE '%xtls-rprx-vision%' ORDER BY id LIMIT 1",
    );
    sqlite3(path, `UPDATE inbounds SET settings = '{"clients":[]}' WHERE id = ${Number(changed?.id)};`);
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) expect(result.error.message).toContain(`inbounds row ${Number(changed?.id)}`);
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses an irreversible step and names the backup to restore instead', async () => {
    const path = await buildFixture('f5-passwords-a', await tempDir());
    const migrated = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) {
      expect(result.error.message).toContain('irreversible');
      // Named by its listed id and carried as a hint the app turns into a Restore button (issue 14B).
      expect(result.error.message).toContain(migrated.backup?.id ?? '<no backup>');
      expect(result.error.hint).toMatchObject({ action: 'restore-backup', backupId: migrated.backup?.id });
    }
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses a step the panel ran itself, because PanelDB holds no before-images for it', async () => {
    const path = await buildFixture('f3-xhttp-without-flow-recorded', await tempDir());
    sqlite3(path, "DELETE FROM history_of_seeders WHERE seeder_name = 'UserPasswordHash';"); // top version: 3, the panel's
    const result = await createPanelEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) expect(result.error.message).toMatch(/applied by the panel itself/);
  });

  it('S10: a down puts back the exact tlsSettings text and never injects "allowInsecure":false', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 2 }));
    unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    const after = sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id');
    expect(after).toEqual(before);
    const injected = after.filter((row) =>
      String(row.stream_settings).includes('"allowInsecure":false,"alpn"'),
    );
    expect(injected).toEqual([]);
  });

  it('S15: a down of step 3 removes only the flows step 3 set, keeping flows users set themselves', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const before = sqlite3Json(path, 'SELECT id, settings FROM inbounds ORDER BY id');
    const visionBefore = before
      .filter((row) => String(row.settings).includes('xtls-rprx-vision'))
      .map((row) => row.id);
    expect(visionBefore.length).toBeGreaterThan(0); // F3c: a client that already had Vision
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3 }));
    unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(sqlite3Json(path, 'SELECT id, settings FROM inbounds ORDER BY id')).toEqual(before);
  });

  it('S17: a down of step 4 keeps the ports of targets that had them before (the bot writes host:443)', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    const withPortBefore = sqlite3Json(
      path,
      "SELECT id, stream_settings FROM inbounds WHERE stream_settings LIKE '%:443%' ORDER BY id",
    );
    expect(withPortBefore.length).toBeGreaterThan(0);
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(
      sqlite3Json(
        path,
        "SELECT id, stream_settings FROM inbounds WHERE stream_settings LIKE '%:443%' ORDER BY id",
      ),
    ).toEqual(withPortBefore);
  });

  it('S19: step 5 has no down that could REPLACE inside passwords; rolling it back refuses and the hashes stay', async () => {
    const path = await buildFixture('f5-passwords-c', await tempDir()); // 'HASHED:admin' at schema version 5
    sqlite3(path, 'DELETE FROM schema_migrations;');
    const migrated = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(migrated.steps.map((step) => step.version)).toContain(5);
    const hashes = sqlite3Json(path, 'SELECT password FROM users');
    expect(await createPanelEngine({ dbPath: path }).rollBack()).toMatchObject({
      ok: false,
      error: { code: 'ROLLBACK_REFUSED' },
    });
    expect(sqlite3Json(path, 'SELECT password FROM users')).toEqual(hashes);
  });
});

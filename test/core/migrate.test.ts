import { appendFile, open, readdir, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index';
import { StepFailure, type PanelMigration } from '../../electron/core/step-types';
import { message } from '../../electron/shared/i18n';
import { findJsonProblems, markerDisagreements } from '../../electron/core/panel-invariants';
import { openImage, readDatabaseImage } from '../../electron/core/database';
import { nodeFileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { queryRows } from '../../electron/core/sql';
import { buildFixture } from '../fixtures/build';
import { F2B_EXPECTED_GO_RESULT } from '../fixtures/scenarios';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { sha256File, snapshotTree, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function fixture(id: string) {
  const dir = await tempDir();
  return buildFixture(id, dir);
}

async function openForChecks(path: string) {
  const image = await readDatabaseImage(path, { fs: nodeFileSystem });
  return openImage(image);
}

describe('migrating a panel database', () => {
  it('brings a v7.5.8-era file to v5 with a verified backup taken first', async () => {
    const path = await fixture('f2-tls-variants');
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(report.from_version).toBe(0);
    expect(report.to_version).toBe(5);
    expect(report.saved).toBe(true);
    expect(report.backup?.reason).toBe('before-migrate');
    expect((await stat(report.backup?.path ?? '')).mode & 0o777).toBe(0o600);
    expect(report.steps.map((step) => [step.version, step.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
    const status = unwrap(await createPanelEngine({ dbPath: path }).getStatus());
    expect(status).toMatchObject({ current_version: 5, pending_count: 0, dirty: false });
    expect(status.applied.find((a) => a.version === 2)?.applied_at).not.toBeNull();
  });

  it("rewrites F2b exactly as the panel's Go seeder would (byte for byte)", async () => {
    const path = await fixture('f2-tls-variants');
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    const texts = sqlite3Json(path, 'SELECT stream_settings AS s FROM inbounds').map((row) => row.s);
    expect(texts).toContain(F2B_EXPECTED_GO_RESULT);
  });

  it('leaves a file that passes integrity_check, holds only well-formed JSON, and whose markers agree with its data', async () => {
    for (const id of [
      'f1-legacy-nothing-recorded',
      'f2-tls-variants',
      'f3-xhttp-without-flow',
      'f4-reality-targets',
      'f5-passwords-a',
    ]) {
      const path = await fixture(id);
      unwrap(await createPanelEngine({ dbPath: path }).migrate());
      expect(sqlite3(path, 'PRAGMA integrity_check;').trim()).toBe('ok');
      const db = await openForChecks(path);
      const markers = queryRows(db, 'SELECT seeder_name FROM history_of_seeders').map((r) =>
        String(r.seeder_name),
      );
      expect(findJsonProblems(db)).toEqual([]);
      expect(markerDisagreements(db, markers)).toEqual([]);
      expect(new Set(markers).size).toBe(markers.length);
      expect(markers).toEqual(
        expect.arrayContaining([
          'TlsConfigMigration',
          'XhttpFlowMigration',
          'RealityTargetMigration',
          'UserPasswordHash',
        ]),
      );
      expect(queryRows(db, 'SELECT version, dirty FROM schema_migrations')).toEqual([
        { version: 5, dirty: 0 },
      ]);
      db.close();
    }
  });

  it('never runs a step twice: a step applied by either marker is skipped, and a second migrate does nothing', async () => {
    const path = await fixture('f3-xhttp-without-flow-recorded'); // 2, 3 and 5 recorded by the panel
    const first = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(first.steps.map((step) => step.version)).toEqual([1, 4]);
    const before = await sha256File(path);
    const second = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(second.steps).toEqual([]);
    expect(second.backup).toBeNull();
    expect(await sha256File(path)).toBe(before);
  });

  it('never hashes a password twice', async () => {
    const path = await fixture('f5-passwords-b'); // a bcrypt hash of "admin" with no UserPasswordHash marker
    const [before] = sqlite3Json(path, 'SELECT password FROM users');
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    const [after] = sqlite3Json(path, 'SELECT password FROM users');
    expect(after).toEqual(before);
    expect(bcrypt.compareSync('admin', String(after?.password))).toBe(true);
  });

  it('hashes a plaintext password so the same password still logs in', async () => {
    const path = await fixture('f5-passwords-a');
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    const [row] = sqlite3Json(path, 'SELECT password FROM users');
    expect(String(row?.password)).toMatch(/^\$2b\$10\$/);
    expect(bcrypt.compareSync('admin', String(row?.password))).toBe(true);
  });

  it('migrates only up to --to and records schema_migrations at that version', async () => {
    const path = await fixture('f2-tls-variants');
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 2 }));
    expect(report.steps.map((step) => step.version)).toEqual([1, 2]);
    expect(sqlite3(path, 'SELECT version, dirty FROM schema_migrations;').trim()).toBe('2|0');
  });

  it('keeps the rows that lived only in the -wal and moves the stale -wal aside', async () => {
    const path = await fixture('f7-wal-uncheckpointed');
    const rowsBefore = unwrap(await createPanelEngine({ dbPath: path }).getStatus()).tables;
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate());
    expect(report.moved_aside.some((moved) => moved.includes('x-ui.db-wal'))).toBe(true);
    await expect(stat(`${path}-wal`)).rejects.toMatchObject({ code: 'ENOENT' });
    const counts = sqlite3Json(path, 'SELECT count(*) AS n FROM inbounds')[0];
    expect(counts?.n).toBe(rowsBefore.inbounds);
    expect(sqlite3(path, 'PRAGMA integrity_check;').trim()).toBe('ok');
  });
});

describe('previewing a migration (dry run)', () => {
  it('writes nothing and shows each row that would change with a JSON diff', async () => {
    const path = await fixture('f2-tls-variants');
    const dir = join(path, '..');
    const before = await snapshotTree(dir);
    const report = unwrap(await createPanelEngine({ dbPath: path }).previewMigrate());
    expect(await snapshotTree(dir)).toEqual(before);
    expect(report.dry_run).toBe(true);
    expect(report.saved).toBe(false);
    const tls = report.steps.find((step) => step.version === 2);
    expect(tls?.rows_changed).toBeGreaterThan(0);
    const paths = tls?.changes.flatMap((change) => change.json_changes?.map((entry) => entry.path) ?? []);
    expect(paths).toContain('tlsSettings.verifyPeerCertInNames');
    expect(paths).toContain('tlsSettings.verifyPeerCertByName');
  });

  it('hides password values in the preview', async () => {
    const path = await fixture('f5-passwords-a');
    const report = unwrap(await createPanelEngine({ dbPath: path }).previewMigrate());
    const step5 = report.steps.find((step) => step.version === 5);
    expect(step5?.changes[0]).toMatchObject({ before: null, after: null, json_changes: null });
  });
});

describe('a failed migration', () => {
  const failingStep3 = (): PanelMigration[] =>
    MIGRATIONS.map((migration) =>
      migration.version !== 3
        ? migration
        : {
            ...migration,
            up(context) {
              // Change a row first, then fail: the change must not survive.
              const [row] = queryRows(context.db, 'SELECT rowid AS id FROM inbounds LIMIT 1');
              context.updateText('inbounds', Number(row?.id), 'remark', 'half-done');
              throw new StepFailure(
                message('err.step.sqlFailed', {
                  file: 'injected',
                  reason: 'injected failure in the middle of step 3',
                }),
              );
            },
          },
    );

  it('leaves the database byte-identical and names step 3 and the cause', async () => {
    const path = await fixture('f2-tls-variants');
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path, migrations: failingStep3() }).migrate();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('MIGRATION_FAILED');
    expect(result.error.message).toContain('Step 3 xhttp_flow failed');
    expect(result.error.message).toContain('injected failure in the middle of step 3');
    expect(await sha256File(path)).toBe(before);
    const files = await readdir(join(path, '..'));
    expect(files.filter((name) => name.includes('paneldb-tmp'))).toEqual([]);
  });

  it('fails step 5 cleanly, naming the user, when a password is longer than bcrypt allows', async () => {
    const path = await fixture('f5-passwords-e');
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).migrate();
    expect(result).toMatchObject({ ok: false, error: { code: 'MIGRATION_FAILED' } });
    if (!result.ok)
      expect(result.error.message).toMatch(/Step 5 user_password_hash failed: user '.+' \(id \d+\)/);
    expect(await sha256File(path)).toBe(before);
  });
});

describe('refusing unsafe migrations', () => {
  it('refuses a dirty file', async () => {
    const path = await fixture('f6-dirty-3-up-failed');
    const before = await sha256File(path);
    expect(await createPanelEngine({ dbPath: path }).migrate()).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_DIRTY' },
    });
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses a file at a version newer than the tool knows', async () => {
    const path = await fixture('f8-branch-version-5');
    sqlite3(path, 'UPDATE schema_migrations SET version = 7;');
    expect(await createPanelEngine({ dbPath: path }).migrate()).toMatchObject({
      ok: false,
      error: { code: 'VERSION_NEWER_THAN_TOOL' },
    });
  });

  it('refuses a file whose panel tables were dropped, instead of recreating them empty', async () => {
    const path = await fixture('f9-tables-dropped');
    expect(await createPanelEngine({ dbPath: path }).migrate()).toMatchObject({
      ok: false,
      error: { code: 'REPAIR_NEEDED' },
    });
  });

  it('refuses to save when a byte changed on disk during the run with size and modification time put back', async () => {
    const path = await fixture('f2-tls-variants');
    let edited: Promise<void> | null = null;
    const engine = createPanelEngine({
      dbPath: path,
      onProgress: (event) => {
        if (event.kind !== 'step' || event.version !== 4 || edited !== null) return;
        edited = (async () => {
          const { atime, mtime } = await stat(path);
          const handle = await open(path, 'r+');
          // The last byte of the file: inside a page, never the header.
          const { size } = await handle.stat();
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          await handle.write(Buffer.from([(last[0] ?? 0) ^ 0xff]), 0, 1, size - 1);
          await handle.close();
          await utimes(path, atime, mtime);
        })();
      },
    });
    const result = await engine.migrate();
    await edited;
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_CHANGED_ON_DISK' } });
  });

  it("refuses to save when the file changed on disk during the run, keeping the other writer's bytes", async () => {
    const path = await fixture('f2-tls-variants');
    let touched = false;
    const engine = createPanelEngine({
      dbPath: path,
      onProgress: (event) => {
        if (event.kind === 'step' && event.version === 4 && !touched) {
          touched = true;
          void appendFile(path, Buffer.alloc(4096));
        }
      },
    });
    const result = await engine.migrate();
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_CHANGED_ON_DISK' } });
    expect((await stat(path)).size % 4096).toBe(0);
  });
});

describe('the SQL files bugs that must not exist in PanelDB (migrator level)', () => {
  it("S1: on an empty file, step 1 creates exactly GORM's schema, which the panel starts on", async () => {
    const path = await fixture('empty-sqlite');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 1 }));
    const ddl = sqlite3Json(path, "SELECT sql FROM sqlite_master WHERE type='table' AND name='settings'")[0];
    expect(ddl?.sql).toBe(
      'CREATE TABLE `settings` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text,`value` text)',
    );
  });

  it('S2: step 1 has no down; rolling back to 0 refuses instead of dropping the panel tables', async () => {
    const path = await fixture('f2-tls-variants');
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).rollBack({ to: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'ROLLBACK_REFUSED' } });
    expect(await sha256File(path)).toBe(before);
  });

  it('S3: every version appears once, in order, with the names the panel gives its files', () => {
    expect(MIGRATIONS.map((m) => `${m.version}_${m.name}`)).toEqual([
      '1_init_schema',
      '2_tls_config',
      '3_xhttp_flow',
      '4_reality_target',
      '5_user_password_hash',
    ]);
  });

  it('S9: schema_migrations always ends with exactly one clean row', async () => {
    const path = await fixture('f2-tls-variants');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3 }));
    unwrap(await createPanelEngine({ dbPath: path }).migrate());
    unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 2 }));
    expect(sqlite3Json(path, 'SELECT version, dirty FROM schema_migrations')).toEqual([
      { version: 2, dirty: 0 },
    ]);
  });

  it('S20: one bookkeeping for both systems — a step records the panel marker in the same transaction, so the panel never re-runs it', async () => {
    const path = await fixture('f2-tls-variants');
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 2 }));
    const markers = sqlite3Json(path, 'SELECT seeder_name FROM history_of_seeders ORDER BY id').map(
      (r) => r.seeder_name,
    );
    expect(markers).toEqual(['UserPasswordHash', 'TlsConfigMigration']);
    const history = unwrap(await createPanelEngine({ dbPath: path }).getHistory());
    expect(history.map((entry) => [entry.version, entry.direction])).toEqual([
      [1, 'up'],
      [2, 'up'],
    ]);
  });
});

describe('the check a migration starts from', () => {
  /** A table no step touches, 200 rows. */
  const EXTRA_TABLE = `CREATE TABLE extra (a integer, b integer);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO extra SELECT i, 1000 - i FROM n;`;
  /** An index whose definition no longer matches what it holds: only the full integrity_check sees it. */
  const damagedIndexOn = (table: string, column: string, other: string) => `
    CREATE INDEX damaged_${table} ON ${table} (${column});
    PRAGMA writable_schema = ON;
    UPDATE sqlite_master SET sql = 'CREATE INDEX damaged_${table} ON ${table} (${other})' WHERE name = 'damaged_${table}';`;

  it('refuses when a table the migration changes has an index that disagrees with it, and leaves the file alone', async () => {
    const path = await fixture('f0-second-start-pending');
    sqlite3(path, damagedIndexOn('inbounds', 'port', 'remark'));
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).migrate();
    expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(await sha256File(path)).toBe(before);
  });

  it('refuses when a trigger on a changed table can write the table whose index is damaged', async () => {
    const path = await fixture('f0-second-start-pending');
    sqlite3(
      path,
      `${EXTRA_TABLE}
       CREATE TRIGGER note_update AFTER UPDATE ON inbounds BEGIN INSERT INTO extra VALUES (NEW.id, 0); END;
       ${damagedIndexOn('extra', 'a', 'b')}`,
    );
    const result = await createPanelEngine({ dbPath: path }).migrate();
    expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
  });

  it('migrates when only a table it leaves alone has a damaged index, which the full check still reports', async () => {
    const path = await fixture('f0-second-start-pending');
    sqlite3(
      path,
      `${EXTRA_TABLE}
       ${damagedIndexOn('extra', 'a', 'b')}`,
    );
    const engine = createPanelEngine({ dbPath: path });
    expect(unwrap(await engine.migrate()).saved).toBe(true);
    expect(sqlite3(path, 'SELECT count(*) FROM extra;').trim()).toBe('200');
    const full = unwrap(await engine.checkIntegrity());
    expect(full.integrity).not.toBe('ok');
    // The manual backup keeps its full check: it refuses the same file.
    expect(await engine.createBackup()).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
  });
});

// `repair`: reads the fingerprints the branch's SQL files leave (panel doc §3.6) to settle the dirty
// flag's ambiguity (§3.3) and says what to do; with forceVersion it takes a backup and marks the file
// clean at the chosen version, the way golang-migrate's Force does. Without it, it only reads.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { verifyBackup } from '../../electron/core/index';
import type { RepairReport } from '../../electron/shared/reports';
import { buildFixture } from '../fixtures/build';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { sha256File, snapshotTree, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function fixture(id: string): Promise<{ dir: string; path: string }> {
  const dir = await tempDir();
  return { dir, path: await buildFixture(id, dir) };
}

async function repairReport(id: string): Promise<{ dir: string; path: string; report: RepairReport }> {
  const { dir, path } = await fixture(id);
  return { dir, path, report: unwrap(await createPanelEngine({ dbPath: path }).repair()) };
}

const evidenceIds = (report: RepairReport) => report.evidence.map((entry) => entry.id);

describe('repair reads the evidence and recommends', () => {
  it('f6 "up of 3 failed": data is at 2 (no trace of 000003), so force version 2', async () => {
    const { report } = await repairReport('f6-dirty-3-up-failed');
    expect(report.dirty).toBe(true);
    expect(report.dirty_version).toBe(3);
    expect(report.data_version).toBe(2);
    expect(report.recommendation.action).toBe('force-version');
    expect(report.recommendation.version).toBe(2);
    expect(evidenceIds(report)).toEqual(expect.arrayContaining(['dirty', 'invalid-json']));
    expect(evidenceIds(report)).not.toContain('duplicate-keys');
  });

  it('f6 "crashed after 3 committed": the duplicate flow keys of 000003 put the data at 3', async () => {
    const { report } = await repairReport('f6-dirty-3-crashed-after-commit');
    expect(report.data_version).toBe(3);
    expect(report.recommendation).toMatchObject({ action: 'force-version', version: 3 });
    expect(evidenceIds(report)).toEqual(expect.arrayContaining(['dirty', 'duplicate-keys']));
    const duplicates = report.evidence.find((entry) => entry.id === 'duplicate-keys');
    expect(duplicates?.rows).toEqual(['inbounds #2 settings']);
  });

  it('f8 branch file at version 5: shows the damage of 000002/000003/000005 and recommends a panel backup', async () => {
    const { dir, report } = await repairReport('f8-branch-version-5');
    expect(report.dirty).toBe(false);
    expect(evidenceIds(report)).toEqual(
      expect.arrayContaining(['hashed-prefix-password', 'duplicate-keys', 'invalid-json']),
    );
    expect(report.recommendation.action).toBe('restore-backup');
    expect([
      join(dir, 'f8-branch-version-5', 'x-ui.db.backup.1770180192'),
      join(dir, 'f8-branch-version-5', 'x-ui.db.backup.1770180197'),
    ]).toContain(report.recommendation.backup);
  });

  // The panel writes a backup on every start (M3), so in F8 its newest backup, x-ui.db.backup.1770180197,
  // is byte-identical to the damaged x-ui.db; only x-ui.db.backup.1770180192 predates the damage.
  it('f8: the recommended backup is not a copy of the damaged file itself', async () => {
    const { path, report } = await repairReport('f8-branch-version-5');
    const recommended = report.recommendation.backup ?? '';
    expect(await sha256File(recommended)).not.toBe(await sha256File(path));
  });

  it("f9 tables dropped: recommends restoring the panel's own backup", async () => {
    const { dir, report } = await repairReport('f9-tables-dropped');
    expect(report.data_version).toBeNull();
    expect(report.recommendation.action).toBe('restore-backup');
    expect(report.recommendation.backup).toBe(join(dir, 'f9-tables-dropped', 'x-ui.db.backup.1770180197'));
  });

  it('a clean f2 file: nothing to repair, migrate to apply the pending steps', async () => {
    const { report } = await repairReport('f2-tls-variants');
    expect(report.dirty).toBe(false);
    expect(report.data_version).toBeNull();
    expect(report.recommendation.action).toBe('migrate');
    expect(evidenceIds(report)).not.toContain('invalid-json');
    expect(evidenceIds(report)).not.toContain('duplicate-keys');
  });
});

describe('repair with forceVersion', () => {
  it('on f6 "up of 3 failed", forceVersion 2 backs up first, leaves one clean row (2,0) and logs a force', async () => {
    const { path } = await fixture('f6-dirty-3-up-failed');
    const before = await sha256File(path);
    const engine = createPanelEngine({ dbPath: path });

    const report = unwrap(await engine.repair({ forceVersion: 2 }));

    const backup = report.forced?.backup;
    expect(report.forced?.version).toBe(2);
    expect(backup?.reason).toBe('before-repair');
    expect(backup?.metadata?.version_state.dirty).toBe(true);
    expect(unwrap(await verifyBackup(backup?.path ?? '')).ok).toBe(true);
    expect(await sha256File(backup?.path ?? '')).toBe(before);
    expect(sqlite3Json(path, 'SELECT version, dirty FROM schema_migrations')).toEqual([
      { version: 2, dirty: 0 },
    ]);
    expect(sqlite3(path, 'PRAGMA integrity_check;').trim()).toBe('ok');

    const status = unwrap(await engine.getStatus());
    expect(status.dirty).toBe(false);
    expect(status.dirty_version).toBeNull();
    expect(status.warnings.map((warning) => warning.code)).not.toContain('DIRTY');

    const history = unwrap(await engine.getHistory());
    const force = history.find((entry) => entry.direction === 'force');
    expect(force).toMatchObject({ version: 2, direction: 'force', outcome: 'forced' });
  });

  it('refuses forceVersion 9 with INVALID_ARGUMENT and leaves the file byte-identical', async () => {
    const { dir, path } = await fixture('f6-dirty-3-up-failed');
    const sha = await sha256File(path);
    const before = await snapshotTree(dir);

    const result = await createPanelEngine({ dbPath: path }).repair({ forceVersion: 9 });

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_ARGUMENT');
    expect(await sha256File(path)).toBe(sha);
    expect(await snapshotTree(dir)).toEqual(before);
  });
});

describe('a read-only repair', () => {
  it.each(['f6-dirty-3-up-failed', 'f8-branch-version-5', 'f9-tables-dropped'])(
    'writes nothing on %s',
    async (id) => {
      const { dir, path } = await fixture(id);
      const before = await snapshotTree(dir);
      unwrap(await createPanelEngine({ dbPath: path }).repair());
      expect(await snapshotTree(dir)).toEqual(before);
    },
  );

  it('f9 recreated after a drop: points at the backup that still holds the rows instead of migrating the empty tables', async () => {
    const { report } = await repairReport('f9-recreated-after-drop');
    expect(report.recommendation.action).toBe('restore-backup');
    expect(report.recommendation.backup).toMatch(/x-ui\.db\.backup\.\d+$/);
  });
});

// Issue 14 part A, over the real engine on fixtures: the headline reads the applied set; the
// recommendation weighs every error; a force is guarded; a lockout has a fix and "set password";
// what was confirmed (the plan fingerprint) is what runs; fixes report as fixes; every write is in
// the durable audit log, which survives a restore.
import bcrypt from 'bcryptjs';
import { open, readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_FILE } from '../../electron/core/audit-log';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
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
const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

async function fixture(id: string): Promise<string> {
  return buildFixture(id, await tempDir());
}

/** The dirty fixture of the lockout walk, with the plaintext password the panel would store. */
export async function lockoutFixture(): Promise<string> {
  const path = await fixture('f6-dirty-3-up-failed');
  sqlite3(path, "UPDATE users SET password = 'secret-admin' WHERE id = 1;");
  return path;
}

describe('the headline is the applied set', () => {
  it('counts step 1 as a baseline on a panel file, names what is pending, and never says version 0', async () => {
    const status = unwrap(
      await createPanelEngine({ dbPath: await fixture('f0-second-start-pending') }).getStatus({
        checks: true,
      }),
    );
    expect(status.current_version).toBe(0); // the MigrationStatus field stays as golang-migrate reads it
    expect(status.headline).toEqual({
      kind: 'pending',
      applied: 2,
      total: 5,
      pending: [
        { version: 2, name: 'tls_config' },
        { version: 3, name: 'xhttp_flow' },
        { version: 4, name: 'reality_target' },
      ],
      recorded: null,
      baseline: true,
    });
  });

  it('reads a fully upgraded panel file (seeders only, step 1 never recorded) as 5 of 5', async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    unwrap(await engine.migrate());
    // What the panel itself leaves: its seeder markers, no schema_migrations row, no PanelDB log.
    sqlite3(path, 'DROP TABLE schema_migrations; DROP TABLE paneldb_history;');
    const status = unwrap(await engine.getStatus({ checks: true }));
    expect(status.current_version).toBe(0);
    expect(status.headline).toMatchObject({ kind: 'complete', applied: 5, total: 5, baseline: true });
  });

  it('says "recorded at 9: newer" for a file a newer panel wrote, not "5 of 5"', async () => {
    const path = await fixture('f8-branch-version-5');
    sqlite3(path, 'UPDATE schema_migrations SET version = 9;');
    const status = unwrap(await createPanelEngine({ dbPath: path }).getStatus({ checks: true }));
    expect(status.headline).toMatchObject({ kind: 'newer', recorded: 9 });
  });
});

describe('the recommendation weighs every error-level finding', () => {
  it('after migrating, an Xray-rejected client is recommended for its fix, not "nothing to do"', async () => {
    const engine = createPanelEngine({ dbPath: await fixture('f3-xhttp-without-flow-recorded') });
    unwrap(await engine.migrate());
    const status = unwrap(await engine.getStatus({ checks: true }));
    expect(status.pending_count).toBe(0);
    expect(status.checks?.summary.error).toBeGreaterThan(0);
    const { recommendation } = unwrap(await engine.repair());
    expect(recommendation).toMatchObject({ action: 'fix', check: 'xray.vision-xhttp-without-encryption' });
  });

  it('says nothing to do only when no error is found', async () => {
    const engine = createPanelEngine({ dbPath: await fixture('f1-legacy-nothing-recorded') });
    unwrap(await engine.migrate());
    expect(unwrap(await engine.getStatus({ checks: true })).checks?.summary.error).toBe(0);
    expect(unwrap(await engine.repair()).recommendation.action).toBe('none');
  });
});

describe('force version is guarded', () => {
  it('refuses on a clean, consistent file without the acknowledgement, naming the steps that would never run', async () => {
    const path = await fixture('f1-legacy-nothing-recorded');
    const before = await sha256File(path);
    const engine = createPanelEngine({ dbPath: path });
    const refused = await engine.repair({ forceVersion: 5 });
    expect(codeOf(refused)).toBe('CONFIRMATION_REQUIRED');
    if (!refused.ok)
      expect(refused.error.message).toMatch(
        /2 tls_config, 3 xhttp_flow, 4 reality_target, 5 user_password_hash/,
      );
    expect(await sha256File(path)).toBe(before);
    const option = unwrap(await engine.repair()).force_options?.[5];
    expect(option).toMatchObject({ needs_acknowledgement: true, refused: null });
    expect(option?.marks_without_running.map((step) => step.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('with the acknowledgement it forces, and a check then flags what the markers claim but the data lacks', async () => {
    const path = await fixture('f1-legacy-nothing-recorded');
    const engine = createPanelEngine({ dbPath: path });
    unwrap(await engine.repair({ forceVersion: 5, acknowledgeSkipped: true }));
    const status = unwrap(await engine.getStatus({ checks: true }));
    expect(status.headline?.kind).toBe('complete');
    const ids = status.checks?.checks.map((check) => check.id);
    expect(ids).toContain('markers.claim-exceeds-data.user_password_hash');
    expect(status.checks?.checks.find((check) => check.id === 'users.password-not-bcrypt')?.severity).toBe(
      'error',
    );
    expect(unwrap(await engine.repair()).recommendation.action).toBe('fix');
  });

  it('never forces below a version a newer panel recorded, even acknowledged', async () => {
    const path = await fixture('f8-branch-version-5');
    sqlite3(path, 'UPDATE schema_migrations SET version = 9;');
    const before = await sha256File(path);
    const result = await createPanelEngine({ dbPath: path }).repair({
      forceVersion: 5,
      acknowledgeSkipped: true,
    });
    expect(codeOf(result)).toBe('CONFIRMATION_REQUIRED');
    expect(await sha256File(path)).toBe(before);
  });

  it('forces a dirty file without the acknowledgement (that is the repair)', async () => {
    const engine = createPanelEngine({ dbPath: await fixture('f6-dirty-3-up-failed') });
    expect(unwrap(await engine.repair()).force_options?.[2]?.needs_acknowledgement).toBe(false);
    expect(unwrap(await engine.repair({ forceVersion: 2 })).forced?.version).toBe(2);
  });
});

describe('no lockout', () => {
  it('walks the dirty fixture: force 2, migrate, then the password fix gives a working bcrypt login, revertible', async () => {
    const path = await lockoutFixture();
    const engine = createPanelEngine({ dbPath: path });
    unwrap(await engine.repair({ forceVersion: 2 }));
    unwrap(await engine.migrate());
    const status = unwrap(await engine.getStatus({ checks: true }));
    expect(status.headline?.kind).toBe('complete');
    const finding = status.checks?.checks.find((check) => check.id === 'users.password-not-bcrypt');
    expect(finding).toMatchObject({ severity: 'error', fixable: true });
    // The rows SQL file 000002 damaged still call for a backup first; the reason covers the lockout too.
    const { recommendation } = unwrap(await engine.repair());
    expect(recommendation.action).toBe('restore-backup');
    expect(recommendation.reason).toMatch(/Afterwards: Nobody can log in/);

    const preview = unwrap(await engine.previewFix('users.password-not-bcrypt'));
    expect(preview.steps[0]?.changes[0]).toMatchObject({ table: 'users', before: null, after: null });
    const fixed = unwrap(await engine.applyFix('users.password-not-bcrypt'));
    expect(fixed).toMatchObject({ operation: 'fix', from_version: fixed.to_version, saved: true });
    expect(fixed.backup?.reason).toBe('before-fix');
    const [row] = sqlite3Json(path, 'SELECT password FROM users WHERE id = 1') as Array<{ password: string }>;
    expect(row?.password).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare('secret-admin', row?.password ?? '')).toBe(true);
    const after = unwrap(await engine.getStatus({ checks: true })).checks?.checks.map((check) => check.id);
    expect(after).not.toContain('users.password-not-bcrypt');

    unwrap(await engine.revertFix('users.password-not-bcrypt'));
    expect(sqlite3(path, 'SELECT password FROM users WHERE id = 1;').trim()).toBe('secret-admin');
  });

  it('sets the admin password as bcrypt cost 10 after a backup, and reverts it', async () => {
    const path = await lockoutFixture();
    const engine = createPanelEngine({ dbPath: path });
    const run = unwrap(await engine.setPassword({ username: 'admin', password: 'n3w pass' }));
    expect(run).toMatchObject({ operation: 'set-password', saved: true });
    expect(run.backup).not.toBeNull();
    const hash = sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim();
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare('n3w pass', hash)).toBe(true);
    expect(JSON.stringify(run)).not.toContain('n3w pass');
    expect(codeOf(await engine.setPassword({ username: 'nobody', password: 'x' }))).toBe('INVALID_ARGUMENT');
    unwrap(await engine.revertFix('users.set-password'));
    expect(sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim()).toBe('secret-admin');
  });
});

describe('what you confirm is what runs', () => {
  it('refuses a migrate whose plan changed since the preview, and runs the one reviewed again', async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    const preview = unwrap(await engine.previewMigrate());
    expect(preview.plan_fingerprint).toMatch(/^[0-9a-f]{24}$/);
    // Another step recorded while the dialog was open.
    sqlite3(path, "INSERT INTO history_of_seeders (seeder_name) VALUES ('TlsConfigMigration');");
    const before = await sha256File(path);
    const refused = await engine.migrate({ expect: preview.plan_fingerprint });
    expect(codeOf(refused)).toBe('PLAN_CHANGED');
    if (!refused.ok) expect(refused.error.message).toMatch(/changed since you reviewed it — review again/);
    expect(await sha256File(path)).toBe(before);
    const again = unwrap(await engine.previewMigrate());
    expect(again.plan_fingerprint).not.toBe(preview.plan_fingerprint);
    expect(unwrap(await engine.migrate({ expect: again.plan_fingerprint })).saved).toBe(true);
  });

  it('refuses a plan when the file was edited in place with its size and modification time put back', async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    const preview = unwrap(await engine.previewMigrate());
    const { mtime, atime } = await stat(path);
    const bytes = await readFile(path);
    const at = bytes.indexOf('UserPasswordHash');
    expect(at).toBeGreaterThan(0);
    bytes.write('UserPasswordHasX', at);
    const handle = await open(path, 'r+');
    await handle.write(bytes, at, 16, at);
    await handle.close();
    await utimes(path, atime, mtime);
    expect(codeOf(await engine.migrate({ expect: preview.plan_fingerprint }))).toBe('PLAN_CHANGED');
  });

  it('a different option is a different plan', async () => {
    const engine = createPanelEngine({ dbPath: await fixture('f0-second-start-pending') });
    const safe = unwrap(await engine.previewMigrate({ xhttpFlow: 'safe' }));
    expect(codeOf(await engine.migrate({ xhttpFlow: 'panel', expect: safe.plan_fingerprint }))).toBe(
      'PLAN_CHANGED',
    );
  });

  it('guards roll back, fix and force the same way', async () => {
    const path = await fixture('f3-xhttp-without-flow-recorded');
    const engine = createPanelEngine({ dbPath: path });
    unwrap(await engine.migrate());
    const rollback = unwrap(await engine.previewRollBack({ steps: 1 }));
    const fix = unwrap(await engine.previewFix('xray.vision-xhttp-without-encryption'));
    const force = unwrap(await engine.repair()).force_options?.[3]?.fingerprint;
    sqlite3(path, "UPDATE inbounds SET remark = 'edited' WHERE id = (SELECT min(id) FROM inbounds);");
    expect(codeOf(await engine.rollBack({ steps: 1, expect: rollback.plan_fingerprint }))).toBe(
      'PLAN_CHANGED',
    );
    expect(
      codeOf(
        await engine.applyFix({
          checkId: 'xray.vision-xhttp-without-encryption',
          expect: fix.plan_fingerprint,
        }),
      ),
    ).toBe('PLAN_CHANGED');
    expect(codeOf(await engine.repair({ forceVersion: 3, acknowledgeSkipped: true, expect: force }))).toBe(
      'PLAN_CHANGED',
    );
  });
});

describe('the durable audit log', () => {
  it('appends every write with fingerprints and backup, mode 0600, and survives a restore', async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    const migrated = unwrap(await engine.migrate());
    unwrap(await engine.restoreBackupById(migrated.backup?.id ?? ''));
    // The restored file's own log no longer has the migration; the audit log does.
    expect(unwrap(await engine.getHistory()).filter((entry) => entry.from_backup === undefined)).toEqual([]);
    const log = unwrap(await engine.listActivity());
    expect(log.map((entry) => entry.operation)).toEqual(['restore', 'migrate']);
    expect(log[1]).toMatchObject({ outcome: 'ok', backup: migrated.backup?.id, database: 'x-ui.db' });
    expect(log[1]?.before).not.toBe(log[1]?.after);
    expect(log[0]?.after).toBe(log[1]?.before);
    expect((await stat(join(engine.backupDir, AUDIT_FILE))).mode & 0o777).toBe(0o600);
    // A refused write wrote nothing, so it adds no line.
    unwrap(await engine.previewMigrate());
    expect(unwrap(await engine.listActivity())).toHaveLength(2);
  });

  it("records the file's real SHA-256 before and after each write, taken from the write's own backup and save", async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    const original = await sha256File(path);
    unwrap(await engine.createBackup());
    const migrated = unwrap(await engine.migrate());
    const afterMigrate = await sha256File(path);
    unwrap(await engine.restoreBackupById(migrated.backup?.id ?? ''));
    const afterRestore = await sha256File(path);
    const log = unwrap(await engine.listActivity()).reverse();
    expect(log.map((entry) => [entry.operation, entry.before, entry.after])).toEqual([
      ['backup', original, original],
      ['migrate', original, afterMigrate],
      ['restore', afterMigrate, afterRestore],
    ]);
    expect(afterRestore).not.toBe(afterMigrate);
  });

  it('reads the database once for a manual backup: the audit log takes its hash from the copy', async () => {
    const path = await fixture('f0-second-start-pending');
    const reads: string[] = [];
    const counting: FileSystem = {
      ...nodeFileSystem,
      open: ((...args: Parameters<FileSystem['open']>) => {
        if (args[0] === path && (args[1] ?? 'r') === 'r') reads.push(String(args[0]));
        return nodeFileSystem.open(...args);
      }) as FileSystem['open'],
    };
    const engine = createPanelEngine({ dbPath: path, fs: counting });
    unwrap(await engine.createBackup());
    expect(reads).toHaveLength(1);
    const [entry] = unwrap(await engine.listActivity());
    expect([entry?.before, entry?.after]).toEqual([await sha256File(path), await sha256File(path)]);
  });

  it('logs no line for a write that failed before touching the file', async () => {
    const path = await fixture('f0-second-start-pending');
    const engine = createPanelEngine({ dbPath: path });
    expect(codeOf(await engine.migrate({ expect: 'not-the-plan' }))).toBe('PLAN_CHANGED');
    expect(unwrap(await engine.listActivity())).toEqual([]);
  });
});

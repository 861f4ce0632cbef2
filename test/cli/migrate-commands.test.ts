import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { buildFixture } from '../fixtures/build';
import { sha256File, tempDir } from '../support/temp-dir';

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
};

describe('paneldb migrate, history, rollback, restore and repair', () => {
  it('previews with --dry-run, migrates, lists history and rolls back from the command line', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = await sha256File(path);
    const preview = await run(['migrate', path, '--dry-run']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('- tlsSettings.verifyPeerCertInNames');
    expect(preview.stdout).toContain('Dry run: nothing was written');
    expect(await sha256File(path)).toBe(before);

    const migrated = await run(['migrate', path, '--json']);
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ from_version: 0, to_version: 5, saved: true });
    expect(migrated.stderr).toContain('[1/4] up 1 init_schema');

    const history = await run(['history', path, '--json']);
    expect((JSON.parse(history.stdout) as unknown[]).length).toBe(4);

    const rolledBack = await run(['rollback', path, '--steps', '1']);
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('content hash = pre-migration');
  });

  it('shows progress and results in Chinese', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const migrated = await run(['migrate', path], { LANG: 'zh_CN.UTF-8' });
    expect(migrated.stdout).toContain('已保存');
    // A run that wrote says what it did (past tense); only a dry run says what it would do.
    expect(migrated.stdout).toMatch(/修改了 \d+ 行/u);
    expect(migrated.stdout).not.toContain('将修改');
  });

  it('exits 6 and names the failed step when a migration fails', async () => {
    const path = await buildFixture('f5-passwords-e', await tempDir());
    const result = await run(['migrate', path, '--json']);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: {
        code: 'MIGRATION_FAILED',
        message: expect.stringContaining('Step 5 user_password_hash failed'),
      },
    });
  });

  it('exits 4 when a dirty file refuses to migrate, and repair explains which version the data is at', async () => {
    const path = await buildFixture('f6-dirty-3-crashed-after-commit', await tempDir());
    const refused = await run(['migrate', path]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('[DATABASE_DIRTY]');
    const repair = await run(['repair', path]);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('The data is at: v3');
    const forced = await run(['repair', path, '--force-version', '3', '--json']);
    expect(JSON.parse(forced.stdout)).toMatchObject({ forced: { version: 3 } });
    expect((await run(['status', path, '--json'])).stdout).toContain('"dirty": false');
  });

  it('restores a backup by the id `paneldb backups` shows', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const migrated = JSON.parse((await run(['migrate', path, '--json'])).stdout) as {
      backup: { id: string; path: string };
    };
    const restored = await run(['restore', path, migrated.backup.id, '--json']);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restored_from: migrated.backup.path });
    expect(await sha256File(path)).toBe(await sha256File(migrated.backup.path));
    const missing = await run(['restore', path, join(dir, 'nope.db')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('[BACKUP_NOT_FOUND]');
  });

  it('refuses --steps and --to together', async () => {
    const result = await run(['rollback', 'x.db', '--steps', '1', '--to', '2']);
    expect(result.code).toBe(2);
  });
});

// Issue 14 part A from the command line: the headline, dry runs that say "would change N rows"
// and print the plan fingerprint, --expect, the force guard's second flag, set-password from stdin,
// fixes reported as fixes, and bare `paneldb` printing its help.
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import type { SecretSource } from '../../electron/cli/commands/set-password';
import { buildFixture } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}, secrets?: SecretSource) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    ...(secrets === undefined ? {} : { secrets }),
  });
  return { code, stdout, stderr };
};

const piped = (text: string): SecretSource => ({
  readPiped: async () => text,
  ask: async () => {
    throw new Error('must not prompt when stdin is piped');
  },
});

describe('paneldb and issue 14', () => {
  it('bare paneldb prints its help, not "error: (outputHelp)"', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: paneldb');
    expect(bare.stdout + bare.stderr).not.toContain('outputHelp');
  });

  it('status says the applied set; the dry run says "would change N rows" and prints the fingerprint; --expect refuses a changed plan', async () => {
    const path = await buildFixture('f0-second-start-pending', await tempDir());
    const status = await run(['status', path]);
    expect(status.stdout).toMatch(/State:\s+2 of 5 — tls_config, xhttp_flow, reality_target pending/);
    const json = JSON.parse((await run(['status', path, '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ current_version: 0, pending_count: 4, headline: { applied: 2, total: 5 } });

    const dry = await run(['migrate', path, '--dry-run']);
    expect(dry.stdout).toMatch(/would change \d+ rows?/);
    expect(dry.stdout).not.toContain('row(s)');
    expect(dry.stdout).not.toMatch(/^\s+\?\s/m);
    const fingerprint = /Plan fingerprint: ([0-9a-f]{24})/.exec(dry.stdout)?.[1] ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{24}$/);

    sqlite3(path, "INSERT INTO history_of_seeders (seeder_name) VALUES ('TlsConfigMigration');");
    const before = await sha256File(path);
    const refused = await run(['migrate', path, '--expect', fingerprint]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('[PLAN_CHANGED]');
    expect(await sha256File(path)).toBe(before);
    const zh = await run(['migrate', path, '--expect', fingerprint, '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('文件在您审阅后已改变');
  });

  it('--force-version alone refuses on a clean file; with --i-understand-steps-will-not-run it forces', async () => {
    const path = await buildFixture('f1-legacy-nothing-recorded', await tempDir());
    const before = await sha256File(path);
    const refused = await run(['repair', path, '--force-version', '5']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('[CONFIRMATION_REQUIRED]');
    expect(refused.stderr).toContain('5 user_password_hash');
    expect(await sha256File(path)).toBe(before);
    const forced = await run([
      'repair',
      path,
      '--force-version',
      '5',
      '--i-understand-steps-will-not-run',
      '--json',
    ]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ forced: { version: 5 } });
    const check = await run(['check', path, '--json']);
    expect(check.stdout).toContain('markers.claim-exceeds-data.user_password_hash');
  });

  it('refuses a force on a file a newer panel recorded (9), whatever the flags', async () => {
    const path = await buildFixture('f8-branch-version-5', await tempDir());
    sqlite3(path, 'UPDATE schema_migrations SET version = 9;');
    const refused = await run(['repair', path, '--force-version', '5', '--i-understand-steps-will-not-run']);
    expect(refused.code).toBe(4);
    expect(sqlite3(path, 'SELECT version FROM schema_migrations;').trim()).toBe('9');
  });

  it('set-password reads the password from stdin (never argv), stores bcrypt cost 10, and reverts as a fix', async () => {
    const path = await buildFixture('f0-second-start-pending', await tempDir());
    const old = sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim();
    const set = await run(['set-password', path, '--user', 'admin'], {}, piped('s3cret pw\n'));
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('bcrypt, cost 10');
    expect(set.stdout + set.stderr).not.toContain('s3cret');
    const hash = sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim();
    expect(await bcrypt.compare('s3cret pw', hash)).toBe(true);
    const reverted = await run(['fix', path, 'users.set-password', '--revert']);
    expect(reverted.code).toBe(0);
    expect(reverted.stdout).toContain('Fix reverted');
    expect(reverted.stdout).not.toMatch(/v\d → v\d/);
    expect(sqlite3(path, "SELECT password FROM users WHERE username = 'admin';").trim()).toBe(old);
    const unknown = await run(['set-password', path, '--user', 'nobody'], {}, piped('x\n'));
    expect(unknown.code).toBe(2);
  });
});

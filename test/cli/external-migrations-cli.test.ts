import { mkdir, writeFile } from 'node:fs/promises';
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

async function sqlFolder(files: Record<string, string>): Promise<string> {
  const dir = join(await tempDir('paneldb-sql-'), 'migrations');
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const UP = "UPDATE inbounds SET remark = remark || ' (checked)';\n";
const DOWN = 'UPDATE inbounds SET remark = substr(remark, 1, length(remark) - 10);\n';

describe('paneldb --migrations-dir and check-roundtrip', () => {
  it('shows, migrates and rolls back external files with --migrations-dir', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({ '000006_remark_suffix.up.sql': UP, '000006_remark_suffix.down.sql': DOWN });
    const status = await run(['status', path, '--migrations-dir', dir, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).pending).toContainEqual({
      version: 6,
      name: 'remark_suffix',
      source: 'external',
      file: '000006_remark_suffix.up.sql',
    });
    const migrated = await run(['migrate', path, '--migrations-dir', dir, '--json']);
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ to_version: 6, saved: true });
    const rolledBack = await run(['rollback', path, '--migrations-dir', dir, '--steps', '1']);
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('content hash = pre-migration');

    await writeFile(join(dir, '000006_remark_suffix.up.sql'), `${UP}-- edited\n`);
    expect((await run(['migrate', path, '--migrations-dir', dir])).code).toBe(0);
    await writeFile(join(dir, '000006_remark_suffix.up.sql'), UP);
    const drifted = await run(['migrate', path, '--migrations-dir', dir, '--json']);
    expect(drifted.code).toBe(4);
    expect(JSON.parse(drifted.stdout).error.code).toBe('MIGRATION_DRIFT');
  });

  it('refuses a duplicate version folder with a usage exit code', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = await sqlFolder({ '000006_a.up.sql': UP, '6_b.up.sql': UP });
    const result = await run(['status', path, '--migrations-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('000006_a.up.sql');
    expect(result.stderr).toContain('6_b.up.sql');
  });

  it('exits 0 when every step round-trips and 3 when a down loses data, never writing the file', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const before = await sha256File(path);
    const good = await sqlFolder({
      '000006_remark_suffix.up.sql': UP,
      '000006_remark_suffix.down.sql': DOWN,
    });
    const passed = await run(['check-roundtrip', path, '--migrations-dir', good]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('round trip passed');

    const bad = await sqlFolder({
      '000006_remark_suffix.up.sql': UP,
      '000006_remark_suffix.down.sql': "UPDATE inbounds SET remark = 'lost';\n",
    });
    const failed = await run(['check-roundtrip', path, '--migrations-dir', bad, '--json']);
    expect(failed.code).toBe(3);
    const step = (
      JSON.parse(failed.stdout) as { steps: Array<{ version: number; changed_rows: string[] }> }
    ).steps.find((entry) => entry.version === 6);
    expect(step?.changed_rows[0]).toMatch(/^inbounds#\d+$/);
    expect(await sha256File(path)).toBe(before);
  });
});

// Issue 14B from the command line: `verify` fails on a file the panel cannot start on; `restore`
// of a blind backup is refused (exit 4) until `--accept-risk`, and a refusal's hint is printed in
// the CLI's own words (the engine message itself names no command).
import { copyFile } from 'node:fs/promises';
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

describe('paneldb verify and restore, with what a backup holds', () => {
  it('verify exits 3 on an empty SQL-first file, naming panel_starts', async () => {
    const path = await buildFixture('f10-sql-first-schema', await tempDir());
    const verified = await run(['verify', path, '--json']);
    expect(verified.code).toBe(3);
    const report = JSON.parse(verified.stdout) as { ok: boolean; checks: Array<{ id: string; ok: boolean }> };
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.id === 'panel_starts')?.ok).toBe(false);
  });

  it('restore refuses a backup with no inbounds over a file with some until --accept-risk, in both languages', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await copyFile(
      await buildFixture('f0-fresh-first-start', join(dir, 'other')),
      `${path}.backup.1770000000`,
    );
    const sha = await sha256File(path);

    const refused = await run(['restore', path, 'x-ui.db.backup.1770000000', '--accept-unverified']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('[CONFIRMATION_REQUIRED]');
    expect(refused.stderr).toContain('add --accept-risk');
    const chinese = await run([
      'restore',
      path,
      'x-ui.db.backup.1770000000',
      '--accept-unverified',
      '--lang',
      'zh-CN',
    ]);
    expect(chinese.stderr).toContain('需要明确确认');
    expect(chinese.stderr).toContain('--accept-risk');
    const json = await run(['restore', path, 'x-ui.db.backup.1770000000', '--accept-unverified', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: {
        code: 'CONFIRMATION_REQUIRED',
        hint: { action: 'accept-risk', risks: ['far-fewer-inbounds'] },
      },
    });
    expect(await sha256File(path)).toBe(sha);

    const accepted = await run([
      'restore',
      path,
      'x-ui.db.backup.1770000000',
      '--accept-unverified',
      '--accept-risk',
    ]);
    expect(accepted.code).toBe(0);
    expect(await sha256File(path)).toBe(await sha256File(`${path}.backup.1770000000`));
  });

  it('an irreversible rollback prints the restore command line on the CLI side only', async () => {
    const path = await buildFixture('f1-legacy-nothing-recorded', await tempDir());
    expect((await run(['migrate', path])).code).toBe(0);
    const refused = await run(['rollback', path, '--to', '0']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/→ to restore it: paneldb restore \S+ x-ui\.db\.\S+\.before-migrate\.db/);
  });
});

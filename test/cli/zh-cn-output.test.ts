// `--lang zh-CN` output of each command on the fixtures holds no run of four English words
// (outside identifiers, paths, quoted data and product names): the catalog speaks for all of it.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { expectChinese, runCli } from '../support/cli-in-process';
import { englishRuns } from '../support/english-runs';
import { tempDir } from '../support/temp-dir';

const run = (argv: string[]) => runCli(argv);

const FIXTURES = {
  dirty: 'f6-dirty-3-up-failed',
  legacy: 'f1-legacy-nothing-recorded',
  wal: 'f7-wal-uncheckpointed',
  panelApplied: 'f3-xhttp-without-flow-recorded',
} as const;

async function fixture(name: keyof typeof FIXTURES): Promise<string> {
  return buildFixture(FIXTURES[name], await tempDir());
}

describe('paneldb --lang zh-CN', () => {
  it('prints --help, and each command’s help, in Chinese', async () => {
    expectChinese((await run(['--help'])).stdout);
    for (const command of ['status', 'migrate', 'rollback', 'repair', 'check', 'fix', 'lint', 'serve'])
      expectChinese((await run([command, '--help'])).stdout);
  });

  for (const name of Object.keys(FIXTURES) as Array<keyof typeof FIXTURES>) {
    it(`status, check, repair and migrate --dry-run on the ${name} fixture are Chinese`, async () => {
      const path = await fixture(name);
      for (const argv of [
        ['status', path],
        ['check', path],
        ['repair', path],
        ['migrate', path, '--dry-run'],
      ]) {
        const output = await run(argv);
        expect(englishRuns(output.all), argv.join(' ')).toEqual([]);
      }
    });
  }

  it('status, backup, backups, verify and the dry run of the demo are Chinese, the dry run in future tense', async () => {
    expectChinese((await run(['status', '--demo'])).all);
    const dir = await tempDir();
    const path = join(dir, 'x-ui.db');
    await copyFile(await fixture('legacy'), path);
    const backup = await run(['backup', path]);
    expectChinese(backup.all);
    const backups = await run(['backups', path]);
    expectChinese(backups.all);
    expect(backups.stdout).toContain('手动');
    const file = /[:：] (\S+) \(/u.exec(backup.stdout)?.[1] ?? '';
    const verified = await run(['verify', file]);
    expectChinese(verified.all);
    expect(verified.stdout).toContain('面板数据表齐全');
    const preview = await run(['migrate', path, '--dry-run']);
    expectChinese(preview.all);
    expect(preview.stdout).toMatch(/将修改 \d+ 行/u);
    expect(preview.stdout).not.toContain('修改了');
    // Issue 15: the step notes of a dry run do not say the change was already made.
    expect(preview.stdout).not.toMatch(/已为|已用|已在|已按/u);
  });

  it('refuses a roll back in Chinese, whole, not half English', async () => {
    const refused = await run(['rollback', await fixture('panelApplied')]);
    expect(refused.code).not.toBe(0);
    expectChinese(refused.stderr);
    expect(refused.stderr).toContain('[ROLLBACK_REFUSED]');
  });

  it('reports a missing file in Chinese', async () => {
    const missing = await run(['status', join(await tempDir(), 'nope.db')]);
    expectChinese(missing.stderr);
  });

  it('lints the panel’s own migration files in Chinese: findings, reasons and summary', async () => {
    const linted = await run(['lint', join(process.cwd(), 'test/fixtures/panel-sql/original')]);
    expect(linted.code).toBe(3);
    expectChinese(linted.all);
    expect(linted.stdout).toContain('与面板的 GORM 结构不同');
    expect(linted.stdout).toContain('[docs/panel-database.md §3.6 S18]');
    expect(linted.stdout).toContain('原因:');
    const json = JSON.parse(
      (await run(['lint', join(process.cwd(), 'test/fixtures/panel-sql/original'), '--json'])).stdout,
    ) as {
      findings: { msg: { key: string }; reason_msg: { key: string } }[];
    };
    expect(json.findings.every((item) => item.msg.key.startsWith('lint.'))).toBe(true);
    expect(json.findings.every((item) => item.reason_msg.key.startsWith('lintRule.'))).toBe(true);
  });
});

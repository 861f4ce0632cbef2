// Issue 15: the notes the engine adds to its reports (rollback and fix notes, safety notes, the
// recommendation, the evidence, the WAL note) reach `--lang zh-CN` as Chinese, whole, with the data
// (paths, ids, tables) left as it is; `--json` keeps the English text and carries the keys beside it.
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPathOf } from '../../electron/core/write-lock';
import { buildFixture } from '../fixtures/build';
import { TRAFFIC_WIPING_TRIGGER } from '../support/panel-db';
import { expectChinese, runCli } from '../support/cli-in-process';
import { englishRuns } from '../support/english-runs';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

const run = (argv: string[], lang: 'en' | 'zh-CN' = 'zh-CN') => runCli(argv, lang);

describe('the engine’s notes in zh-CN', () => {
  it('says in Chinese that a rollback is not an exact return when a trigger changed other tables', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    sqlite3(path, TRAFFIC_WIPING_TRIGGER);
    expect((await run(['migrate', path, '--to', '2'])).code).toBe(0);
    const json = JSON.parse((await run(['rollback', path, '--dry-run', '--json'], 'en')).stdout) as {
      steps: Array<{ notes: string[]; note_msgs: Array<{ key: string }> }>;
    };
    expect(json.steps[0]?.notes[0]).toMatch(/^Not an exact return: client_traffics/);
    expect(json.steps[0]?.note_msgs[0]?.key).toBe('note.downNotExact');
    const rolled = await run(['rollback', path]);
    expect(rolled.code).toBe(0);
    expectChinese(rolled.all);
    expect(rolled.stdout).toContain('未能精确还原：client_traffics');
  });

  it('prints an exact rollback and a fix’s notes in Chinese', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    expect((await run(['migrate', path, '--to', '2'])).code).toBe(0);
    const rolled = await run(['rollback', path]);
    expectChinese(rolled.all);
    expect(rolled.stdout).toContain('涉及的数据表与迁移前的内容哈希一致');
    sqlite3(path, 'DELETE FROM client_traffics WHERE id = 1;');
    // A dry run's notes must not claim the row was added: the Chinese notes are tense-neutral.
    const dry = await run(['fix', path, 'traffic.missing-row', '--dry-run']);
    expectChinese(dry.all);
    expect(dry.stdout).toMatch(/：为 \S+ 添加 client_traffics 行/u);
    expect(dry.stdout).not.toMatch(/已为|添加了/u);
    const fixed = await run(['fix', path, 'traffic.missing-row']);
    expect(fixed.code).toBe(0);
    expectChinese(fixed.all);
    expect(fixed.stdout).toMatch(/为 \S+ 添加 client_traffics 行/u);
  });

  it('names a stale write lock it took over in Chinese, keeping the pid and the command', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const gone = spawnSync('node', ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await mkdir(`${path}.backups`, { mode: 0o700 });
    await writeFile(
      lockPathOf(await nodeFs.realpath(path)),
      JSON.stringify({
        pid: Number(gone.stdout),
        command: 'migrate',
        since: '2026-01-01T00:00:00.000Z',
        host: (await import('node:os')).hostname(),
        start: null,
        token: 'x',
      }),
    );
    const migrated = await run(['migrate', path]);
    expect(migrated.code).toBe(0);
    expectChinese(migrated.stderr);
    expect(migrated.stderr).toContain(`PanelDB migrate 的写锁（pid ${gone.stdout}`);
    expect(migrated.stderr).toContain('已将其接管');
  });

  it('recommends, and gives the evidence for, a restore of a file made by the wrong DDL in Chinese', async () => {
    const path = await buildFixture('f10-sql-first-schema', await tempDir());
    const repaired = await run(['repair', path]);
    expectChinese(repaired.all);
    expect(repaired.stdout).toContain('000001_init_schema.up.sql');
    expect(repaired.stdout).toMatch(/错误的 DDL/u);
    const json = JSON.parse((await run(['repair', path, '--json'], 'en')).stdout) as {
      recommendation: { reason: string; msg: { key: string } };
    };
    expect(json.recommendation.reason).toContain('wrong DDL');
    expect(json.recommendation.msg.key).toBe('recommend.sqlFirst');
  });

  it('recommends the password fix for a lockout in Chinese, and explains the claim the data contradicts', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    sqlite3(
      path,
      "UPDATE users SET password = 'admin'; CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool); DELETE FROM schema_migrations; INSERT INTO schema_migrations VALUES (5, 0);",
    );
    for (const argv of [
      ['repair', path],
      ['check', path],
      ['status', path],
    ]) {
      const output = await run(argv);
      expect(englishRuns(output.all), argv.join(' ')).toEqual([]);
    }
    const repaired = await run(['repair', path]);
    expect(repaired.stdout).toContain('没有人能登录');
  });

  it('says in Chinese why a -wal beside a rollback-journal header was read', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    // The header bytes 18/19 say rollback journal (1) while the -wal beside it holds commits.
    const handle = await nodeFs.open(path, 'r+');
    await handle.write(Buffer.from([1, 1]), 0, 2, 18);
    await handle.close();
    const status = await run(['status', path]);
    expectChinese(status.all);
    expect(status.stdout).toContain('回滚日志模式');
  });

  it('says in Chinese why a panel backup without metadata is unverified', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    await nodeFs.copyFile(path, `${path}.backup.1700000000`);
    const listed = await run(['backups', path]);
    expectChinese(listed.all);
    expect(listed.stdout).toContain('旁边没有 PanelDB 元数据');
  });

  it('runs check-roundtrip and migrates an external file with its notes in Chinese', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = join(await tempDir('paneldb-sql-'), 'migrations');
    await mkdir(dir);
    await writeFile(
      join(dir, '000006_remark_suffix.up.sql'),
      "UPDATE inbounds SET remark = remark || ' (checked)';\n",
    );
    await writeFile(join(dir, '000006_remark_suffix.down.sql'), "UPDATE inbounds SET remark = 'lost';\n");
    const checked = await run(['check-roundtrip', path, '--migrations-dir', dir]);
    expect(checked.code).toBe(3);
    expectChinese(checked.all);
    expect(checked.stdout).toContain('往返检查失败');
    expect(checked.stdout).toContain('有变化的行：inbounds#');
    const migrated = await run(['migrate', path, '--migrations-dir', dir]);
    expect(migrated.code).toBe(0);
    expectChinese(migrated.all);
    expect(migrated.stdout).toContain('执行 000006_remark_suffix.up.sql');
  });

  it('prints the rows of a finding that are sentences in Chinese, the inbound and the value kept', async () => {
    const path = await buildFixture('f10-tgid-string-and-null-client', await tempDir());
    const checked = await run(['check', path]);
    expectChinese(checked.all);
    expect(checked.stdout).toContain('inbounds #2 (null-client)：clients[1] 是 null');
  });
});

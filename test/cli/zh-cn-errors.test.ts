// Issue 15: with `--lang zh-CN` a refusal is Chinese from end to end. Each error path below must
// print its own catalog sentence (not only the code's generic explanation), with the data — paths,
// versions, pids — as it is, and no run of four English words anywhere on stderr.
import { hostname } from 'node:os';
import { copyFile, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretSource } from '../../electron/cli/commands/set-password';
import { nodeFileSystem } from '../../electron/core/file-system';
import { lockPathOf } from '../../electron/core/write-lock';
import { buildFixture } from '../fixtures/build';
import { runCli } from '../support/cli-in-process';
import { englishRuns } from '../support/english-runs';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

const piped = (text: string): SecretSource => ({
  readPiped: () => Promise.resolve(text),
  ask: () => Promise.reject(new Error('no terminal in this test')),
});

const zh = (argv: string[], secrets?: SecretSource) => runCli(argv, 'zh-CN', secrets);

/** The refusal is the keyed sentence, whole and Chinese, and names its code. */
function expectChineseRefusal(
  output: { code: number; stderr: string },
  code: string,
  sentence: string,
): void {
  expect(output.code, output.stderr).not.toBe(0);
  expect(output.stderr).toContain(`[${code}]`);
  expect(output.stderr).toContain(sentence);
  expect(englishRuns(output.stderr), output.stderr).toEqual([]);
}

const legacy = async () => buildFixture('f1-legacy-nothing-recorded', await tempDir());

describe('paneldb --lang zh-CN refusals', () => {
  it('a migrate target out of range', async () => {
    const output = await zh(['migrate', await legacy(), '--to', '99']);
    expectChineseRefusal(output, 'INVALID_ARGUMENT', '目标版本必须在 0 到 5 之间；收到的是 99。');
  });

  it('a forced version out of range', async () => {
    const output = await zh(['repair', await legacy(), '--force-version', '99']);
    expectChineseRefusal(output, 'INVALID_ARGUMENT', '要强制设定的版本必须在 0 到 5 之间；收到的是 99。');
  });

  it('a missing file, named by its path', async () => {
    const path = join(await tempDir(), 'nope.db');
    const output = await zh(['status', path]);
    expectChineseRefusal(output, 'FILE_NOT_FOUND', `${path} 不存在。`);
  });

  it('a damaged file (pages overwritten) is DATABASE_CORRUPT', async () => {
    const path = await legacy();
    const handle = await open(path, 'r+');
    await handle.write(Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096);
    await handle.close();
    const output = await zh(['migrate', path]);
    expectChineseRefusal(output, 'DATABASE_CORRUPT', `${path} 已损坏：SQLite 无法完整读取它。`);
  });

  it('a file cut short of its header’s page count is DATABASE_CORRUPT', async () => {
    const path = await legacy();
    const bytes = await nodeFileSystem.readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 4096));
    const output = await zh(['status', path]);
    expectChineseRefusal(output, 'DATABASE_CORRUPT', `${path} 已被截断：文件头记录有`);
  });

  it('a -wal of another page size does not belong to the database', async () => {
    const wal = await buildFixture('f7-wal-uncheckpointed', await tempDir());
    const path = await legacy();
    sqlite3(path, 'PRAGMA page_size = 8192; VACUUM;');
    await copyFile(`${wal}-wal`, `${path}-wal`);
    const output = await zh(['status', path]);
    expectChineseRefusal(output, 'WAL_MISMATCH', '该 WAL 文件不属于这个数据库：两者的页大小不同。');
    expect(output.stderr).toContain('--ignore-wal');
  });

  it('a lock held by another PanelDB names the holder', async () => {
    const path = await legacy();
    const real = await nodeFileSystem.realpath(path);
    await mkdir(`${path}.backups`, { mode: 0o700 });
    const holder = {
      pid: 424242,
      command: 'migrate',
      since: '2026-12-02T15:00:00.000Z',
      // Another machine's holder cannot be proven dead, so it holds the lock.
      host: `not-${hostname()}`,
      start: null,
      token: 'held-elsewhere',
    };
    await writeFile(lockPathOf(real), JSON.stringify(holder));
    const output = await zh(['migrate', path]);
    expectChineseRefusal(output, 'DATABASE_LOCKED', `正在被另一个 PanelDB 修改（migrate，进程 424242`);
  });

  it('set-password with an empty password or an unknown user', async () => {
    const path = await legacy();
    const empty = await zh(['set-password', path, '--user', 'admin'], piped('\n'));
    expectChineseRefusal(empty, 'INVALID_ARGUMENT', '新密码为空。');
    const unknown = await zh(['set-password', path, '--user', 'nobody-here'], piped('s3cret\n'));
    expectChineseRefusal(unknown, 'INVALID_ARGUMENT', '面板中没有名为 "nobody-here" 的用户。');
  });

  it('a usage mistake PanelDB finds itself (not only the code’s explanation)', async () => {
    const both = await zh(['rollback', await legacy(), '--steps', '1', '--to', '0']);
    expectChineseRefusal(both, 'INVALID_ARGUMENT', '--steps 和 --to 只能用其一');
    const none = await zh(['status']);
    expectChineseRefusal(none, 'INVALID_ARGUMENT', '缺少必需的参数 db（或使用 --demo）');
  });

  it('keeps the English text and the key in --json, for scripts', async () => {
    const output = await zh(['migrate', await legacy(), '--to', '99', '--json']);
    const { error } = JSON.parse(output.stdout) as { error: { message: string; msg: { key: string } } };
    expect(error.message).toBe('The target version must be between 0 and 5; got 99.');
    expect(error.msg.key).toBe('refuse.rollbackTo');
  });
});

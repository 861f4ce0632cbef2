import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { writePanelDb, writePanelWalPair } from '../support/panel-db';
import { snapshotTree, tempDir } from '../support/temp-dir';

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr };
};

const INBOUND =
  "INSERT INTO inbounds (remark, port, protocol, settings, tag) VALUES ('wal-row', 443, 'vless', '{\"clients\":[]}', 'inbound-443');";

describe('the paneldb command', () => {
  it('runs from the repository as `paneldb --help` through its bin launcher', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/paneldb.js', '--help']);
    for (const command of ['status', 'backup', 'backups', 'verify']) expect(stdout).toContain(command);
  });

  it('prints the panel plan MigrationStatus fields at the top level of status --json', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND);
    const { code, stdout } = await run(['status', path, '--json']);
    expect(code).toBe(0);
    const status = JSON.parse(stdout) as Record<string, unknown>;
    expect(status).toMatchObject({
      current_version: 0,
      dirty: false,
      pending_count: 4,
      last_backup: null,
      latest_version: 5,
      applied: [{ version: 5, name: 'user_password_hash', source: 'history_of_seeders', applied_at: null }],
      pending: [
        { version: 1, name: 'init_schema' },
        { version: 2, name: 'tls_config' },
        { version: 3, name: 'xhttp_flow' },
        { version: 4, name: 'reality_target' },
      ],
      journal: {
        mode: 'wal',
        wal_present: true,
        wal_frames_applied: expect.any(Number),
        wal_transactions_applied: 1,
      },
      panel: { kind: 'x-panel', generation: 'v2.6.0-to-v7.5.8' },
      integrity: 'ok',
    });
    expect((status.tables as Record<string, number>).inbounds).toBe(1);
  });

  it('prints a readable summary in English or Chinese', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND);
    const english = await run(['status', path]);
    expect(english.stdout).toContain('Version:        v0 of 5');
    expect(english.stdout).toContain('WAL merged: 1 transaction(s)');
    const chinese = await run(['status', path], { LANG: 'zh_CN.UTF-8' });
    expect(chinese.stdout).toContain('已合并 WAL：1 个事务');
    expect(chinese.stdout).toContain('待执行');
  });

  it('backs up, lists and verifies from the command line', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const backup = await run(['backup', path, '--json']);
    expect(backup.code).toBe(0);
    const entry = JSON.parse(backup.stdout) as { path: string; origin: string };
    expect(entry.origin).toBe('paneldb');
    const list = await run(['backups', path]);
    expect(list.stdout).toContain(entry.path);
    const verify = await run(['verify', entry.path, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  it('exits 3 when verify finds a backup with problems', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db.backup.1770000000'), 'DROP TABLE inbounds;');
    const verify = await run(['verify', path]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toMatch(/BAD\s+panel_tables/);
  });

  it('reports bad input as {"error":{code,message}} on stdout with --json and exit status 3', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'x-ui.db'), 'plain text');
    const before = await snapshotTree(dir);
    const { code, stdout, stderr } = await run(['status', join(dir, 'x-ui.db'), '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        code: 'NOT_SQLITE',
        message: expect.stringContaining('not a SQLite database'),
        msg: { key: 'err.sqlite.notSqlite', params: { path: expect.any(String) } },
      },
    });
    expect(stderr).toBe('');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('reports bad input in one line on stderr without a stack trace', async () => {
    const { code, stdout, stderr } = await run(['status', '/nonexistent/x-ui.db']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^paneldb: error: .*does not exist\. \[FILE_NOT_FOUND\]$/m);
  });

  it('says which argument is wrong with exit status 2', async () => {
    const missing = await run(['status']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'db'.*\[INVALID_ARGUMENT\]/);
    const unknown = await run(['status', 'x.db', '--frobnicate', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });
});

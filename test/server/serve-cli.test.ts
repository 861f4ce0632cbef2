// `paneldb serve` as a user runs it: a child process through the bin launcher and the bundled CLI
// (run `node scripts/build-node.mjs` first), stopped with SIGTERM like Ctrl+C or a service manager.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';

const children = new Set<ChildProcess>();

afterEach(() => {
  // A test that failed before stopping its server must not leave it running.
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
});

/** This environment without its language settings, plus `extra`. */
function envWith(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PANELDB_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[name];
  return { ...env, ...extra };
}

interface Served {
  url: URL;
  token: string;
  stdout: () => string;
  stop: () => Promise<number | null>;
}

/** Starts `paneldb serve …` and resolves once it prints its URL (or rejects with its output if it exits). */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, ['bin/paneldb.js', 'serve', ...args], {
    env: envWith(env),
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /at (http:\/\/127\.0\.0\.1:\d+\/#token=([\w-]+))\n/.exec(stdout);
      if (found?.[1] === undefined || found[2] === undefined) return;
      resolve({
        url: new URL(found[1]),
        token: found[2],
        stdout: () => stdout,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stdout}${stderr}`)));
  });
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/paneldb.js', 'serve', ...args], {
    env: envWith({}),
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the paneldb serve command', () => {
  it('prints its URL with a token, answers GET /api/status with it, and exits 0 on SIGTERM', async () => {
    const db = await buildFixture('f2-tls-variants', await tempDir());
    const served = await serve([db, '--port', '0']);
    expect(served.stdout()).toBe(`PanelDB is serving ${db} at ${served.url.href}\n`);
    expect(served.token).toMatch(/^[\w-]{43}$/);

    const status = await fetch(new URL('/api/status', served.url), {
      headers: { Authorization: `Bearer ${served.token}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ database: db, current_version: 0, latest_version: 5 });
    expect((await fetch(new URL('/api/status', served.url))).status).toBe(401);

    expect(await served.stop()).toBe(0);
  });

  it('adds the Chinese line when LANG is Chinese, and starts with no database when given none', async () => {
    const served = await serve(['--port', '0'], { LANG: 'zh_CN.UTF-8' });
    expect(served.stdout()).toContain('PanelDB is serving the start page');
    await expect.poll(served.stdout).toContain(`PanelDB 正在 ${served.url.href} 上提供 起始页`);
    const session = await fetch(new URL('/api/getSession', served.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}` },
      body: '{}',
    });
    expect(await session.json()).toMatchObject({ ok: true, value: { mode: 'browser', database: null } });
    expect(await served.stop()).toBe(0);
  });

  it('refuses --host 0.0.0.0 with FORBIDDEN and exit status 4', async () => {
    const { code, stdout, stderr } = await run(['--demo', '--host', '0.0.0.0']);
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^paneldb: error: Refusing to listen on 0\.0\.0\.0.*\[FORBIDDEN\]\n$/);
  });

  it('refuses a missing database with its usual one-line error and starts no server', async () => {
    const dir = await tempDir();
    const { code, stdout, stderr } = await run([`${dir}/missing.db`, '--port', '0']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/\[FILE_NOT_FOUND\]\n$/);
  });

  it('says in one line that a port is in use', async () => {
    const served = await serve(['--port', '0']);
    const { code, stderr } = await run(['--port', served.url.port]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `paneldb: error: Port ${served.url.port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free port. [INVALID_ARGUMENT]\n`,
    );
    expect(await served.stop()).toBe(0);
  });
});

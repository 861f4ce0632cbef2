// Issue 14B, point 5: `npm start` without Electron's binary starts the browser mode on the demo
// and prints the URL (opening it is best effort; PANELDB_NO_OPEN=1 keeps the test from trying).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const electronInstalled = (() => {
  try {
    return typeof createRequire(import.meta.url)('electron') === 'string';
  } catch {
    return false;
  }
})();

describe.skipIf(electronInstalled)('npm start without Electron', () => {
  it('serves the demo in the browser mode and prints its URL', async () => {
    const child = spawn('node', ['scripts/start.mjs'], {
      env: { ...process.env, PANELDB_SKIP_BUILD: '1', PANELDB_NO_OPEN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await expect
        .poll(() => /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output)?.[0], { timeout: 30_000 })
        .toBeDefined();
      const url = new URL(/http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output)?.[0] ?? '');
      const token = url.hash.replace('#token=', '');
      const response = await fetch(`${url.origin}/api/status`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(output).toContain("Electron's binary is not installed");
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});

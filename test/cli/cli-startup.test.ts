// What a CLI process pays before and around its one command (issue 16): the modules it loads and the
// V8 tier sql.js's WebAssembly runs in.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmFlagsFor } from '../../electron/cli/wasm-tier';
import { nodeBundles } from '../../scripts/bundles.mjs';
import { writePanelDb } from '../support/panel-db';
import { tempDir } from '../support/temp-dir';

const out = join(process.cwd(), 'test-output', `cli-startup-${process.pid}`);
const cli = join(out, 'dist', 'node', 'cli.js');

beforeAll(async () => {
  await build({ ...nodeBundles(join(out, 'dist')).node, logLevel: 'silent' });
}, 60_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Runs one command through the built CLI bundle in a fresh Node; answers whether umzug was loaded. */
async function loadsUmzug(argv: string[]): Promise<boolean> {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(cli)});
    await main(${JSON.stringify(argv)}, { stdout() {}, stderr() {}, env: {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write(String(loaded.some((path) => path.includes('/node_modules/umzug/'))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  return stdout === 'true';
}

describe('a CLI process', () => {
  it('loads umzug (and the ~170 modules of its own CLI) only for a command that runs steps', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    expect(await loadsUmzug(['status', path, '--json'])).toBe(false);
    expect(await loadsUmzug(['check', path, '--json'])).toBe(false);
    expect(await loadsUmzug(['backup', path, '--json'])).toBe(false);
    expect(await loadsUmzug(['migrate', path, '--json'])).toBe(true);
  }, 60_000);

  it("has the health checks' worker thread built beside it, where the engine looks for it", () => {
    // electron/app/panel-engine.ts: ./inbound-check-worker.js next to the bundle it is part of.
    expect(existsSync(join(out, 'dist', 'node', 'inbound-check-worker.js'))).toBe(true);
    expect(existsSync(join(out, 'dist', 'node', 'engine-worker.js'))).toBe(true);
  });

  it("runs sql.js in V8's baseline tier for a one-shot command, and keeps V8's default for serve", () => {
    for (const argv of [['status', 'x-ui.db'], ['--lang', 'zh-CN', 'migrate', 'x-ui.db'], ['check']])
      expect(wasmFlagsFor(argv)).toEqual(['--liftoff-only']);
    for (const argv of [
      ['serve', 'x-ui.db'],
      ['--lang', 'zh-CN', 'serve'],
      ['--lang=en', 'serve'],
    ])
      expect(wasmFlagsFor(argv)).toEqual([]);
  });
});

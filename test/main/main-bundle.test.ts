// The built main bundle (CommonJS, engine bundled, electron and sql.js external) booted the way
// Electron would load it, against a fake `electron`, with the real engine worker thread: from the
// window's IPC to the engine in a worker and back, with nothing but Electron itself faked.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createDemoDatabase } from '../../electron/core/demo';
import { nodeFileSystem } from '../../electron/core/file-system';
import { tempDir } from '../support/temp-dir';
import { nodeBundles } from '../../scripts/bundles.mjs';
import { createFakeElectron } from './fake-electron';

const out = join(process.cwd(), 'test-output', `main-bundle-${process.pid}`);
const fake = createFakeElectron();

beforeAll(async () => {
  const bundles = nodeBundles(join(out, 'dist'));
  await Promise.all(
    [bundles.main, bundles.node, bundles.preload].map((options) => build({ ...options, logLevel: 'silent' })),
  );
  await mkdir(join(out, 'dist', 'renderer'), { recursive: true });
  await writeFile(join(out, 'dist', 'renderer', 'index.html'), '<!doctype html><title>PanelDB</title>');
  fake.state.userData = await tempDir();
  const database = await createDemoDatabase(nodeFileSystem);

  const mainFile = join(out, 'dist', 'electron', 'main.cjs');
  const { readFile } = await import('node:fs/promises');
  const nodeRequire = createRequire(mainFile);
  const require = (name: string) => (name === 'electron' ? fake.module : nodeRequire(name));
  const module = { exports: {} };
  const argv = process.argv;
  process.argv = ['/opt/PanelDB/paneldb', database];
  try {
    const run = new Function(
      'require',
      'module',
      'exports',
      '__filename',
      '__dirname',
      await readFile(mainFile, 'utf8'),
    );
    run(require, module, module.exports, mainFile, join(out, 'dist', 'electron'));
  } finally {
    process.argv = argv;
  }
  await vi.waitFor(() => expect(fake.window().loaded).toEqual(['app://paneldb/index.html']));
}, 60_000);

afterAll(async () => {
  fake.state.appListeners.get('will-quit')?.(); // terminates the engine worker
  await rm(out, { recursive: true, force: true });
});

it('loads the built preload and serves the built renderer over app://', async () => {
  const options = fake.window().options as { webPreferences: { preload: string } };
  expect(options.webPreferences.preload).toBe(join(out, 'dist', 'electron', 'preload.cjs'));
  const response = await fake.state.protocolHandler?.(new Request('app://paneldb/index.html'));
  expect(response?.status).toBe(200);
  expect(await response?.text()).toContain('<title>PanelDB</title>');
  const escape = await fake.state.protocolHandler?.(new Request('app://paneldb/..%2f..%2fpackage.json'));
  expect(escape?.status).toBe(404);
});

it('answers the window over IPC with the engine running in the worker thread', async () => {
  expect(await fake.invoke('getSession', {})).toMatchObject({
    ok: true,
    value: { mode: 'desktop', database: { name: 'x-ui.db', demo: false } },
  });
  expect(await fake.invoke('getStatus', {})).toMatchObject({ ok: true, value: { current_version: 0 } });
  expect(await fake.invoke('migrate', {})).toMatchObject({ ok: true, value: { to_version: 5 } });
  expect(fake.sentOn('onProgress').length).toBeGreaterThan(0);
  expect(await fake.invoke('getStatus', {}, { sender: {}, senderFrame: null })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});

// A sandboxed preload can `require` nothing but `electron` (and a few polyfilled modules) and cannot
// be an ES module. Bundle the preload with scripts/build-node.mjs's own options and run it in a bare VM
// context whose `require` knows only `electron`.
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { API_METHODS } from '../../electron/shared/contract';
import { nodeBundles } from '../../scripts/bundles.mjs';

it('runs as CommonJS in a context that can require only electron', async () => {
  const bundle = await build({
    ...nodeBundles().preload,
    outfile: undefined,
    write: false,
    sourcemap: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const required: string[] = [];
  const exposed: Record<string, unknown> = {};
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
    webUtils: { getPathForFile: () => '' },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    addEventListener: () => undefined,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
  });
  expect([...new Set(required)]).toEqual(['electron']);
  expect(Object.keys(exposed)).toEqual(['api']);
  expect(Object.keys(exposed.api as object).sort()).toEqual(
    [...API_METHODS, 'onProgress', 'onSessionChanged'].sort(),
  );
});

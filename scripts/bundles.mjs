// The esbuild options of every Node-side bundle, under one output root (`dist` for real builds; the
// bundle tests build the very same options into a scratch folder).
// - node/cli.js, node/engine-worker.js, node/inbound-check-worker.js: the CLI, the engine worker
//   thread and the health checks' helper thread beside them (ESM, dependencies external, so
//   `npx paneldb` runs plain JavaScript right after `npm ci`);
// - electron/main.cjs: the Electron main process (CommonJS, dependencies bundled; electron is the
//   runtime's and sql.js stays external so it finds its wasm file in node_modules; `module` first
//   because some packages' `main` is a UMD build whose inner requires esbuild cannot follow);
// - electron/preload.cjs: the preload (CommonJS — a sandboxed preload cannot be an ES module — with
//   everything but electron bundled, since a sandboxed preload can require only electron).
import { join } from 'node:path';

const common = { bundle: true, sourcemap: true, logLevel: 'warning' };

export function nodeBundles(outRoot = 'dist') {
  return {
    node: {
      ...common,
      entryPoints: {
        cli: 'electron/cli/main.ts',
        'engine-worker': 'electron/app/engine-worker.ts',
        'inbound-check-worker': 'electron/core/inbound-check-worker.ts',
      },
      outdir: join(outRoot, 'node'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
    },
    main: {
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: join(outRoot, 'electron', 'main.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'sql.js'],
      mainFields: ['module', 'main'],
    },
    preload: {
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: join(outRoot, 'electron', 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome120',
      external: ['electron'],
      minify: true,
    },
  };
}

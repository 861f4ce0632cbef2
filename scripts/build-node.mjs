// Bundles the Node entry points (the CLI and the engine worker thread) so `npx paneldb` runs plain
// JavaScript right after `npm ci`. Dependencies stay external: sql.js must find its wasm file.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'electron/cli/main.ts', 'engine-worker': 'electron/core/engine-worker.ts' },
  outdir: 'dist/node',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

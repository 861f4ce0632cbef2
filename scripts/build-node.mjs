// Builds the Node-side bundles into dist/ (see scripts/bundles.mjs): the CLI and engine worker in
// dist/node, the Electron main process and preload in dist/electron.
import { build } from 'esbuild';
import { nodeBundles } from './bundles.mjs';

await Promise.all(Object.values(nodeBundles('dist')).map((options) => build(options)));

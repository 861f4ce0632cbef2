#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/node/cli.js by `npm ci` (prepare) or `npm run build:node`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error(
    'paneldb: the CLI is not built yet. Run `npm ci` or `npm run build:node` in the PanelDB folder.',
  );
  process.exit(70);
}
const { main, tuneWasmFor } = await import(bundle);
tuneWasmFor(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2));

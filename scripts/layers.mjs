// The architecture's layers (docs/architecture.md), read by ESLint (eslint.config.js) and by the
// folder-graph test (test/architecture/layers.test.ts).

/** Which layers each folder may import (besides itself and `electron/shared`, which every layer may). */
export const ALLOWED = {
  'electron/shared': [],
  'electron/panel': [],
  'electron/sqlfiles': [],
  'electron/core': ['panel', 'sqlfiles'],
  'electron/lint': ['panel', 'sqlfiles'],
  migrations: ['core', 'panel'],
  'electron/app': ['core', 'lint', 'migrations'],
  'electron/cli': ['app', 'core', 'lint', 'server'],
  'electron/server': ['app'],
  'electron/main': ['app'],
  'electron/preload': [],
  renderer: [],
};

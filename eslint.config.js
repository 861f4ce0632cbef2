// The linter holds the architecture's walls (docs/architecture.md): each folder imports only the
// layers below it, nothing outside the engine reaches past `electron/core/index.ts`, the engine
// never imports Electron, and only the main/preload adapters may touch Electron at all.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { ALLOWED } from './scripts/layers.mjs';

const LAYERS = [
  'app',
  'cli',
  'core',
  'lint',
  'main',
  'migrations',
  'panel',
  'preload',
  'renderer',
  'server',
  'sqlfiles',
];

/** Outside the engine only `core/index` may be imported; migrations also get their step types and SQL helpers. */
const CORE_ENTRY = {
  migrations: ['!**/core/step-types', '!**/core/sql', '!**/core/json-column', '!**/core/password-hashing'],
  default: ['!**/core/index'],
};

const NO_ELECTRON = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import Electron.',
};
const NO_NODE = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'worker_threads', 'os'],
  message: 'No Node here: this code runs in the page or the sandboxed preload.',
};

function layerRule(folder) {
  const own = folder.split('/').pop();
  const allowed = ALLOWED[folder];
  const patterns = LAYERS.filter((layer) => layer !== own && !allowed.includes(layer)).map((layer) => ({
    group: [`**/${layer}/**`, ...(layer === 'renderer' ? ['**/renderer/*'] : [])],
    message: `${folder} may import only ${[...allowed, 'shared'].join(', ')} (docs/architecture.md).`,
  }));
  if (allowed.includes('core')) {
    patterns.push({
      group: ['**/core/*', ...(CORE_ENTRY[own] ?? CORE_ENTRY.default)],
      message:
        own === 'migrations'
          ? 'Migrations import only the step toolkit from the engine: core/step-types, sql, json-column, password-hashing.'
          : 'Import the engine through electron/core/index.ts only.',
    });
  }
  const usesElectron = folder === 'electron/main' || folder === 'electron/preload';
  if (folder === 'renderer' || folder === 'electron/preload') patterns.push(NO_NODE);
  return ['error', { paths: usesElectron ? [] : [NO_ELECTRON], patterns }];
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', 'release/**', 'bench/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...Object.keys(ALLOWED).map((folder) => ({
    files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
    rules: { 'no-restricted-imports': layerRule(folder) },
  })),
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // ipcMain and ipcRenderer live in exactly two files: the IPC gate and the preload script.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Register IPC only in electron/main/ipc.ts.',
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

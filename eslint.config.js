// The linter holds the architecture's walls: the engine never imports Electron, and only the
// main/preload adapters may touch Electron at all.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    files: [
      'electron/core/**',
      'electron/cli/**',
      'electron/server/**',
      'electron/shared/**',
      'migrations/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The engine must not know it runs in Electron.' }] },
      ],
    },
  },
  {
    // The page runs with no Node: it reaches the engine only through the contract (renderer/src/api.ts).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // A bare 'electron' pattern would match any path segment (gitignore rules), ../electron/shared too.
          paths: [{ name: 'electron', message: 'The renderer talks to the engine only via window.api.' }],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads'],
              message: 'No Node in the renderer.',
            },
            { group: ['electron/*'], message: 'The renderer talks to the engine only via window.api.' },
            {
              group: ['**/electron/core/**', '**/migrations/**'],
              message: 'Import contract types from electron/shared only.',
            },
          ],
        },
      ],
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

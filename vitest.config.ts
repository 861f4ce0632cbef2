import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A poll waits on a migrate, rollback or restore seen through a browser; beside the whole suite
    // on a loaded machine one takes longer than the 1 s default (CI saw a restore miss it).
    expect: { poll: { timeout: 15_000 } },
  },
});

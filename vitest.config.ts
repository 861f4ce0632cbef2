import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, where much of
    // a test's time is spent waiting on a child process, a browser or sqlite3. One per core ran the
    // suite in 299 s instead of 486 s here (CI took 760 s with one, 15 min being the limit).
    maxWorkers: Math.max(2, availableParallelism()),
    // A poll waits on a migrate, rollback or restore seen through a browser; beside the whole suite
    // on a loaded machine one takes longer than the 1 s default (CI saw a restore miss it).
    expect: { poll: { timeout: 15_000 } },
  },
});

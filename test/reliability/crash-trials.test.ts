import { describe, expect, it } from 'vitest';
import { runCrashTrials } from './crash-trials';

describe('crash trials', () => {
  it('a migrate, rollback or restore killed with SIGKILL at a random moment loses no row and leaves no torn file', async () => {
    // Each trial now also starts the panel and runs a PanelDB write after the kill: 12 in CI.
    const summary = await runCrashTrials(Number(process.env.PANELDB_CRASH_TRIALS ?? 12));
    expect(summary.failures).toEqual([]);
    expect(summary.trials).toBeGreaterThanOrEqual(12);
    // The kills must really land mid-operation, not only before it starts or after it ends.
    expect(summary.byState.before + summary.byState.after).toBeGreaterThan(summary.trials / 3);
  }, 900_000);
});

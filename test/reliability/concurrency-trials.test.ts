import { describe, expect, it } from 'vitest';
import { runLiveWriterTrials, runStatusDuringWriteTrials, runWriterPairTrials } from './concurrency-trials';

describe('concurrency trials (CI-sized; the CLI script runs the full counts)', () => {
  it('two writers started 0–150 ms apart: each refuses or succeeds, and no acknowledged result is lost', async () => {
    // In this process (the same lock, without Node start-up per run), two pairings; the CLI
    // script runs all ten as separate processes.
    const summary = await runWriterPairTrials(1, {
      runner: 'engine',
      pairings: [
        ['migrate', 'fix'],
        ['restore', 'rollback'],
      ],
    });
    expect(summary.failures).toEqual([]);
    expect(summary.trials).toBe(2);
  }, 180_000);

  it('status during a migrate disturbs nothing', async () => {
    const summary = await runStatusDuringWriteTrials(2);
    expect(summary.failures).toEqual([]);
  }, 60_000);

  it('a live sqlite3 writer during migrate: a refusal, or every acknowledged row is present', async () => {
    const summary = await runLiveWriterTrials(Number(process.env.PANELDB_LIVE_TRIALS ?? 4));
    expect(summary.failures).toEqual([]);
    expect(summary.trials).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

// `npx tsx test/reliability/concurrency-trials-cli.ts [--pairs 20] [--status 10] [--live 50]`: the
// full counts of the concurrency trials (the test suite runs CI-sized ones).
import {
  runLiveWriterTrials,
  runStatusDuringWriteTrials,
  runWriterPairTrials,
  type ConcurrencySummary,
} from './concurrency-trials';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || Number.isNaN(value) ? fallback : value;
};

const print = (label: string, summary: ConcurrencySummary, ms: number) => {
  console.log(
    `${label}: ${summary.trials} trials in ${(ms / 1000).toFixed(1)} s; both succeeded ${summary.bothSucceeded}; refusals ${JSON.stringify(summary.refusals)}; failures ${summary.failures.length}`,
  );
  for (const failure of summary.failures) console.log(`  ${failure}`);
};

let failures = 0;
for (const [label, run] of [
  [
    'two writers (10 pairings)',
    () =>
      runWriterPairTrials(argument('--pairs', 20), {
        runner: process.argv.includes('--in-process') ? 'engine' : 'cli',
      }),
  ],
  ['status during migrate', () => runStatusDuringWriteTrials(argument('--status', 10))],
  ['live sqlite3 writer', () => runLiveWriterTrials(argument('--live', 50))],
] as const) {
  const count = argument(
    label.startsWith('two') ? '--pairs' : label.startsWith('status') ? '--status' : '--live',
    1,
  );
  if (count === 0) continue;
  const started = Date.now();
  const summary = await run();
  print(label, summary, Date.now() - started);
  failures += summary.failures.length;
}
process.exitCode = failures === 0 ? 0 : 1;

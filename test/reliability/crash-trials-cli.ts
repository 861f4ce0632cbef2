// `npm run crash-trials -- --trials 200 [--seed N]`: prints the counts of a crash-trial run.
import { runCrashTrials } from './crash-trials';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || Number.isNaN(value) ? fallback : value;
};

const trials = argument('--trials', 200);
const seed = argument('--seed', 20261126);
const started = Date.now();
const summary = await runCrashTrials(trials, seed);
console.log(
  `crash trials: ${summary.trials} (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(
  `  killed before the file changed: ${summary.byState.before}; killed with the new file in place: ${summary.byState.after}; finished before the kill: ${summary.byState.finished}`,
);
console.log(`  failures: ${summary.failures.length}`);
for (const failure of summary.failures) console.log(`  ${JSON.stringify(failure)}`);
process.exitCode = summary.failures.length === 0 ? 0 : 1;

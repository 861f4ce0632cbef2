// Crash trials: run `paneldb migrate | rollback | restore` as a child process, SIGKILL it at a random
// moment, and check what is left: the database is byte-identical to the before-state or holds the
// after-state, passes integrity_check, has no stale WAL beside new bytes, and `paneldb status`
// works afterwards without changing anything; then the panel starts (sqlite3 in WAL mode commits a
// row) and PanelDB writes again: no row is lost, the file is not mixed, and it shows the old or new content.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture } from '../fixtures/build';
import { panelStart } from '../support/live-sqlite';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';

export type TrialOperation = 'migrate' | 'rollback' | 'restore';

export interface TrialOutcome {
  operation: TrialOperation;
  fixture: string;
  killedAfterMs: number;
  /** How long the run took when it finished before the kill. */
  ranMs?: number;
  /** What the kill left: the old bytes, the new bytes, or the process had already finished. */
  state: 'before' | 'after' | 'finished';
  problems: string[];
}

const sha256File = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const CONTENT_SQL = 'SELECT id, remark, settings, stream_settings FROM inbounds ORDER BY id;';
const cli = (args: string[]) => spawnSync('node', ['bin/paneldb.js', ...args], { encoding: 'utf8' });

/** A seeded generator, so a failing trial can be replayed. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function prepare(
  operation: TrialOperation,
  fixture: string,
  dir: string,
): Promise<{ path: string; args: string[] }> {
  const path = await buildFixture(fixture, dir);
  if (operation === 'migrate') return { path, args: ['migrate', path] };
  const migrated = cli(['migrate', path, '--json']);
  if (migrated.status !== 0)
    throw new Error(`could not prepare ${fixture}: ${migrated.stdout}${migrated.stderr}`);
  if (operation === 'rollback') return { path, args: ['rollback', path] };
  const backupId = (JSON.parse(migrated.stdout) as { backup: { id: string } }).backup.id;
  return { path, args: ['restore', path, backupId] };
}

/**
 * The content an uninterrupted run leaves, measured on separate copies, and how long the faster of
 * two runs took: one run taken in a slow moment of a loaded machine would aim the kills past the end.
 */
async function referenceAfter(
  operation: TrialOperation,
  fixture: string,
): Promise<{ content: string; ms: number }> {
  const runs: Array<{ content: string; ms: number }> = [];
  for (let run = 0; run < 2; run += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'paneldb-trial-ref-'));
    try {
      const { path, args } = await prepare(operation, fixture, dir);
      const started = Date.now();
      const done = cli(args);
      if (done.status !== 0) throw new Error(`reference ${operation} failed: ${done.stderr}`);
      const ms = Date.now() - started;
      runs.push({ content: JSON.stringify(await sqlite3OnCopy(path, CONTENT_SQL, true)), ms });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const [first, second] = runs as [{ content: string; ms: number }, { content: string; ms: number }];
  if (first.content !== second.content)
    throw new Error(`two ${operation} runs on ${fixture} left different content`);
  return { content: first.content, ms: Math.min(first.ms, second.ms) };
}

async function oneTrial(
  operation: TrialOperation,
  fixture: string,
  killAfterMs: number,
  after: string,
): Promise<TrialOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'paneldb-trial-'));
  const problems: string[] = [];
  try {
    const { path, args } = await prepare(operation, fixture, dir);
    const mainBefore = await sha256File(path);
    const before = JSON.stringify(await sqlite3OnCopy(path, CONTENT_SQL, true));
    const started = Date.now();
    const child = spawn('node', ['bin/paneldb.js', ...args], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const code = await exited;
    clearTimeout(timer);
    const finished = code !== null;
    const ranMs = Date.now() - started;

    const mainNow = await sha256File(path);
    const walBeside = await stat(`${path}-wal`).then(
      () => true,
      () => false,
    );
    const state: TrialOutcome['state'] = finished ? 'finished' : mainNow === mainBefore ? 'before' : 'after';
    if (mainNow !== mainBefore) {
      if (walBeside) problems.push('a WAL sits beside the rewritten file');
      const integrity = sqlite3(path, 'PRAGMA integrity_check;', ['-readonly']).trim();
      if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    }
    // status is read-only: it works, and renames, deletes or chmods nothing.
    const listing = async () =>
      [...(await readdir(join(dir, fixture))), ...(await readdir(`${path}.backups`).catch(() => []))].sort();
    const beforeStatus = await listing();
    const status = cli(['status', path, '--json']);
    if (status.status !== 0) problems.push(`status afterwards failed: ${status.stdout.slice(0, 200)}`);
    if (JSON.stringify(await listing()) !== JSON.stringify(beforeStatus))
      problems.push('status changed files');
    // The panel starts (WAL mode, commits a row), then PanelDB writes (a backup, under its lock).
    panelStart(path, 'panel-start-row');
    const next = cli(['backup', path, '--json']);
    if (next.status !== 0) problems.push(`the next PanelDB write failed: ${next.stdout.slice(0, 200)}`);
    const integrity = JSON.stringify(await sqlite3OnCopy(path, 'PRAGMA integrity_check;', true));
    if (integrity !== JSON.stringify([{ integrity_check: 'ok' }])) problems.push(`mixed file: ${integrity}`);
    const panelRow = await sqlite3OnCopy(
      path,
      "SELECT key FROM settings WHERE key = 'panel-start-row';",
      true,
    );
    if (panelRow.length !== 1) problems.push("the panel's row committed after the crash is lost");
    const content = JSON.stringify(await sqlite3OnCopy(path, CONTENT_SQL, true));
    if (content !== before && content !== after) problems.push('content is neither the old nor the new');
    if (mainNow !== mainBefore && content !== after) problems.push('new bytes without the new content');
    const leftovers = (await listing()).filter((name) => /paneldb-(tmp|save)/.test(name));
    if (leftovers.length > 0) problems.push(`left behind after the next write: ${leftovers.join(', ')}`);
    return {
      operation,
      fixture,
      killedAfterMs: killAfterMs,
      ...(finished ? { ranMs } : {}),
      state,
      problems,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface TrialSummary {
  trials: number;
  byState: Record<TrialOutcome['state'], number>;
  failures: TrialOutcome[];
}

export async function runCrashTrials(trials: number, seed = 20261126): Promise<TrialSummary> {
  const random = randomFrom(seed);
  const plans: Array<{ operation: TrialOperation; fixture: string }> = [
    { operation: 'migrate', fixture: 'f7-wal-uncheckpointed' },
    { operation: 'migrate', fixture: 'f2-tls-variants' },
    { operation: 'rollback', fixture: 'f4-reality-targets' },
    { operation: 'restore', fixture: 'f7-wal-uncheckpointed' },
  ];
  const references = new Map<string, { content: string; ms: number }>();
  for (const plan of plans)
    references.set(`${plan.operation}:${plan.fixture}`, await referenceAfter(plan.operation, plan.fixture));
  const summary: TrialSummary = { trials: 0, byState: { before: 0, after: 0, finished: 0 }, failures: [] };
  let pace = 1;
  for (let index = 0; index < trials; index += 1) {
    const plan = plans[index % plans.length] as (typeof plans)[number];
    const reference = references.get(`${plan.operation}:${plan.fixture}`) as { content: string; ms: number };
    // Start-up dominates a run and nothing is written then: aim most kills at the last part of a
    // normal run (backup, steps, save), some anywhere, a few past its end.
    const share = random() < 0.75 ? 0.55 + random() * 0.6 : random() * 1.2;
    const killAfterMs = Math.round(share * reference.ms * pace);
    const outcome = await oneTrial(plan.operation, plan.fixture, killAfterMs, reference.content);
    summary.trials += 1;
    summary.byState[outcome.state] += 1;
    // A loaded machine (tests beside this one) runs faster or slower than when the references
    // were taken, every operation alike: a run that finished before its kill says at what pace.
    if (outcome.ranMs !== undefined) pace = outcome.ranMs / reference.ms;
    if (outcome.problems.length > 0) summary.failures.push(outcome);
  }
  return summary;
}

// Concurrency trials: PanelDB against everyone else who touches the file, as separate processes.
// - two writers (every pairing of migrate / fix / restore / rollback) started 0–150 ms apart: each
//   either refuses or succeeds, and the final file is what the successful ones give run one after
//   the other (no acknowledged result is thrown away);
// - `status` run again and again during a write: the write still succeeds and leaves no stale -wal;
// - a live sqlite3 writer committing every 0.05 / 0.5 / 2 s (a connection kept open, as the panel
//   keeps it, or one process per commit): migrate refuses, or every acknowledged row is present.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { openLive, type LiveConnection } from '../support/live-sqlite';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';
import { randomFrom } from './crash-trials';

export type WriteOp = 'migrate' | 'fix' | 'restore' | 'rollback';
const FIXTURE = 'f3-xhttp-without-flow';
const FIX_ID = 'xray.vision-xhttp-without-encryption';
const STATE_SQL = [
  'SELECT id, settings, stream_settings FROM inbounds ORDER BY id;',
  // On a copy: a restored pre-PanelDB backup has no history table, which is a state of its own.
  'CREATE TABLE IF NOT EXISTS paneldb_history (id INTEGER PRIMARY KEY, version, direction); SELECT version, direction FROM paneldb_history ORDER BY id;',
];

interface Run {
  code: number | null;
  stdout: string;
}

/**
 * How an op is run: as its own `paneldb` process (the real thing), or through the engine in this
 * process (the same lock and checks, without ~1 s of Node start-up per run: the CI-sized trials).
 */
export type Runner = 'cli' | 'engine';
let runner: Runner = 'cli';

async function inEngine(args: string[]): Promise<Run> {
  const [command, path = '', ...rest] = args;
  const backupDir = rest[rest.indexOf('--backup-dir') + 1];
  const engine = createPanelEngine({
    dbPath: path,
    backupDir: rest.includes('--backup-dir') ? backupDir : undefined,
  });
  const result =
    command === 'migrate'
      ? await engine.migrate(rest[0] === '--to' ? { to: Number(rest[1]) } : {})
      : command === 'fix'
        ? await engine.applyFix(rest[0] ?? '')
        : command === 'restore'
          ? await engine.restoreBackup(rest[0] ?? '')
          : command === 'rollback'
            ? await engine.rollBack()
            : await engine.getStatus();
  return result.ok
    ? { code: 0, stdout: JSON.stringify(result.value) }
    : { code: exitCodeFor(result.error.code), stdout: JSON.stringify({ error: result.error }) };
}

function cli(args: string[]): Promise<Run> {
  if (runner === 'engine') return inEngine(args);
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/paneldb.js', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

const errorCodeOf = (run: Run) => {
  try {
    return (JSON.parse(run.stdout) as { error?: { code: string } }).error?.code ?? null;
  } catch {
    return null;
  }
};

/** A file with something for every op to do: step 4 pending, step 3 undoable, a backup, a fix finding. */
async function prepare(dir: string): Promise<{ path: string; backupId: string }> {
  const path = await buildFixture(FIXTURE, dir);
  const run = await cli(['migrate', path, '--to', '3', '--json']);
  if (run.code !== 0) throw new Error(`prepare failed: ${run.stdout}`);
  return { path, backupId: (JSON.parse(run.stdout) as { backup: { id: string } }).backup.id };
}

const argsFor = (op: WriteOp, path: string, backupId: string): string[] =>
  ({
    migrate: ['migrate', path, '--json'],
    fix: ['fix', path, FIX_ID, '--json'],
    restore: ['restore', path, backupId, '--json'],
    rollback: ['rollback', path, '--json'],
  })[op];

const stateOf = async (path: string) =>
  JSON.stringify(await Promise.all(STATE_SQL.map((sql) => sqlite3OnCopy(path, sql, true))));

/** The state the ops give run one after the other on a copy of `start`, or null if one of them fails. */
async function sequential(
  start: string,
  backupDir: string,
  ops: WriteOp[],
  backupId: string,
): Promise<string | null> {
  const dir = await mkdtemp(join(tmpdir(), 'paneldb-seq-'));
  try {
    const path = join(dir, 'x-ui.db');
    await copyFile(start, path);
    for (const op of ops) {
      const args = [...argsFor(op, path, backupId), '--backup-dir', backupDir];
      if ((await cli(args)).code !== 0) return null;
    }
    // Awaited here: the folder is removed in `finally` only once the state has been read from it.
    return await stateOf(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ConcurrencySummary {
  trials: number;
  bothSucceeded: number;
  refusals: Record<string, number>;
  failures: string[];
}

const emptySummary = (): ConcurrencySummary => ({ trials: 0, bothSucceeded: 0, refusals: {}, failures: [] });
const countRefusal = (summary: ConcurrencySummary, code: string | null) => {
  const key = code ?? 'exit-without-json';
  summary.refusals[key] = (summary.refusals[key] ?? 0) + 1;
};
const REFUSALS = new Set(['DATABASE_LOCKED', 'DATABASE_IN_USE', 'FILE_CHANGED_ON_DISK', 'ROLLBACK_REFUSED']);

export const PAIRINGS: Array<[WriteOp, WriteOp]> = [
  ['migrate', 'fix'],
  ['migrate', 'restore'],
  ['migrate', 'rollback'],
  ['fix', 'restore'],
  ['fix', 'rollback'],
  ['restore', 'rollback'],
  ['migrate', 'migrate'],
  ['fix', 'fix'],
  ['restore', 'restore'],
  ['rollback', 'rollback'],
];

export async function runWriterPairTrials(
  perPairing: number,
  options: { runner?: Runner; pairings?: Array<[WriteOp, WriteOp]>; seed?: number } = {},
): Promise<ConcurrencySummary> {
  runner = options.runner ?? 'cli';
  const random = randomFrom(options.seed ?? 7);
  const summary = emptySummary();
  for (const [a, b] of options.pairings ?? PAIRINGS) {
    const refDir = await mkdtemp(join(tmpdir(), 'paneldb-pair-ref-'));
    try {
      const { path: start, backupId } = await prepare(refDir);
      const backupDir = `${start}.backups`;
      const allowed = {
        none: [await stateOf(start)],
        a: [await sequential(start, backupDir, [a], backupId)],
        b: [await sequential(start, backupDir, [b], backupId)],
        both: [
          await sequential(start, backupDir, [a, b], backupId),
          await sequential(start, backupDir, [b, a], backupId),
        ],
      };
      for (let index = 0; index < perPairing; index += 1) {
        const dir = await mkdtemp(join(tmpdir(), 'paneldb-pair-'));
        try {
          const path = join(dir, 'x-ui.db');
          await copyFile(start, path);
          const args = (op: WriteOp) => [...argsFor(op, path, backupId), '--backup-dir', backupDir];
          const delay = Math.round(random() * 150);
          const first = cli(args(a));
          await new Promise((resolve) => setTimeout(resolve, delay));
          const [runA, runB] = await Promise.all([first, cli(args(b))]);
          summary.trials += 1;
          for (const run of [runA, runB]) if (run.code !== 0) countRefusal(summary, errorCodeOf(run));
          const okA = runA.code === 0;
          const okB = runB.code === 0;
          if (okA && okB) summary.bothSucceeded += 1;
          const unexpected = [runA, runB].filter(
            (run) => run.code !== 0 && !REFUSALS.has(errorCodeOf(run) ?? ''),
          );
          const final = await stateOf(path);
          const key = okA && okB ? 'both' : okA ? 'a' : okB ? 'b' : 'none';
          const integrity = sqlite3(path, 'PRAGMA integrity_check;', ['-readonly']).trim();
          if (!allowed[key].includes(final) || integrity !== 'ok' || unexpected.length > 0)
            summary.failures.push(
              `${a}+${b} (${delay} ms): ${key} succeeded, final state ${allowed[key].includes(final) ? 'as expected' : 'LOST A RESULT'}, integrity ${integrity}, errors ${unexpected.map((run) => run.stdout.slice(0, 160)).join(' | ')}`,
            );
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    } finally {
      await rm(refDir, { recursive: true, force: true });
    }
  }
  return summary;
}

/** `status` over and over while a migrate runs: read-only, so the migrate is never disturbed. */
export async function runStatusDuringWriteTrials(trials: number): Promise<ConcurrencySummary> {
  const summary = emptySummary();
  for (let index = 0; index < trials; index += 1) {
    const dir = await mkdtemp(join(tmpdir(), 'paneldb-status-'));
    try {
      const path = await buildFixture('f7-wal-uncheckpointed', dir);
      const migrate = cli(['migrate', path, '--json']);
      let done = false;
      void migrate.then(() => (done = true));
      const statuses: Run[] = [];
      while (!done) statuses.push(await cli(['status', path, '--json']));
      const run = await migrate;
      summary.trials += 1;
      const walBeside = await stat(`${path}-wal`).then(
        () => true,
        () => false,
      );
      const bad = statuses.filter((status) => status.code !== 0);
      if (run.code !== 0 || walBeside || bad.length > 0)
        summary.failures.push(
          `status×${statuses.length} during migrate: migrate exit ${run.code} ${errorCodeOf(run) ?? ''}, wal beside ${walBeside}, failed statuses ${bad.length}`,
        );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return summary;
}

/** A panel committing a row every `intervalMs` while migrate runs: a refusal, or every acknowledged row is there. */
export async function runLiveWriterTrials(trials: number, seed = 11): Promise<ConcurrencySummary> {
  const random = randomFrom(seed);
  const intervals = [50, 500, 2000];
  const summary = emptySummary();
  for (let index = 0; index < trials; index += 1) {
    const intervalMs = intervals[index % intervals.length] as number;
    const perCommitProcess = index % 2 === 1; // half keep a connection open, half open one per commit
    const dir = await mkdtemp(join(tmpdir(), 'paneldb-live-'));
    let live: LiveConnection | null = null;
    try {
      const path = await buildFixture('f2-tls-variants', dir);
      if (!perCommitProcess) live = await openLive(path);
      const acknowledged: string[] = [];
      let stop = false;
      const commit = async (key: string) => {
        const sql = `INSERT INTO settings(key, value) VALUES('${key}', 'v');`;
        if (live !== null) await live.run(sql);
        else sqlite3(path, `.timeout 2000\n${sql}`);
        acknowledged.push(key);
      };
      const writer = (async () => {
        for (let n = 0; !stop; n += 1) {
          await commit(`live-${n}`).catch(() => undefined); // a commit refused for a busy lock is not acknowledged
          await new Promise((resolve) => setTimeout(resolve, intervalMs * (0.5 + random())));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, random() * Math.min(intervalMs, 500)));
      const run = await cli(['migrate', path, '--json']);
      stop = true;
      await writer;
      await commit('after-migrate').catch(() => undefined);
      await live?.close();
      live = null;
      summary.trials += 1;
      if (run.code !== 0) countRefusal(summary, errorCodeOf(run));
      const present = new Set(
        (
          await sqlite3OnCopy(
            path,
            "SELECT key FROM settings WHERE key LIKE 'live-%' OR key = 'after-migrate';",
            true,
          )
        ).map((row) => String(row.key)),
      );
      const lost = acknowledged.filter((key) => !present.has(key));
      const integrity = sqlite3(path, 'PRAGMA integrity_check;', ['-readonly']).trim();
      const refusedAsExpected = run.code !== 0 && REFUSALS.has(errorCodeOf(run) ?? '');
      if (lost.length > 0 || integrity !== 'ok' || (run.code !== 0 && !refusedAsExpected))
        summary.failures.push(
          `live writer every ${intervalMs} ms (${perCommitProcess ? 'process per commit' : 'connection kept open'}): migrate exit ${run.code} ${errorCodeOf(run) ?? ''}, ${lost.length} of ${acknowledged.length} acknowledged rows lost, integrity ${integrity}`,
        );
    } finally {
      await live?.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return summary;
}

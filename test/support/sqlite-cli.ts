// The native sqlite3 CLI is the reference implementation in tests: it builds WAL pairs the way a
// live panel leaves them, and it tells us what SQLite itself sees in a file.
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs SQL through the sqlite3 CLI and returns its stdout (list mode, '|' separators). */
export function sqlite3(dbPath: string, sql: string, args: string[] = []): string {
  return execFileSync('sqlite3', ['-batch', ...args, dbPath], { input: sql, encoding: 'utf8' });
}

/** Runs a query through the sqlite3 CLI and returns its rows as JSON objects. */
export function sqlite3Json(dbPath: string, sql: string): Record<string, unknown>[] {
  const out = sqlite3(dbPath, sql, ['-json']).trim();
  return out === '' ? [] : (JSON.parse(out) as Record<string, unknown>[]);
}

/** Reads a copy, so the CLI's own checkpoint-on-close cannot change the file under test. */
export async function sqlite3OnCopy(
  dbPath: string,
  sql: string,
  withWal: boolean,
): Promise<Record<string, unknown>[]> {
  const dir = await mkdtemp(join(tmpdir(), 'paneldb-ref-'));
  try {
    const copy = join(dir, 'copy.db');
    await copyFile(dbPath, copy);
    if (withWal) await copyFile(`${dbPath}-wal`, `${copy}-wal`).catch(() => undefined);
    return sqlite3Json(copy, sql);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface WalPairSpec {
  /** Runs in WAL mode and is checkpointed into the main file. */
  checkpointedSql: string;
  /** Committed after the checkpoint: lives only in the -wal file. */
  walOnlySql: string;
  /** Started after walOnlySql and never committed (an open transaction's frames, if any spill). */
  uncommittedSql?: string;
  pageSize?: number;
}

/**
 * Runs `script` in one sqlite3 process on `live` and, once it has printed the ready marker, calls
 * `copy` while that process still holds the database open (closing it would checkpoint and delete
 * the WAL). The process is then killed, so nothing checkpoints afterwards.
 */
export async function copyWhileOpen(
  live: string,
  script: string,
  copy: () => Promise<void>,
  timeoutMs = 20_000,
): Promise<void> {
  const child = spawn('sqlite3', ['-batch', live], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    child.stdin.write(`${script}\n.print __PANELDB_READY__\n`);
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (stdout.includes('__PANELDB_READY__')) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`sqlite3 did not build the WAL pair: ${stderr || 'timeout'}`));
        }
      }, 5);
    });
    if (stderr.trim() !== '') throw new Error(`sqlite3 reported: ${stderr.trim()}`);
    await copy();
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Makes `<target>` + `<target>-wal` exactly as a running panel leaves them: one sqlite3 process
 * keeps the database open with auto-checkpoint off, and both files are copied while it still runs.
 */
export async function makeWalPair(target: string, spec: WalPairSpec): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paneldb-walpair-'));
  const live = join(dir, 'live.db');
  const script = [
    spec.pageSize === undefined ? '' : `PRAGMA page_size=${spec.pageSize};`,
    'PRAGMA journal_mode=WAL;',
    'PRAGMA wal_autocheckpoint=0;',
    spec.checkpointedSql,
    'PRAGMA wal_checkpoint(TRUNCATE);',
    spec.walOnlySql,
    spec.uncommittedSql === undefined ? '' : `BEGIN;\n${spec.uncommittedSql}`,
  ].join('\n');
  try {
    await copyWhileOpen(live, script, async () => {
      await copyFile(live, target);
      await copyFile(`${live}-wal`, `${target}-wal`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

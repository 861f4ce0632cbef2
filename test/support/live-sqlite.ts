// A real SQLite process on a test file, the way a running panel holds x-ui.db: one sqlite3 CLI
// connection kept open (stdin stays open), optionally in WAL mode, committing when told to.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { sqlite3 } from './sqlite-cli';

export interface LiveConnection {
  readonly pid: number;
  /** Runs SQL and resolves once sqlite3 has finished it (an error rejects). */
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

let marker = 0;

export async function openLive(
  dbPath: string,
  setupSql = 'PRAGMA journal_mode=WAL;',
): Promise<LiveConnection> {
  const child: ChildProcessWithoutNullStreams = spawn('sqlite3', ['-batch', '-bail', dbPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => {
      marker += 1;
      const tag = `__LIVE_${marker}__`;
      child.stdin.write(`${sql}\n.print ${tag}\n`);
      const poll = setInterval(() => {
        if (stderr.trim() !== '') {
          clearInterval(poll);
          const text = stderr;
          stderr = '';
          reject(new Error(`sqlite3: ${text.trim()}`));
        } else if (stdout.includes(tag)) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error('sqlite3 exited'));
        }
      }, 2);
    });
  // busy_timeout: a commit waits for another writer's lock instead of failing at once.
  await run(`.timeout 2000\n${setupSql}`);
  return {
    pid: child.pid ?? -1,
    run,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** "The panel starts": sqlite3 opens the file in WAL mode, commits a row, closes (checkpointing). */
export function panelStart(dbPath: string, key: string): void {
  sqlite3(
    dbPath,
    `.timeout 2000\nPRAGMA journal_mode=WAL;\nINSERT INTO settings(key, value) VALUES('${key}', 'v');`,
  );
}

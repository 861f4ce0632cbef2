// Who else has the database open? A running panel keeps x-ui.db, its -wal and -shm open; replacing
// the file under it loses every row it commits afterwards (they go into the replaced inode). So a
// write looks, before it starts and again right before the rename:
//   Linux: /proc/locks (SQLite's POSIX locks, by device and inode) and /proc/<pid>/fd (every open
//   file, by device and inode, so a rename or a symlinked path cannot hide it);
//   macOS: `lsof -F pc` when it is installed;
//   Windows: SQLite's open handle makes the rename fail with EBUSY/EPERM (see save.ts).
// Our own process is skipped: PanelDB reads the file into memory and holds no descriptor for long.
import { execFile } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { shmPathOf, walPathOf } from './database';
import { EngineError } from './engine-error';
import { message, ref } from '../shared/i18n';

export interface FileHolder {
  pid: number;
  /** The process name (/proc/<pid>/comm, lsof's command); null when it cannot be read. */
  name: string | null;
}

interface Identity {
  dev: number;
  ino: number;
}

async function identities(dbPath: string): Promise<Identity[]> {
  const found: Identity[] = [];
  for (const path of [dbPath, walPathOf(dbPath), shmPathOf(dbPath)]) {
    // lstat: a link named like a sidecar is not the sidecar (and is refused elsewhere).
    const stat = await nodeFs.lstat(path).catch(() => null);
    if (stat !== null && stat.isFile()) found.push({ dev: stat.dev, ino: stat.ino });
  }
  return found;
}

/** Linux's dev_t as /proc/locks prints it: `MAJ:MIN` in hex (glibc's major()/minor() encoding). */
function majorMinor(dev: number): string {
  const high = Math.floor(dev / 2 ** 32);
  const major = ((Math.floor(dev / 256) & 0xfff) | (high & ~0xfff)) >>> 0;
  const minor = ((dev & 0xff) | (Math.floor(dev / 4096) & ~0xff)) >>> 0;
  const hex = (value: number) => value.toString(16).padStart(2, '0');
  return `${hex(major)}:${hex(minor)}`;
}

async function fromProcLocks(targets: Identity[]): Promise<number[]> {
  const text = await nodeFs.readFile('/proc/locks', 'utf8').catch(() => '');
  const wanted = new Set(targets.map((target) => `${majorMinor(target.dev)}:${target.ino}`));
  const pids: number[] = [];
  for (const line of text.split('\n')) {
    // "1: POSIX  ADVISORY  READ 812 fd:01:1234567 128 128" (a blocked waiter line starts with "->").
    const fields = line.replace('->', '').trim().split(/\s+/);
    const pid = Number(fields[4]);
    const where = fields[5];
    if (where !== undefined && wanted.has(where.toLowerCase()) && Number.isInteger(pid) && pid > 0)
      pids.push(pid);
  }
  return pids;
}

async function fromProcFds(targets: Identity[]): Promise<number[]> {
  const entries = await nodeFs.readdir('/proc').catch(() => [] as string[]);
  const pids = entries.filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid);
  // Every lookup is asked at once: one awaited at a time waited a thread-pool round trip per open
  // file (~110 ms for ~450 files on a quiet desktop; status paid it on every open).
  const holding = await Promise.all(
    pids.map(async (pid) => {
      const fdDir = join('/proc', pid, 'fd');
      // Another user's process is unreadable unless we are root: /proc/locks still sees its locks.
      const fds = await nodeFs.readdir(fdDir).catch(() => [] as string[]);
      const opened = await Promise.all(
        // stat follows the /proc magic link to the open file itself, even if it was renamed.
        fds.map((fd) => nodeFs.stat(join(fdDir, fd)).catch(() => null)),
      );
      return opened.some(
        (stat) =>
          stat !== null && targets.some((target) => target.dev === stat.dev && target.ino === stat.ino),
      );
    }),
  );
  return pids.filter((_pid, index) => holding[index] === true).map(Number);
}

function fromLsof(dbPath: string): Promise<FileHolder[]> {
  const paths = [dbPath, walPathOf(dbPath), shmPathOf(dbPath)];
  return new Promise((resolve) => {
    execFile('lsof', ['-F', 'pc', '--', ...paths], { timeout: 5000 }, (_error, stdout) => {
      // lsof exits 1 when some named file is not open (or does not exist): its output still counts.
      const holders: FileHolder[] = [];
      let current: FileHolder | null = null;
      for (const line of String(stdout ?? '').split('\n')) {
        if (line.startsWith('p')) {
          current = { pid: Number(line.slice(1)), name: null };
          if (Number.isInteger(current.pid) && current.pid !== process.pid) holders.push(current);
        } else if (line.startsWith('c') && current !== null) current.name = line.slice(1);
      }
      resolve(holders);
    });
  });
}

async function processName(pid: number): Promise<string | null> {
  const name = await nodeFs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => null);
  return name === null ? null : name.trim() || null;
}

/** The other processes that have the database, its -wal or its -shm open (or locked) right now. */
export async function findFileHolders(dbPath: string): Promise<FileHolder[]> {
  if (process.platform === 'darwin') return fromLsof(dbPath);
  if (process.platform !== 'linux') return [];
  const targets = await identities(dbPath);
  if (targets.length === 0) return [];
  const pids = new Set([...(await fromProcLocks(targets)), ...(await fromProcFds(targets))]);
  pids.delete(process.pid);
  const holders: FileHolder[] = [];
  for (const pid of [...pids].sort((a, b) => a - b)) holders.push({ pid, name: await processName(pid) });
  return holders;
}

export function inUseError(dbPath: string, holders: FileHolder[]): EngineError {
  return new EngineError(
    'DATABASE_IN_USE',
    message(
      'err.inUse',
      { path: dbPath },
      {
        holders: holders.map((holder) =>
          holder.name === null
            ? ref(message('err.holder.unnamed', { pid: holder.pid }))
            : ref(message('err.holder.named', { name: holder.name, pid: holder.pid })),
        ),
      },
    ),
    undefined,
    { action: 'stop-panel', holders },
  );
}

/**
 * Refuses when another process holds the file. A reader that opens it for a moment (another
 * PanelDB's `status`, a backup tool) is not a panel: a holder only counts when it is still there
 * on a second look ~100 ms later. A panel keeps its connection open for its whole life.
 */
export async function assertNotInUse(dbPath: string, settleMs = 100): Promise<void> {
  const first = await findFileHolders(dbPath);
  if (first.length === 0) return;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const again = await findFileHolders(dbPath);
  const still = again.filter((holder) => first.some((seen) => seen.pid === holder.pid));
  if (still.length > 0) throw inUseError(dbPath, still);
}

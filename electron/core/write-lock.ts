// One writer at a time. Every write holds this lock for its whole load → check → write → rename.
// Node has no OS-level advisory lock without a native module (no flock/fcntl in core), so the lock
// is a file created with O_EXCL ('wx') in PanelDB's private backup folder, holding who took it. A
// holder that no longer runs (its pid is gone, or reused by a later process) is stale and is taken
// over, with a note. Taking over goes through a second O_EXCL file so two processes that both find
// the same stale lock cannot both win.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { defaultBackupDir } from './backup-dir';
import { EngineError, osErrorCode } from './engine-error';
import type { FileSystem } from './file-system';
import { readRegular } from './no-follow';
import { tagOf } from './save-intent';
import { message, type KeyedText } from '../shared/i18n';

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  host: string;
  /** The holder's start time (Linux /proc/<pid>/stat field 22): tells a reused pid apart. */
  start: string | null;
  token: string;
}

export interface WriteLock {
  readonly path: string;
  /** Throws DATABASE_LOCKED unless the lock file is still this lock (checked right before a rename). */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** Locks this process holds now; a lock file naming our pid with another token is a dead operation's. */
const heldHere = new Set<string>();

/**
 * Per database, and in the same place whichever backup folder a write uses: the real file's own
 * private folder (`<db>.backups`, where backups go by default). A lock in the chosen backup folder
 * would let two writers with different `--backup-dir` both write. That folder is refused when
 * another user owns it or it is wider than 0700, so another user's PanelDB is refused there too.
 */
export function lockDirOf(dbRealPath: string): string {
  return defaultBackupDir(dbRealPath);
}

export function lockPathOf(dbRealPath: string): string {
  return join(lockDirOf(dbRealPath), `${basename(dbRealPath)}.${tagOf(dbRealPath)}.paneldb-lock`);
}

async function startTimeOf(pid: number): Promise<string | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (text === null) return null;
  // The name (field 2) may contain spaces and parentheses: count fields after the last ')'.
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

async function isAlive(holder: LockHolder): Promise<boolean> {
  if (holder.host !== hostname()) return true; // another machine's process: we cannot tell, so it holds
  if (holder.pid === process.pid) return heldHere.has(holder.token);
  try {
    process.kill(holder.pid, 0);
  } catch (thrown) {
    if (osErrorCode(thrown) === 'ESRCH') return false;
  }
  const start = holder.start === null ? null : await startTimeOf(holder.pid);
  return start === null || start === holder.start;
}

async function readHolder(path: string, fs: FileSystem): Promise<LockHolder | 'unreadable' | null> {
  const bytes = await readRegular(path, fs).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT') return null;
    throw thrown;
  });
  if (bytes === null) return null;
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.token === 'string')
      return {
        pid: value.pid,
        command: String(value.command ?? '?'),
        since: String(value.since ?? '?'),
        host: String(value.host ?? '?'),
        start: typeof value.start === 'string' ? value.start : null,
        token: value.token,
      };
  } catch {
    // fall through
  }
  return 'unreadable';
}

function lockedError(dbPath: string, holder: LockHolder): EngineError {
  return new EngineError(
    'DATABASE_LOCKED',
    message('err.lock.held', {
      path: dbPath,
      command: holder.command,
      pid: holder.pid,
      host: holder.host,
      since: holder.since,
    }),
    undefined,
    {
      action: 'wait-for-writer',
      holder: { pid: holder.pid, command: holder.command, since: holder.since, host: holder.host },
    },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock or throws DATABASE_LOCKED. `notes` receives a line when a stale lock was taken over. */
export async function acquireWriteLock(
  dbPath: string,
  lockPath: string,
  command: string,
  fs: FileSystem,
  notes: KeyedText[],
  now: () => Date = () => new Date(),
): Promise<WriteLock> {
  const mine: LockHolder = {
    pid: process.pid,
    command,
    since: now().toISOString(),
    host: hostname(),
    start: await startTimeOf(process.pid),
    token: randomBytes(12).toString('hex'),
  };
  let waitedMs = 0;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const handle = await fs.open(lockPath, 'wx', 0o600).catch((thrown: unknown) => {
      if (osErrorCode(thrown) === 'EEXIST') return null;
      throw new EngineError(
        'BACKUP_DIR_UNWRITABLE',
        message('err.lock.cannotCreate', { path: lockPath }),
        String(thrown),
      );
    });
    if (handle !== null) {
      try {
        await handle.writeFile(JSON.stringify(mine));
        await handle.sync();
      } catch (thrown) {
        await handle.close().catch(() => undefined);
        await fs.rm(lockPath, { force: true }).catch(() => undefined);
        throw new EngineError(
          'WRITE_FAILED',
          message('err.lock.cannotWrite', { path: lockPath }),
          String(thrown),
        );
      }
      await handle.close();
      heldHere.add(mine.token);
      return lockFor(dbPath, lockPath, mine, fs);
    }
    const holder = await readHolder(lockPath, fs);
    if (holder === null) continue; // released meanwhile
    if (holder === 'unreadable') {
      // Just created and not yet written by its holder, or left empty by a crash at that moment.
      // A live holder writes its few bytes within milliseconds: still empty after a second, it is dead.
      if (waitedMs < 1000) {
        await sleep(50);
        waitedMs += 50;
        continue;
      }
    } else if (await isAlive(holder)) {
      throw lockedError(dbPath, holder);
    }
    await takeOver(lockPath, holder, fs, notes);
  }
  throw new EngineError('DATABASE_LOCKED', message('err.lock.busy', { path: dbPath }));
}

async function takeOver(
  lockPath: string,
  seen: LockHolder | 'unreadable',
  fs: FileSystem,
  notes: KeyedText[],
): Promise<void> {
  const guard = `${lockPath}.takeover`;
  const handle = await fs.open(guard, 'wx', 0o600).catch(() => null);
  if (handle === null) {
    // Someone else is taking over; a guard left by a crash in that instant expires.
    const stat = await fs.lstat(guard).catch(() => null);
    if (stat !== null && Date.now() - stat.mtimeMs > 30_000) await fs.rm(guard, { force: true });
    await sleep(20);
    return;
  }
  await handle.close();
  try {
    // Still the same stale lock? Then nobody else replaced it since we looked.
    const again = await readHolder(lockPath, fs);
    const same =
      again === seen ||
      (again !== null && again !== 'unreadable' && seen !== 'unreadable' && again.token === seen.token);
    if (same) {
      await fs.rm(lockPath, { force: true });
      notes.push(
        seen === 'unreadable'
          ? message('safety.lockUnreadable', { path: lockPath })
          : message('safety.lockStale', { command: seen.command, pid: seen.pid, since: seen.since }),
      );
    }
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function lockFor(dbPath: string, lockPath: string, mine: LockHolder, fs: FileSystem): WriteLock {
  return {
    path: lockPath,
    async assertHeld() {
      const holder = await readHolder(lockPath, fs).catch(() => null);
      if (holder === null || holder === 'unreadable' || holder.token !== mine.token) {
        if (holder !== null && holder !== 'unreadable') throw lockedError(dbPath, holder);
        throw new EngineError('DATABASE_LOCKED', message('err.lock.lost', { path: dbPath }));
      }
    },
    async release() {
      heldHere.delete(mine.token);
      const holder = await readHolder(lockPath, fs).catch(() => null);
      if (holder !== null && holder !== 'unreadable' && holder.token === mine.token)
        await fs.rm(lockPath, { force: true }).catch(() => undefined);
    },
  };
}

// The record of a save in progress, and putting things right after a crash. The record lives only in
// PanelDB's private backup folder (never beside the database, where anyone who can write the folder
// could plant one), names only the database's own siblings by their fixed name patterns, and carries
// the hashes that tell what state a crash left. Recovery runs only under the write lock; a read-only
// command only describes what it finds.
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { sha256OfFile, walPathOf } from './database';
import { osErrorCode, osErrorText } from './engine-error';
import type { FileSystem } from './file-system';
import { lstatRegular, readRegular } from './no-follow';
import { message, ref, type KeyedText } from '../shared/i18n';

export interface SaveIntent {
  format: 'paneldb-save/2';
  /** The database's real path. */
  target: string;
  /** The temp file's name beside the target (a name, never a path). */
  temp: string;
  original_sha256: string;
  new_sha256: string;
  /** The -wal moved into the backup folder: its name there and its hash. */
  wal: { aside: string; sha256: string } | null;
  shm_aside: string | null;
  /** The verified backup taken before this save, if the caller made one. */
  backup: string | null;
  started: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const tagOf = (dbRealPath: string) =>
  createHash('sha256').update(dbRealPath).digest('hex').slice(0, 12);
export const saveIntentPathOf = (dbRealPath: string, backupDir: string) =>
  join(backupDir, `${basename(dbRealPath)}.${tagOf(dbRealPath)}.paneldb-save.json`);
/** `.<name>.<12 hex>.paneldb-tmp`: the only temp name PanelDB writes beside a file. */
export const tempNamePattern = (name: string) =>
  new RegExp(`^\\.${escape(name)}\\.[0-9a-f]{12}\\.paneldb-tmp$`);
export const asideNamePattern = (name: string, suffix: '-wal' | '-shm') =>
  new RegExp(`^${escape(name)}${suffix}\\.[0-9TZ-]+\\.moved-aside$`);

type Parsed = { intent: SaveIntent } | { problem: KeyedText };

function validate(text: string, target: string): Parsed {
  let value: Partial<SaveIntent>;
  try {
    value = JSON.parse(text) as Partial<SaveIntent>;
  } catch {
    return { problem: message('saveProblem.notJson') };
  }
  if (typeof value !== 'object' || value === null || value.format !== 'paneldb-save/2')
    return { problem: message('saveProblem.notRecord') };
  if (value.target !== target)
    return { problem: message('saveProblem.otherDatabase', { target: String(value.target) }) };
  const name = basename(target);
  const hex = /^[0-9a-f]{64}$/;
  if (typeof value.temp !== 'string' || !tempNamePattern(name).test(value.temp))
    return { problem: message('saveProblem.tempName', { name: String(JSON.stringify(value.temp)) }) };
  if (typeof value.original_sha256 !== 'string' || !hex.test(value.original_sha256))
    return { problem: message('saveProblem.originalHash') };
  if (typeof value.new_sha256 !== 'string' || !hex.test(value.new_sha256))
    return { problem: message('saveProblem.newHash') };
  const wal = value.wal ?? null;
  if (
    wal !== null &&
    (typeof wal.aside !== 'string' ||
      !asideNamePattern(name, '-wal').test(wal.aside) ||
      typeof wal.sha256 !== 'string' ||
      !hex.test(wal.sha256))
  )
    return { problem: message('saveProblem.walName', { name: String(JSON.stringify(wal.aside)) }) };
  const shm = value.shm_aside ?? null;
  if (shm !== null && (typeof shm !== 'string' || !asideNamePattern(name, '-shm').test(shm)))
    return { problem: message('saveProblem.shmName', { name: String(JSON.stringify(shm)) }) };
  return {
    intent: {
      format: 'paneldb-save/2',
      target,
      temp: value.temp,
      original_sha256: value.original_sha256,
      new_sha256: value.new_sha256,
      wal,
      shm_aside: shm,
      backup: typeof value.backup === 'string' ? value.backup : null,
      started: String(value.started ?? '?'),
    },
  };
}

async function readIntent(target: string, backupDir: string, fs: FileSystem): Promise<Parsed | null> {
  const path = saveIntentPathOf(target, backupDir);
  try {
    return validate((await readRegular(path, fs)).toString('utf8'), target);
  } catch (thrown) {
    if (osErrorCode(thrown) === 'ENOENT') return null;
    return { problem: message('saveProblem.unreadable', { reason: osErrorText(thrown) }) };
  }
}

const ignored = (path: string, problem: KeyedText) =>
  message('safety.recordIgnored', { path }, { problem: [ref(problem)] });

/** Read-only: what an interrupted save left, for `status`. Never moves, deletes or chmods anything. */
export async function describeInterruptedSave(
  target: string,
  backupDir: string,
  fs: FileSystem,
): Promise<KeyedText | null> {
  const parsed = await readIntent(target, backupDir, fs);
  if (parsed === null) return null;
  const path = saveIntentPathOf(target, backupDir);
  if ('problem' in parsed) return ignored(path, parsed.problem);
  const { intent } = parsed;
  const wal =
    intent.wal === null
      ? []
      : [{ key: 'warning.walKeptAt', params: { path: join(backupDir, intent.wal.aside) } }];
  return message('warning.interruptedSave', { started: intent.started }, { wal });
}

/** Under the write lock: finishes or undoes an interrupted save, moving only what the hashes prove safe. */
export async function recoverInterruptedSave(
  target: string,
  backupDir: string,
  fs: FileSystem,
  notes: KeyedText[],
): Promise<void> {
  const path = saveIntentPathOf(target, backupDir);
  const parsed = await readIntent(target, backupDir, fs);
  if (parsed === null) return;
  if ('problem' in parsed) {
    notes.push(ignored(path, parsed.problem));
    return;
  }
  const { intent } = parsed;
  const current = await sha256OfFile(target, fs).catch(() => null);
  const temp = join(dirname(target), intent.temp);
  const walAside = intent.wal === null ? null : join(backupDir, intent.wal.aside);
  const backup =
    intent.backup === null ? [] : [{ key: 'safety.backupBefore', params: { backup: intent.backup } }];
  const started = intent.started;
  if (current !== null && current.sha256 === intent.new_sha256) {
    notes.push(message('safety.saveCompleted', { started }));
  } else if (current !== null && current.sha256 === intent.original_sha256) {
    const walBeside = await fs.lstat(walPathOf(target)).catch(() => null);
    if (walAside === null || intent.wal === null) {
      notes.push(message('safety.saveNotReplaced', { started }));
    } else if (walBeside !== null) {
      notes.push(message('safety.saveWalBeside', { started, aside: walAside }, { backup }));
    } else {
      const aside = await sha256Regular(walAside, fs);
      if (aside === intent.wal.sha256) {
        await fs.rename(walAside, walPathOf(target));
        notes.push(message('safety.walPutBack', { started }));
      } else {
        notes.push(
          message(
            aside === null ? 'safety.walAsideMissing' : 'safety.walAsideOther',
            { started, aside: walAside },
            { backup },
          ),
        );
      }
    }
  } else {
    const wal = walAside === null ? [] : [{ key: 'safety.walKeptAt', params: { path: walAside } }];
    notes.push(message('safety.saveNeither', { started }, { wal, backup }));
  }
  await removeOwnFile(temp, fs);
  await fs.rm(path, { force: true });
}

async function sha256Regular(path: string, fs: FileSystem): Promise<string | null> {
  try {
    await lstatRegular(path, fs);
    return (await sha256OfFile(path, fs, true)).sha256;
  } catch {
    return null;
  }
}

/** Removes a file only if it is a regular file (not a link, folder, FIFO) that this user owns. */
async function removeOwnFile(path: string, fs: FileSystem): Promise<boolean> {
  const stat = await fs.lstat(path).catch(() => null);
  if (stat === null || !stat.isFile()) return false;
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) return false;
  await fs.rm(path, { force: true });
  return true;
}

/**
 * Under the write lock: temp files of PanelDB's own interrupted writes of this database (beside it)
 * and of its backups and records (in the backup folder). Exact name patterns, regular files owned by
 * us, nothing else: a folder or link named like one is left alone.
 */
export async function removeStaleTempFiles(
  target: string,
  backupDir: string,
  fs: FileSystem,
  notes: KeyedText[],
): Promise<void> {
  const name = basename(target);
  const besideDb = tempNamePattern(name);
  // Records written by PanelDB before they moved into the backup folder: `..<name>.paneldb-save.json.…`.
  const oldRecordTemp = new RegExp(
    `^\\.\\.${escape(name)}\\.paneldb-save\\.json\\.[0-9a-f]{12}\\.paneldb-tmp$`,
  );
  const inBackupDir = new RegExp(`^\\.${escape(name)}\\..+\\.[0-9a-f]{12}\\.paneldb-tmp$`);
  let removed = 0;
  const sweep = async (folder: string, matches: (entry: string) => boolean) => {
    const entries = await fs.readdir(folder).catch(() => [] as string[]);
    for (const entry of entries)
      if (matches(entry) && (await removeOwnFile(join(folder, entry), fs))) removed += 1;
  };
  await sweep(dirname(target), (entry) => besideDb.test(entry) || oldRecordTemp.test(entry));
  await sweep(backupDir, (entry) => inBackupDir.test(entry));
  if (removed > 0) notes.push(message('safety.tempRemoved', { count: removed }));
}

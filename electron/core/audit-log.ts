// The durable audit log: every write PanelDB makes is appended as one JSON line to
// `paneldb-audit.jsonl` in the backup folder (mode 0600; the folder is 0700), with the time, the
// operation, the file's sha256 before and after, the backup taken and the outcome. It lives beside
// the backups, not in the database, so it survives a restore (which replaces paneldb_history with
// the backup's) and a reload of the app. Lines that do not parse are skipped when read, never
// trusted to name a path.
import { basename, join } from 'node:path';
import { sha256OfFile } from './database';
import type { FileSystem } from './file-system';
import { statIdentity } from './fingerprint';
import type { AuditEntry } from '../shared/reports';

export const AUDIT_FILE = 'paneldb-audit.jsonl';
/** The app shows at most this many entries, newest first. */
export const AUDIT_READ_LIMIT = 500;

export async function fileSha(path: string, fs: FileSystem): Promise<string | null> {
  return sha256OfFile(path, fs)
    .then((result) => result.sha256)
    .catch(() => null);
}

/** Which file is at `path` and when it last changed, without reading it: '' when there is none. */
export async function fileIdentity(path: string, fs: FileSystem): Promise<string> {
  const stat = await fs.stat(path).catch(() => null);
  return stat === null ? '' : statIdentity(stat);
}

export async function appendAudit(backupDir: string, entry: AuditEntry, fs: FileSystem): Promise<void> {
  await fs.mkdir(backupDir, { recursive: true, mode: 0o700 });
  const path = join(backupDir, AUDIT_FILE);
  const handle = await fs.open(path, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(entry)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // A log created by an older build (or by hand) with a wider mode is narrowed.
  await fs.chmod(path, 0o600);
}

function isEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.time === 'string' &&
    typeof entry.operation === 'string' &&
    (entry.outcome === 'ok' || entry.outcome === 'error')
  );
}

/** The log, newest first; a missing log is an empty one. The database is named by its file name only. */
export async function readAudit(backupDir: string, fs: FileSystem): Promise<AuditEntry[]> {
  const text = await fs.readFile(join(backupDir, AUDIT_FILE), 'utf8').catch(() => '');
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push({ ...parsed, database: basename(String(parsed.database ?? '')) });
    } catch {
      // A torn last line (power cut mid-append) or a hand edit: skip it, keep the rest.
    }
  }
  return entries.reverse().slice(0, AUDIT_READ_LIMIT);
}

/** The backup an operation's result names, by id. */
export function backupIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const backup = record.backup as { id?: unknown } | null | undefined;
  if (typeof backup?.id === 'string') return backup.id;
  const forced = record.forced as { backup?: { id?: unknown } } | null | undefined;
  if (typeof forced?.backup?.id === 'string') return forced.backup.id;
  if (typeof record.safety_backup === 'string' && record.safety_backup !== '')
    return basename(record.safety_backup);
  if (typeof record.id === 'string' && typeof record.origin === 'string') return record.id;
  return null;
}

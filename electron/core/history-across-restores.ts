// Issue 14B, point 7: History survives a restore. A restore replaces the file — and with it the
// paneldb_history log it carries — but PanelDB keeps the replaced file as a before-restore safety
// backup first. The log shown is the file's own, plus the entries those safety backups hold that
// the file no longer has, each marked with the backup it was read from. Made from what exists (the
// backups), so it works without any other log; read lazily and cached by file fingerprint.
import type { BackupEntry } from '../shared/reports';
import { openImage, readDatabaseImage } from './database';
import type { FileSystem } from './file-system';
import { readHistory } from './history-log';
import type { HistoryEntry } from '../shared/reports';

/** Enough restores back for an admin; each is a file to read (once, then cached). */
const MAX_SAFETY_BACKUPS = 10;
const cache = new Map<string, HistoryEntry[]>();

const keyOf = (entry: HistoryEntry) =>
  `${entry.version}|${entry.direction}|${entry.started_at}|${entry.finished_at}|${entry.checksum}`;

async function historyOf(backup: BackupEntry, fs: FileSystem): Promise<HistoryEntry[]> {
  const stat = await fs.stat(backup.path).catch(() => null);
  if (stat === null) return [];
  const key = `${backup.path}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let entries: HistoryEntry[] = [];
  const image = await readDatabaseImage(backup.path, { fs }).catch(() => null);
  const db = image === null ? null : await openImage(image).catch(() => null);
  if (db !== null) {
    try {
      entries = readHistory(db);
    } catch {
      entries = [];
    } finally {
      db.close();
    }
  }
  cache.set(key, entries);
  return entries;
}

export async function historyAcrossRestores(
  own: HistoryEntry[],
  backups: BackupEntry[],
  fs: FileSystem,
): Promise<HistoryEntry[]> {
  const safety = backups
    .filter((entry) => entry.origin === 'paneldb' && entry.reason === 'before-restore')
    .slice(0, MAX_SAFETY_BACKUPS);
  if (safety.length === 0) return own;
  const seen = new Set(own.map(keyOf));
  const merged = [...own];
  for (const backup of safety) {
    for (const entry of await historyOf(backup, fs)) {
      const key = keyOf(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push({ ...entry, from_backup: backup.id });
    }
  }
  return merged;
}

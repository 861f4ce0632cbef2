// `paneldb serve DIR` (issue 14B): the panel databases in DIR, for the start screen to choose from.
// The page sees names and opaque ids the server handed out, never paths; an id is looked up in a
// fresh listing, so nothing the page sends can name a file outside DIR.
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecentFiles } from '../app/session';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Backups, journals and PanelDB's own temp files are not databases to open. */
const NOT_A_CHOICE = /(-wal|-shm|-journal|\.backup(\.\d+)?|\.json|\.tmp[^/]*)$/;

async function startsLikeSqlite(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (handle === null) return false;
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    await handle.close();
  }
}

const idOf = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 16);

/**
 * The SQLite files in `dir` (sorted by name): every `.db` file, and any other file that starts
 * like SQLite. An empty or damaged `.db` is listed too — it opens in the limited mode.
 */
export async function listFolderDatabases(dir: string): Promise<Array<{ id: string; path: string }>> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const found: Array<{ id: string; path: string }> = [];
  for (const name of names) {
    if (NOT_A_CHOICE.test(name)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) continue;
    if (name.endsWith('.db') || (await startsLikeSqlite(path))) found.push({ id: idOf(name), path });
  }
  return found;
}

/** The session's "recent files", in the browser: the folder's databases. */
export function folderFiles(dir: string): RecentFiles {
  return { list: () => listFolderDatabases(dir), add: async () => undefined };
}

// What a backup (or the open file) holds, read lazily and cached by file fingerprint: version
// state, inbound / client / user counts, and whether the panel can start on it. Reading a 300 MB
// backup takes seconds, so a file is read again only when its size, mtime or inode changed.
import type { Database } from 'sql.js';
import { message, ref } from '../shared/i18n';
import type { VerifyCheck } from '../shared/reports';
import type { MigrationDescriptor } from '../panel/catalog';
import { isPlainObject, parseJson } from '../panel/go-json';
import { CORE_PANEL_TABLES } from '../panel/panel-schema';
import { openImage, readDatabaseImage, walPathOf } from './database';
import { detectDatabase } from './detect';
import type { FileSystem } from './file-system';
import { versionSnapshot } from './migrate';
import { queryRows, queryValue, tableNames } from './sql';
import { integrityOf } from './integrity';
import type { FileInspection, RestoreComparison, RestoreRisk, StartProblem } from '../shared/inspect';

export type Inspected = Omit<FileInspection, 'id'>;

const UNREADABLE: Inspected = {
  readable: false,
  generation: null,
  version_state: null,
  counts: null,
  panel_can_start: false,
  problems: ['unreadable'],
  missing_tables: [],
};

const GENERATION_PROBLEMS: Partial<Record<string, StartProblem>> = {
  empty: 'empty',
  'not-panel': 'not-panel',
  'upstream-v3': 'upstream-v3',
  'tables-dropped': 'tables-dropped',
  'sql-first-schema': 'sql-first-schema',
};

function count(db: Database, tables: string[], table: string): number {
  return tables.includes(table) ? Number(queryValue(db, `SELECT count(*) FROM "${table}"`) ?? 0) : 0;
}

/** Clients as the panel lists them: the entries of each inbound's settings.clients array. */
function clientCount(db: Database, tables: string[]): number {
  if (!tables.includes('inbounds')) return 0;
  let clients = 0;
  for (const row of queryRows(db, 'SELECT settings FROM inbounds')) {
    const settings = parseJson(typeof row.settings === 'string' ? row.settings : null);
    if (isPlainObject(settings) && Array.isArray(settings.clients)) clients += settings.clients.length;
  }
  return clients;
}

type Counts = { inbounds: number; clients: number; users: number };

/** Inbounds, clients (settings.clients entries) and users: what an admin counts. */
export function panelCounts(db: Database): Counts {
  const tables = tableNames(db);
  return {
    inbounds: count(db, tables, 'inbounds'),
    clients: clientCount(db, tables),
    users: count(db, tables, 'users'),
  };
}

/**
 * The one count restoreRisks reads of the file a restore replaces: its inbounds, without parsing a
 * client list or checking its integrity (the file is kept byte for byte as the safety backup whatever
 * its state). Null when SQLite cannot count them, as an unreadable file's counts are.
 */
export function inboundsOf(db: Database): { inbounds: number } | null {
  try {
    return { inbounds: count(db, tableNames(db), 'inbounds') };
  } catch {
    return null;
  }
}

/**
 * Issue 14B, point 9: what is true of a SQL-first file — its tables were made by the wrong DDL
 * (the branch's 000001_init_schema.up.sql, which GORM cannot migrate), and its rows are there.
 */
export function sqlFirstReason(db: Database): ReturnType<typeof message> {
  const { inbounds, clients, users } = panelCounts(db);
  const rows =
    inbounds + clients + users === 0
      ? { key: 'recommend.sqlFirstNoRows' }
      : { key: 'recommend.sqlFirstRows', params: { inbounds, clients, users } };
  return message('recommend.sqlFirst', {}, { rows: [rows] });
}

/**
 * The inspection of an opened database; `integrity` is passed in when the caller already ran it,
 * `countsOf` when the counts are shared between inspections of one file (the client count parses
 * every inbound's settings: ≈ 1 s at 100 MB, so it is taken once per file).
 */
export function inspectOpened(
  db: Database,
  migrations: readonly MigrationDescriptor[],
  integrity?: 'ok' | string[],
  countsOf: () => Counts = () => panelCounts(db),
): Inspected {
  const problems: StartProblem[] = [];
  let checked: 'ok' | string[];
  try {
    checked = integrity ?? integrityOf(db);
  } catch {
    checked = ['unreadable'];
  }
  if (checked !== 'ok') problems.push('integrity');
  let detection;
  let tables: string[];
  try {
    tables = tableNames(db);
    detection = detectDatabase(db, migrations);
  } catch {
    return { ...UNREADABLE, readable: true, problems: ['integrity'] };
  }
  const generationProblem = GENERATION_PROBLEMS[detection.generation];
  if (generationProblem !== undefined) problems.push(generationProblem);
  const missing = CORE_PANEL_TABLES.filter((name) => !tables.includes(name));
  if (missing.length > 0 && generationProblem === undefined) problems.push('missing-tables');
  let counts: Inspected['counts'] = null;
  try {
    counts = countsOf();
  } catch {
    if (!problems.includes('integrity')) problems.push('integrity');
  }
  return {
    readable: true,
    generation: detection.generation,
    version_state: versionSnapshot(detection),
    counts,
    panel_can_start: problems.length === 0,
    problems,
    missing_tables: [...missing],
  };
}

const cache = new Map<string, Inspected>();
const CACHE_LIMIT = 256;

async function fingerprintOf(path: string, fs: FileSystem): Promise<string | null> {
  const main = await fs.stat(path).catch(() => null);
  if (main === null) return null;
  const wal = await fs.stat(walPathOf(path)).catch(() => null);
  const part = (stat: typeof main | null) =>
    stat === null ? '-' : `${stat.size}:${stat.mtimeMs}:${stat.ino}:${stat.ctimeMs}`;
  return `${path}\0${part(main)}\0${part(wal)}`;
}

/** Inspects a file, from the cache when its fingerprint is unchanged. A missing file is unreadable. */
export async function inspectFile(
  path: string,
  id: string | null,
  fs: FileSystem,
  migrations: readonly MigrationDescriptor[],
): Promise<FileInspection> {
  const key = await fingerprintOf(path, fs);
  if (key === null) return { id, ...UNREADABLE };
  const known = cache.get(key);
  if (known !== undefined) return { id, ...known };
  let inspected: Inspected = UNREADABLE;
  const image = await readDatabaseImage(path, { fs }).catch(() => null);
  if (image !== null) {
    const db = await openImage(image).catch(() => null);
    if (db !== null) {
      try {
        inspected = inspectOpened(db, migrations);
      } finally {
        db.close();
      }
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, inspected);
  return { id, ...inspected };
}

/**
 * What makes a restore risky: the panel cannot start on the backup, or it holds far fewer
 * inbounds than the file now — fewer than half, or none while the file has some.
 */
export function restoreRisks(
  backup: Pick<FileInspection, 'panel_can_start' | 'counts'>,
  current: { counts: { inbounds: number } | null },
): RestoreRisk[] {
  const risks: RestoreRisk[] = [];
  if (!backup.panel_can_start) risks.push('panel-cannot-start');
  const now = current.counts?.inbounds ?? 0;
  const then = backup.counts?.inbounds ?? 0;
  if (now > 0 && (then === 0 || then * 2 < now)) risks.push('far-fewer-inbounds');
  return risks;
}

export async function compareForRestore(
  dbPath: string,
  backupPath: string,
  backupId: string,
  fs: FileSystem,
  migrations: readonly MigrationDescriptor[],
): Promise<RestoreComparison> {
  const backup = await inspectFile(backupPath, backupId, fs, migrations);
  const current = await inspectFile(dbPath, null, fs, migrations);
  return { backup, current, risks: restoreRisks(backup, current) };
}

/** verify's `panel_starts` check: a sound SQLite file the panel cannot start on is not a usable backup. */
export function panelStartsCheck(inspected: Inspected): VerifyCheck {
  const why = `${inspected.problems.join(', ')}${
    inspected.missing_tables.length > 0 ? ` (${inspected.missing_tables.join(', ')})` : ''
  }`;
  const text = inspected.panel_can_start
    ? message('verify.panelStarts')
    : message('verify.panelCannotStart', { why });
  return { id: 'panel_starts', ok: inspected.panel_can_start, detail: text.text, msg: ref(text) };
}

// A golang-migrate folder as its `file://` source driver sees it (v4.19.1 source/iofs): regular files
// in name order, parsed with `^([0-9]+)_(.*)\.(down|up)\.(.*)$`; names that don't match (or whose
// number overflows uint64) are skipped; a second file for the same version and direction makes
// migrate.New fail with `duplicate migration file: <name>` (docs/panel-database.md §3.1).
import { join } from 'node:path';
import * as nodeFs from 'node:fs/promises';
import { fail, ok, type Result } from '../shared/result';
import { message } from '../shared/i18n';

export const MIGRATION_FILE_GRAMMAR = /^([0-9]+)_(.*)\.(down|up)\.(.*)$/;

const UINT64_MAX = (1n << 64n) - 1n;

export type Direction = 'up' | 'down';

export interface MigrationFileName {
  file: string;
  version: number;
  /** The digits as written (`000003`). */
  versionText: string;
  name: string;
  direction: Direction;
  extension: string;
}

export interface MigrationSource {
  file: string;
  text: string;
}

export interface MigrationFile extends MigrationFileName {
  text: string;
}

export interface DuplicateFile {
  version: number;
  direction: Direction;
  /** The file golang-migrate keeps (first in name order). */
  kept: string;
  /** The file it refuses: `duplicate migration file: <duplicate>`. */
  duplicate: string;
}

export interface MigrationVersion {
  version: number;
  name: string;
  up: string | null;
  down: string | null;
}

export interface MigrationFolder {
  /** Every file matching the grammar, in name order (duplicates included: all are linted). */
  files: MigrationFile[];
  /** One entry per version, ascending, from the files golang-migrate keeps. */
  versions: MigrationVersion[];
  duplicates: DuplicateFile[];
  /** Regular files whose names don't match the grammar (dot-files are skipped silently). */
  ignored: string[];
}

export function parseMigrationFileName(file: string): MigrationFileName | null {
  const match = MIGRATION_FILE_GRAMMAR.exec(file);
  if (match === null) return null;
  const [, digits = '', name = '', direction = 'up', extension = ''] = match;
  if (BigInt(digits) > UINT64_MAX) return null;
  return {
    file,
    version: Number(digits),
    versionText: digits,
    name,
    direction: direction === 'down' ? 'down' : 'up',
    extension,
  };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders and pairs already-read files exactly like the source driver would. */
export function collectMigrationFiles(sources: readonly MigrationSource[]): MigrationFolder {
  const files: MigrationFile[] = [];
  const ignored: string[] = [];
  const duplicates: DuplicateFile[] = [];
  const byVersion = new Map<number, MigrationVersion>();
  for (const source of [...sources].sort((a, b) => byName(a.file, b.file))) {
    const parsed = parseMigrationFileName(source.file);
    if (parsed === null) {
      if (!source.file.startsWith('.')) ignored.push(source.file);
      continue;
    }
    files.push({ ...parsed, text: source.text });
    let entry = byVersion.get(parsed.version);
    if (entry === undefined) {
      entry = { version: parsed.version, name: parsed.name, up: null, down: null };
      byVersion.set(parsed.version, entry);
    }
    const kept = entry[parsed.direction];
    if (kept === null) {
      entry[parsed.direction] = parsed.file;
    } else {
      duplicates.push({
        version: parsed.version,
        direction: parsed.direction,
        kept,
        duplicate: parsed.file,
      });
    }
  }
  const versions = [...byVersion.values()].sort((a, b) => a.version - b.version);
  return { files, versions, duplicates, ignored };
}

/** The three calls reading a folder needs; the engine passes its own (fault-injecting) file system. */
export type LintFileSystem = Pick<typeof nodeFs, 'readdir' | 'readFile' | 'stat'>;

export const nodeFolderReader: LintFileSystem = nodeFs;

/** Reads the folder's regular files (subfolders are skipped, as golang-migrate does). */
export async function readMigrationsDir(dir: string, fs: LintFileSystem): Promise<Result<MigrationFolder>> {
  let info;
  try {
    info = await fs.stat(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return fail('FILE_NOT_FOUND', message('err.folder.notFound', { path: dir }));
    return fail('FILE_UNREADABLE', message('err.folder.unreadable', { path: dir, reason: String(error) }));
  }
  if (!info.isDirectory()) {
    return fail('INVALID_ARGUMENT', message('err.folder.isFile', { path: dir }));
  }
  const sources: MigrationSource[] = [];
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(path).catch(() => null);
        if (target === null || target.isDirectory()) continue;
      }
      const onlyName = parseMigrationFileName(entry.name) === null;
      // Non-migration files are listed, not read: a folder may hold large unrelated files.
      sources.push({ file: entry.name, text: onlyName ? '' : await fs.readFile(path, 'utf8') });
    }
  } catch (error) {
    return fail('FILE_UNREADABLE', message('err.folder.unreadable', { path: dir, reason: String(error) }));
  }
  return ok(collectMigrationFiles(sources));
}

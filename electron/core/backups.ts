// Backups are standalone SQLite files (WAL merged, rollback-journal mode) written privately (0600)
// into a private folder (0700), each with a JSON sidecar saying what it is. The panel's own
// `<db>.backup.<unix>` files beside the database are listed too, marked as the panel's.
import { basename, dirname, join } from 'node:path';
import { EngineError, osErrorCode, osErrorText } from './engine-error';
import type { FileSystem } from './file-system';
import { openImage, readDatabaseImage, sha256OfFile, type LoadedImage } from './database';
import { writeFileAtomically } from './save';
import { CORE_PANEL_TABLES, PANEL_TABLES } from '../panel/panel-schema';
import { queryRows } from './sql';
import { integrityOf } from './integrity';
import { TOOL_VERSION } from './tool-version';
import type {
  BackupReason,
  VersionSnapshot,
  BackupMetadata,
  BackupEntry,
  VerifyCheck,
  VerifyReport,
} from '../shared/reports';
import { message, ref } from '../shared/i18n';

/** A verify check's detail: English as always, and the catalog key beside it. */
const detailed = (text: ReturnType<typeof message>) => ({ detail: text.text, msg: ref(text) });
export type { BackupReason, VersionSnapshot, BackupMetadata, BackupEntry, VerifyCheck, VerifyReport };

export const BACKUP_REASONS = [
  'manual',
  'before-migrate',
  'before-rollback',
  'before-restore',
  'before-repair',
  'before-fix',
] as const satisfies readonly BackupReason[];

export const defaultBackupDir = (dbPath: string) => `${dbPath}.backups`;
const metadataPathOf = (backupPath: string) => `${backupPath}.json`;
const PANEL_BACKUP_NAME = /^(.+)\.backup(?:\.(\d+))?$/;

/** Creates the folder 0700, or proves an existing one is a writable folder. */
export async function ensureBackupDir(dir: string, fs: FileSystem): Promise<void> {
  const refuse = (why: string, thrown?: unknown) =>
    new EngineError(
      'BACKUP_DIR_UNWRITABLE',
      `The backup folder ${dir} cannot be used: ${why}. Nothing was written.`,
      thrown === undefined ? undefined : osErrorText(thrown),
    );
  const existing = await fs.stat(dir).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT') return null;
    throw refuse('it cannot be inspected', thrown);
  });
  if (existing === null) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((thrown: unknown) => {
      throw refuse('it cannot be created', thrown);
    });
    await fs.chmod(dir, 0o700).catch((thrown: unknown) => {
      throw refuse('its permissions cannot be set to 0700', thrown);
    });
    return;
  }
  if (!existing.isDirectory()) throw refuse('a file with that name is in the way');
  await fs.access(dir, 2 /* W_OK */).catch((thrown: unknown) => {
    throw refuse('it is not writable', thrown);
  });
}

export interface CreateBackupOptions {
  fs: FileSystem;
  backupDir: string;
  reason: BackupReason;
  versionState: VersionSnapshot;
  now: () => Date;
}

/**
 * Writes the loaded image as a backup and verifies it by reading it back: the bytes on disk must
 * hash to the image that was opened. Only then may the caller modify the original.
 */
export async function createBackup(image: LoadedImage, options: CreateBackupOptions): Promise<BackupEntry> {
  const { fs, backupDir } = options;
  await ensureBackupDir(backupDir, fs);
  const created = options.now();
  const path = await freeBackupPath(backupDir, basename(image.path), created, options.reason, fs);
  try {
    await writeFileAtomically(path, image.bytes, { fs, mode: 0o600 });
  } catch (thrown) {
    throw new EngineError(
      'BACKUP_FAILED',
      `Could not write the backup ${path}; the database was not touched.`,
      thrown instanceof EngineError ? thrown.detail : osErrorText(thrown),
    );
  }
  // Read back from disk and hashed in 1 MiB pieces: proof without a second copy of the file in RAM.
  const written = await sha256OfFile(path, fs).catch(() => null);
  if (written === null || written.size !== image.bytes.length || written.sha256 !== image.sha256) {
    await fs.rm(path, { force: true }).catch(() => undefined);
    throw new EngineError(
      'BACKUP_FAILED',
      `The backup ${path} did not read back identical to the loaded database; it was removed and nothing else was touched.`,
    );
  }
  const metadata: BackupMetadata = {
    format: 'paneldb-backup/1',
    created: created.toISOString(),
    reason: options.reason,
    source_path: image.path,
    sha256: image.sha256,
    size: image.bytes.length,
    version_state: options.versionState,
    wal_transactions_merged: image.journal.wal_transactions_applied,
    tool_version: TOOL_VERSION,
  };
  try {
    await writeFileAtomically(metadataPathOf(path), Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`), {
      fs,
      mode: 0o600,
    });
  } catch (thrown) {
    await fs.rm(path, { force: true }).catch(() => undefined);
    throw new EngineError(
      'BACKUP_FAILED',
      `Could not write the metadata of backup ${path}; the backup was removed and the database was not touched.`,
      thrown instanceof EngineError ? thrown.detail : osErrorText(thrown),
    );
  }
  return {
    id: basename(path),
    path,
    origin: 'paneldb',
    created: metadata.created,
    size: metadata.size,
    reason: options.reason,
    metadata,
  };
}

/** The time in a backup's file name: 20261126T102030-456Z. */
export const backupStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('.', '-');

async function freeBackupPath(dir: string, dbName: string, at: Date, reason: BackupReason, fs: FileSystem) {
  const stamp = backupStamp(at);
  for (let attempt = 1; ; attempt += 1) {
    const suffix = attempt === 1 ? '' : `-${attempt}`;
    const path = join(dir, `${dbName}.${stamp}${suffix}.${reason}.db`);
    const taken = await fs.stat(path).then(
      () => true,
      () => false,
    );
    if (!taken) return path;
  }
}

/** Own backups (newest first) and the panel's `<db>.backup.<unix>` siblings. */
export async function listBackups(dbPath: string, backupDir: string, fs: FileSystem): Promise<BackupEntry[]> {
  const entries: BackupEntry[] = [];
  const ownNames = await fs.readdir(backupDir).catch(() => [] as string[]);
  for (const name of ownNames) {
    if (!name.endsWith('.db')) continue;
    const path = join(backupDir, name);
    const stat = await fs.stat(path).catch(() => null);
    if (stat === null || !stat.isFile()) continue;
    const metadata = await readMetadata(path, fs);
    entries.push({
      id: name,
      path,
      origin: 'paneldb',
      created: metadata?.created ?? stat.mtime.toISOString(),
      size: stat.size,
      reason: metadata?.reason ?? null,
      metadata,
    });
  }
  const dbName = basename(dbPath);
  const siblingNames = await fs.readdir(dirname(dbPath)).catch(() => [] as string[]);
  for (const name of siblingNames) {
    const match = PANEL_BACKUP_NAME.exec(name);
    if (match === null || match[1] !== dbName) continue;
    const path = join(dirname(dbPath), name);
    const stat = await fs.stat(path).catch(() => null);
    if (stat === null || !stat.isFile()) continue;
    const unix = match[2] === undefined ? null : Number(match[2]);
    entries.push({
      id: name,
      path,
      origin: 'panel',
      created: unix === null ? stat.mtime.toISOString() : new Date(unix * 1000).toISOString(),
      size: stat.size,
      reason: null,
      metadata: null,
    });
  }
  return entries.sort((a, b) => b.created.localeCompare(a.created));
}

async function readMetadata(backupPath: string, fs: FileSystem): Promise<BackupMetadata | null> {
  const text = await fs.readFile(metadataPathOf(backupPath), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<BackupMetadata>;
    return parsed.format === 'paneldb-backup/1' ? (parsed as BackupMetadata) : null;
  } catch {
    return null;
  }
}

/** integrity_check, sha256 against the sidecar, and the panel tables present. */
export async function verifyBackupFile(path: string, fs: FileSystem): Promise<VerifyReport> {
  return (await verifyBackupImage(path, fs)).report;
}

/**
 * verifyBackupFile, also handing back the image it verified: a restore writes exactly the bytes
 * that passed, without reading and hashing the file again.
 */
export async function verifyBackupImage(
  path: string,
  fs: FileSystem,
): Promise<{ report: VerifyReport; image: LoadedImage }> {
  const metadata = await readMetadata(path, fs);
  const origin = metadata !== null ? 'paneldb' : PANEL_BACKUP_NAME.test(basename(path)) ? 'panel' : 'unknown';
  const image = await readDatabaseImage(path, { fs });
  const checks: VerifyCheck[] = [];
  const db = await openImage(image);
  try {
    checks.push({
      id: 'opens',
      ok: true,
      ...detailed(message('verify.opens', { bytes: image.bytes.length })),
    });
    const integrity = integrityOf(db);
    checks.push({
      id: 'integrity',
      ok: integrity === 'ok',
      detail: integrity === 'ok' ? 'ok' : integrity.slice(0, 20).join('; '),
    });
    if (metadata === null) {
      checks.push({
        id: 'sha256',
        ok: true,
        ...detailed(message('verify.noMetadata')),
      });
    } else {
      // The bytes just opened are the file's own (a -wal beside a backup would have been merged
      // into the image, never into `original`): no need to read and hash the file a second time.
      const actual = image.original.sha256;
      const same = actual === metadata.sha256;
      checks.push({
        id: 'sha256',
        ok: same,
        ...detailed(
          same
            ? message('verify.shaMatches', { actual })
            : message('verify.shaDiffers', { actual, expected: metadata.sha256 }),
        ),
      });
    }
    const tables = new Set(
      queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row.name)),
    );
    const missing = CORE_PANEL_TABLES.filter((name) => !tables.has(name));
    const present = PANEL_TABLES.filter((name) => tables.has(name));
    checks.push({
      id: 'panel_tables',
      ok: missing.length === 0,
      ...detailed(
        missing.length === 0
          ? message('verify.tablesPresent', { tables: present.join(', ') })
          : message('verify.tablesMissing', { tables: missing.join(', ') }),
      ),
    });
  } finally {
    db.close();
  }
  return { report: { path, ok: checks.every((check) => check.ok), origin, checks, metadata }, image };
}

/** A backup named by an id PanelDB listed — the only way the UI may name one (no paths, no traversal). */
export async function findListedBackup(
  dbPath: string,
  backupDir: string,
  id: string,
  fs: FileSystem,
): Promise<BackupEntry> {
  const entry = (await listBackups(dbPath, backupDir, fs)).find((candidate) => candidate.id === id);
  if (entry === undefined)
    throw new EngineError('BACKUP_NOT_FOUND', `No backup with id ${id} is listed for ${dbPath}.`);
  return entry;
}

/** Deletes one of PanelDB's own backups and its metadata; the panel's own backup files are the admin's to manage. */
export async function deleteOwnBackup(
  dbPath: string,
  backupDir: string,
  id: string,
  fs: FileSystem,
): Promise<string> {
  const entry = await findListedBackup(dbPath, backupDir, id, fs);
  if (entry.origin !== 'paneldb') {
    throw new EngineError(
      'FORBIDDEN',
      `${entry.id} was made by the panel; PanelDB deletes only its own backups.`,
    );
  }
  await fs.rm(entry.path).catch((thrown: unknown) => {
    throw new EngineError('WRITE_FAILED', `Could not delete ${entry.path}.`, osErrorText(thrown));
  });
  await fs.rm(metadataPathOf(entry.path), { force: true });
  return entry.id;
}

// Backups are standalone SQLite files (WAL merged, rollback-journal mode) written privately (0600)
// into a private folder (0700), each with a JSON sidecar saying what it is. The panel's own
// `<db>.backup.<unix>` files beside the database are listed too, marked as the panel's.
import { basename, dirname, join } from 'node:path';
import { EngineError, osErrorCode, osErrorText } from './engine-error';
import type { FileSystem } from './file-system';
import type { FileHashes } from './operation-context';
import { openImage, readDatabaseImage, type LoadedImage } from './database';
import { readsBackAs } from './read-back';
import { writeFileAtomically } from './save';
import { CORE_PANEL_TABLES, PANEL_TABLES } from '../panel/panel-schema';
import {
  assertPrivateBackupDir,
  assertStandaloneBackup,
  companionsOf,
  readRegularFile,
} from './backup-safety';
import { queryRows } from './sql';
import { integrityOf } from './integrity';
import { TOOL_VERSION } from './tool-version';
import { PANEL_MIGRATIONS, type MigrationDescriptor } from '../panel/catalog';
import { inspectOpened, panelCounts, panelStartsCheck, type Inspected } from './backup-inspect';
import { once } from './fingerprint';
import type {
  BackupReason,
  VersionSnapshot,
  BackupMetadata,
  BackupEntry,
  BackupStanding,
  MessageRef,
  VerifyCheck,
  VerifyReport,
} from '../shared/reports';
import { message, ref, type KeyedText } from '../shared/i18n';

/** A verify check's detail: English as always, and the catalog key beside it. */
const detailed = (text: ReturnType<typeof message>) => ({ detail: text.text, msg: ref(text) });
const metadataPathOf = (backupPath: string) => `${backupPath}.json`;
const PANEL_BACKUP_NAME = /^(.+)\.backup(?:\.(\d+))?$/;

/** Creates the folder 0700, or proves an existing one is a private (see backup-safety.ts), writable folder. */
export async function ensureBackupDir(dir: string, fs: FileSystem): Promise<void> {
  await assertPrivateBackupDir(dir, fs);
  const refuse = (why: KeyedText, thrown?: unknown) =>
    new EngineError(
      'BACKUP_DIR_UNWRITABLE',
      message('err.backupDir.unusable', { path: dir }, { why: [ref(why)] }),
      thrown === undefined ? undefined : osErrorText(thrown),
    );
  const existing = await fs.stat(dir).catch((thrown: unknown) => {
    if (osErrorCode(thrown) === 'ENOENT') return null;
    throw refuse(message('err.backupDir.why.cannotInspect'), thrown);
  });
  if (existing === null) {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((thrown: unknown) => {
      throw refuse(message('err.backupDir.why.cannotCreate'), thrown);
    });
    await fs.chmod(dir, 0o700).catch((thrown: unknown) => {
      throw refuse(message('err.backupDir.why.cannotChmod'), thrown);
    });
    return;
  }
  if (!existing.isDirectory()) throw refuse(message('err.backupDir.why.fileInTheWay'));
  await fs.access(dir, 2 /* W_OK */).catch((thrown: unknown) => {
    throw refuse(message('err.backupDir.why.notWritable'), thrown);
  });
}

export interface CreateBackupOptions {
  fs: FileSystem;
  backupDir: string;
  reason: BackupReason;
  versionState: VersionSnapshot;
  now: () => Date;
  /** An audited write's record of the file's hashes: the backup names the file it copied. */
  fileHashes?: FileHashes;
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
    // The hashes the metadata and the save need are taken while the copy is written and fsync'd.
    await image.hashWhile(writeFileAtomically(path, image.bytes, { fs, mode: 0o600 }));
  } catch (thrown) {
    throw new EngineError(
      'BACKUP_FAILED',
      message('err.backup.writeFailed', { path }),
      thrown instanceof EngineError ? thrown.detail : osErrorText(thrown),
    );
  }
  // Read back from disk in 1 MiB pieces and compared with the image in memory, byte for byte: proof
  // without a second copy of the file in RAM, and without hashing the file a second time.
  const identical = await readsBackAs(path, image.bytes, fs).catch(() => false);
  if (!identical) {
    await fs.rm(path, { force: true }).catch(() => undefined);
    throw new EngineError('BACKUP_FAILED', message('err.backup.readBackDiffers', { path }));
  }
  if (options.fileHashes !== undefined) options.fileHashes.before ??= image.original.sha256;
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
      message('err.backup.metadataWriteFailed', { path }),
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
    standing: 'ok',
    problem: null,
  };
}

/** The time in a backup's file name: 20261126T102030-456Z. */
export const backupStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('.', '-');

async function freeBackupPath(dir: string, dbName: string, at: Date, reason: BackupReason, fs: FileSystem) {
  const stamp = backupStamp(at);
  for (let attempt = 1; ; attempt += 1) {
    const suffix = attempt === 1 ? '' : `-${attempt}`;
    const path = join(dir, `${dbName}.${stamp}${suffix}.${reason}.db`);
    const taken = await fs.lstat(path).then(
      () => true,
      () => false,
    );
    if (!taken) return path;
  }
}

/**
 * Own backups (newest first) and the panel's `<db>.backup.<unix>` siblings. Links and special files
 * are not listed; a backup with a companion (`-wal`…) or an unfit sidecar is listed as `invalid`, one
 * without a sidecar as `unverified`. An unsafe backup folder is refused, not read.
 */
export async function listBackups(dbPath: string, backupDir: string, fs: FileSystem): Promise<BackupEntry[]> {
  await assertPrivateBackupDir(backupDir, fs);
  const entries: BackupEntry[] = [];
  const ownNames = await fs.readdir(backupDir).catch(() => [] as string[]);
  for (const name of ownNames) {
    if (!name.endsWith('.db')) continue;
    const path = join(backupDir, name);
    const stat = await fs.lstat(path).catch(() => null);
    if (stat === null || !stat.isFile()) continue;
    const { metadata, problem: sidecarProblem } = await readMetadata(path, fs);
    const problem = sidecarProblem ?? (await companionProblem(path, fs));
    entries.push({
      id: name,
      path,
      origin: 'paneldb',
      created: metadata?.created ?? stat.mtime.toISOString(),
      size: stat.size,
      reason: metadata?.reason ?? null,
      metadata,
      ...standingOf(metadata, problem),
    });
  }
  const dbName = basename(dbPath);
  const siblingNames = await fs.readdir(dirname(dbPath)).catch(() => [] as string[]);
  for (const name of siblingNames) {
    const match = PANEL_BACKUP_NAME.exec(name);
    if (match === null || match[1] !== dbName) continue;
    const path = join(dirname(dbPath), name);
    const stat = await fs.lstat(path).catch(() => null);
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
      ...standingOf(null, await companionProblem(path, fs)),
    });
  }
  return entries.sort((a, b) => b.created.localeCompare(a.created));
}

function standingOf(
  metadata: BackupMetadata | null,
  problem: KeyedText | null,
): { standing: BackupStanding; problem: string | null; problem_msg?: MessageRef } {
  if (problem !== null) return { standing: 'invalid', problem: problem.text, problem_msg: ref(problem) };
  if (metadata !== null) return { standing: 'ok', problem: null };
  const unverified = message('backupProblem.noMetadata');
  return { standing: 'unverified', problem: unverified.text, problem_msg: ref(unverified) };
}

async function companionProblem(path: string, fs: FileSystem): Promise<KeyedText | null> {
  const companions = await companionsOf(path, fs);
  return companions.length === 0
    ? null
    : message('backupProblem.companions', {
        files: companions.map((suffix) => basename(path) + suffix).join(', '),
      });
}

const MAX_METADATA_BYTES = 1024 * 1024;

/** The sidecar, read without following links; a sidecar that is there but unfit is a problem, not "no metadata". */
async function readMetadata(
  backupPath: string,
  fs: FileSystem,
): Promise<{ metadata: BackupMetadata | null; problem: KeyedText | null }> {
  const sidecar = metadataPathOf(backupPath);
  const present = await fs.lstat(sidecar).catch(() => null);
  if (present === null) return { metadata: null, problem: null };
  const unfit = {
    metadata: null,
    problem: message('backupProblem.metadataUnreadable', { file: basename(sidecar) }),
  };
  if (!present.isFile()) return unfit;
  const bytes = await readRegularFile(sidecar, fs, MAX_METADATA_BYTES);
  if (bytes === null) return unfit;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<BackupMetadata> | null;
    if (parsed?.format === 'paneldb-backup/1' && typeof parsed.sha256 === 'string')
      return { metadata: parsed as BackupMetadata, problem: null };
  } catch {
    // falls through: a sidecar that does not parse is damaged metadata, not missing metadata
  }
  return {
    metadata: null,
    problem: message('backupProblem.metadataInvalid', { file: basename(sidecar) }),
  };
}

/** integrity_check, sha256 against the sidecar, and the panel tables present. */
export async function verifyBackupFile(path: string, fs: FileSystem): Promise<VerifyReport> {
  return (await verifyBackupImage(path, fs)).report;
}

/**
 * verifyBackupFile, also handing back the image it verified: a restore writes exactly the bytes
 * that passed, without reading and hashing the file again. `inspectWith`: also the inspection a
 * restore compares (backup-inspect.ts) under these migrations, from the same open database, the
 * same integrity check and the same client count as the `panel_starts` check — not a second read.
 */
export async function verifyBackupImage(
  path: string,
  fs: FileSystem,
  inspectWith: readonly MigrationDescriptor[] = PANEL_MIGRATIONS,
): Promise<{ report: VerifyReport; image: LoadedImage; inspection: Inspected }> {
  // A link, a special file or a -wal beside it: refused before a byte of it is read.
  await assertStandaloneBackup(path, fs);
  const { metadata, problem } = await readMetadata(path, fs);
  if (problem !== null)
    throw new EngineError(
      'BACKUP_INVALID',
      message('err.backup.untrusted', { path }, { problem: [ref(problem)] }),
    );
  const origin = metadata !== null ? 'paneldb' : PANEL_BACKUP_NAME.test(basename(path)) ? 'panel' : 'unknown';
  // ignoreWal: even a -wal planted after the check above is never merged into a backup.
  const image = await readDatabaseImage(path, { fs, ignoreWal: true });
  const checks: VerifyCheck[] = [];
  let inspection: Inspected;
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
      // Not a pass: without the sidecar nothing proves these are the bytes that were backed up.
      checks.push({
        id: 'sha256',
        ok: false,
        ...detailed(message('verify.noMetadata')),
      });
    } else {
      // The bytes just opened are the file's own (no -wal is ever merged into a backup): no need
      // to read and hash the file a second time.
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
    const counts = once(() => panelCounts(db));
    const panelView = inspectOpened(db, PANEL_MIGRATIONS, integrity, counts);
    checks.push(panelStartsCheck(panelView));
    inspection =
      inspectWith === PANEL_MIGRATIONS ? panelView : inspectOpened(db, inspectWith, integrity, counts);
  } finally {
    db.close();
  }
  const failed = checks.filter((check) => !check.ok).map((check) => check.id);
  const status =
    failed.length === 0
      ? 'verified'
      : metadata === null && failed.join() === 'sha256'
        ? 'unverified'
        : 'invalid';
  return { report: { path, ok: status === 'verified', status, origin, checks, metadata }, image, inspection };
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
    throw new EngineError('BACKUP_NOT_FOUND', message('err.backup.notListed', { id, path: dbPath }));
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
    throw new EngineError('FORBIDDEN', message('err.backup.panelsOwn', { id: entry.id }));
  }
  await fs.rm(entry.path).catch((thrown: unknown) => {
    throw new EngineError(
      'WRITE_FAILED',
      message('err.backup.deleteFailed', { path: entry.path }),
      osErrorText(thrown),
    );
  });
  await fs.rm(metadataPathOf(entry.path), { force: true });
  return entry.id;
}

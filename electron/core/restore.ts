// `restore`: verify the chosen backup, keep a safety backup of the current file (even a damaged
// one, byte for byte), then replace the database atomically and move its stale -wal aside.
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { createBackup, ensureBackupDir, listBackups, verifyBackupImage, backupStamp } from './backups';
import type { BackupEntry, RestoreReport } from '../shared/reports';
import type { Database } from 'sql.js';
import { openImage, readDatabaseImage, walPathOf, type DiskState, type LoadedImage } from './database';
import { readRegular } from './no-follow';
import { diskStateOf, replaceDatabaseFile, writeFileAtomically } from './save';
import { detectDatabase } from './detect';
import { EngineError } from './engine-error';
import { versionSnapshot } from './migrate';
import type { OperationContext } from './operation-context';
import { inboundsOf, restoreRisks } from './backup-inspect';
import { message, ref } from '../shared/i18n';

/** A backup is named by a path (CLI) or by the id PanelDB listed (UI). */
export async function resolveBackup(reference: string, context: OperationContext): Promise<string> {
  const listed = await listBackups(context.dbPath, context.backupDir, context.fs);
  const byId = listed.find((entry: BackupEntry) => entry.id === reference);
  if (byId !== undefined) return byId.path;
  const stat = await context.fs.stat(reference).catch(() => null);
  if (stat?.isFile()) return reference;
  throw new EngineError(
    'BACKUP_NOT_FOUND',
    message('err.restore.noSuchBackup', { reference, dir: context.backupDir }),
  );
}

/** The file about to be replaced, loaded (WAL merged) and opened once: for the risk count and the safety backup. */
interface CurrentFile {
  loaded: LoadedImage;
  db: Database;
}

async function openCurrent(context: OperationContext): Promise<CurrentFile | null> {
  const loaded = await readDatabaseImage(context.dbPath, { fs: context.fs }).catch(() => null);
  if (loaded === null) return null;
  const db = await openImage(loaded).catch(() => null);
  return db === null ? null : { loaded, db };
}

async function safetyCopy(
  context: OperationContext,
  current: CurrentFile | null,
): Promise<{ path: string; state: DiskState | null }> {
  if (current !== null) {
    const detection = detectDatabase(current.db, context.migrations);
    const entry = await createBackup(current.loaded, {
      fs: context.fs,
      backupDir: context.backupDir,
      reason: 'before-restore',
      now: context.now,
      fileHashes: context.fileHashes,
      versionState: versionSnapshot(detection),
    });
    return { path: entry.path, state: current.loaded };
  }
  // Damaged or unreadable as a database: keep its exact bytes (and its -wal) instead.
  const state = await diskStateOf(context.dbPath, context.fs).catch(() => null);
  if (state === null) return { path: '', state: null };
  await ensureBackupDir(context.backupDir, context.fs);
  const stamp = backupStamp(context.now());
  const unique = randomBytes(3).toString('hex');
  const path = join(context.backupDir, `${basename(context.dbPath)}.${stamp}-${unique}.before-restore.raw`);
  await writeFileAtomically(path, await context.fs.readFile(context.dbPath), { fs: context.fs, mode: 0o600 });
  if (state.wal !== null) {
    await writeFileAtomically(`${path}-wal`, await readRegular(walPathOf(context.dbPath), context.fs), {
      fs: context.fs,
      mode: 0o600,
    });
  }
  return { path, state };
}

export interface RestoreOptions {
  /** The person saw that the backup has no PanelDB metadata (nothing proves its content) and wants it anyway. */
  acceptUnverified?: boolean;
  /** The admin saw the comparison and accepts a backup the panel cannot start on, or far fewer inbounds. */
  acceptRisk?: boolean;
}

/** CLI: `reference` is a path or a listed id. */
export async function restoreBackup(
  reference: string,
  context: OperationContext,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  return restoreBackupFile(await resolveBackup(reference, context), context, options);
}

/** Restores the backup at `backupPath`, already resolved (a listed backup, or a file the CLI named). */
export async function restoreBackupFile(
  backupPath: string,
  context: OperationContext,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const {
    report: verification,
    image: backup,
    inspection,
  } = await verifyBackupImage(backupPath, context.fs, context.migrations);
  if (verification.status === 'unverified' && options.acceptUnverified !== true) {
    throw new EngineError('BACKUP_UNVERIFIED', message('err.restore.unverified', { path: backupPath }));
  }
  // `panel_starts` is not a reason to refuse outright: the admin may accept it explicitly below. An
  // unverified backup (no metadata) was accepted above; only a real verification failure refuses.
  const acceptedUnverified = verification.metadata === null && options.acceptUnverified === true;
  const failed = verification.checks
    .filter((check) => !check.ok && check.id !== 'panel_starts')
    .filter((check) => !(acceptedUnverified && check.id === 'sha256'))
    .map((check) =>
      check.msg === undefined
        ? ref(message('err.restore.failedCheck', { id: check.id, detail: check.detail }))
        : ref(message('err.restore.failedCheck', { id: check.id }, { detail: [check.msg] })),
    );
  if (failed.length > 0) {
    throw new EngineError(
      'BACKUP_INVALID',
      message('err.restore.failedVerification', { path: backupPath }),
      message('err.restore.failedChecks', {}, { checks: failed }),
    );
  }
  // The backup's side of the comparison comes from its verification above (one read, one integrity
  // check, one client count); the current file is read once, for the one count the risks need and
  // then for the safety backup.
  const current = await openCurrent(context);
  let safety: string;
  let state: DiskState | null;
  try {
    const backupSide = { id: basename(backupPath), ...inspection };
    const currentCounts = current === null ? null : inboundsOf(current.db);
    const risks = restoreRisks(backupSide, { counts: currentCounts });
    if (risks.length > 0 && options.acceptRisk !== true) {
      const now = currentCounts?.inbounds;
      const then = backupSide.counts?.inbounds ?? 0;
      const why = risks.map((risk) =>
        ref(
          risk === 'far-fewer-inbounds'
            ? message('err.restore.risk.fewerInbounds', { then, now: now ?? 0 })
            : message('err.restore.risk.panelCannotStart', { problems: backupSide.problems.join(', ') }),
        ),
      );
      throw new EngineError(
        'CONFIRMATION_REQUIRED',
        message('err.restore.needsConfirmation', { name: basename(backupPath) }, { why }),
        undefined,
        { action: 'accept-risk', risks },
      );
    }
    ({ path: safety, state } = await safetyCopy(context, current));
  } finally {
    current?.db.close();
  }
  if (state === null) {
    throw new EngineError('FILE_NOT_FOUND', message('err.restore.noTarget', { path: context.dbPath }));
  }
  const movedAside = await replaceDatabaseFile(state, backup.bytes, {
    fs: context.fs,
    asideDir: context.backupDir,
    now: context.now,
    fileHashes: context.fileHashes,
    lock: context.lock,
    notes: context.notes,
    backupPath: safety,
    bytesSha256: backup.sha256,
  });
  return {
    database: context.dbPath,
    restored_from: backupPath,
    verification,
    safety_backup: safety,
    moved_aside: movedAside,
  };
}

// The engine's public entry. Everything it needs comes in as parameters (paths, clock, file system,
// migration list); every operation returns a Result and never throws.
import { PANEL_MIGRATIONS, type MigrationDescriptor } from '../../migrations/catalog';
import type { Result } from '../shared/result';
import {
  createBackup,
  defaultBackupDir,
  listBackups,
  verifyBackupFile,
  type BackupEntry,
  type BackupReason,
  type VerifyReport,
} from './backups';
import { openImage, readDatabaseImage, type LoadedImage } from './database';
import { detectDatabase, type Detection } from './detect';
import { EngineError, capture } from './engine-error';
import { nodeFileSystem, type FileSystem } from './file-system';
import { buildStatus, integrityOf, type StatusReport } from './status';
import type { Database } from 'sql.js';

export interface EngineOptions {
  dbPath: string;
  backupDir?: string;
  migrations?: readonly MigrationDescriptor[];
  fs?: FileSystem;
  now?: () => Date;
  ignoreWal?: boolean;
}

export interface OpenedPanel {
  image: LoadedImage;
  db: Database;
  detection: Detection;
}

export interface Engine {
  readonly dbPath: string;
  readonly backupDir: string;
  getStatus(): Promise<Result<StatusReport>>;
  createBackup(reason?: BackupReason): Promise<Result<BackupEntry>>;
  listBackups(): Promise<Result<BackupEntry[]>>;
}

export function createEngine(options: EngineOptions): Engine {
  const fs = options.fs ?? nodeFileSystem;
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? PANEL_MIGRATIONS;
  const dbPath = options.dbPath;
  const backupDir = options.backupDir ?? defaultBackupDir(dbPath);

  async function openPanel(): Promise<OpenedPanel> {
    const image = await readDatabaseImage(dbPath, { fs, ignoreWal: options.ignoreWal ?? false });
    const db = await openImage(image);
    try {
      const detection = detectDatabase(db, migrations);
      if (detection.kind === 'not-panel') {
        throw new EngineError(
          'NOT_A_PANEL_DATABASE',
          `${dbPath} is a SQLite database but not an X-Panel/3x-ui panel database (tables: ${detection.tables.join(', ')}).`,
        );
      }
      return { image, db, detection };
    } catch (thrown) {
      db.close();
      throw wrapUnreadable(thrown, dbPath);
    }
  }

  return {
    dbPath,
    backupDir,
    getStatus: () =>
      capture(async () => {
        const { image, db, detection } = await openPanel();
        try {
          const backups = await listBackups(dbPath, backupDir, fs);
          return buildStatus({ path: dbPath, db, detection, journal: image.journal, backups });
        } catch (thrown) {
          throw wrapUnreadable(thrown, dbPath);
        } finally {
          db.close();
        }
      }),
    createBackup: (reason = 'manual') =>
      capture(async () => {
        const { image, db, detection } = await openPanel();
        try {
          const integrity = integrityOf(db);
          if (integrity !== 'ok') {
            throw new EngineError(
              'DATABASE_CORRUPT',
              `${dbPath} fails SQLite's integrity check; a backup of it would not be a safe way back.`,
              integrity.slice(0, 20).join('\n'),
            );
          }
          return await createBackup(image, {
            fs,
            backupDir,
            reason,
            now,
            versionState: {
              current_version: detection.currentVersion,
              applied: detection.versions.filter((v) => v.applied).map((v) => v.version),
              dirty: detection.dirty,
            },
          });
        } finally {
          db.close();
        }
      }),
    listBackups: () => capture(() => listBackups(dbPath, backupDir, fs)),
  };
}

export function verifyBackup(path: string, fs: FileSystem = nodeFileSystem): Promise<Result<VerifyReport>> {
  return capture(async () => {
    try {
      return await verifyBackupFile(path, fs);
    } catch (thrown) {
      throw wrapUnreadable(thrown, path);
    }
  });
}

/** SQLite reports damage deep inside queries ("database disk image is malformed"): say so plainly. */
function wrapUnreadable(thrown: unknown, path: string): unknown {
  if (thrown instanceof EngineError) return thrown;
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  if (/malformed|not a database|corrupt|disk image/i.test(text)) {
    return new EngineError('DATABASE_CORRUPT', `${path} is damaged: SQLite cannot read all of it.`, text);
  }
  return thrown;
}

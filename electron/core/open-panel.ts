// Every operation starts the same way: load the file (WAL merged), open it in sql.js, find out what
// it is, and refuse a SQLite file that is not a panel's.
import type { Database } from 'sql.js';
import type { MigrationDescriptor } from '../panel/catalog';
import { openImage, readDatabaseImage, type LoadedImage } from './database';
import { loadSqlJs } from './sqljs';
import { detectDatabase, type Detection } from './detect';
import { EngineError } from './engine-error';
import type { FileSystem } from './file-system';
import { integrityOf } from './integrity';
import { HISTORY_TABLE } from './history-log';
import { tableExists } from './sql';
import { MARKER_TABLES, triggersOn, watchedTables } from './trigger-effects';
import { message, ref, type KeyedText } from '../shared/i18n';

export interface OpenedPanel {
  image: LoadedImage;
  db: Database;
  detection: Detection;
  /**
   * PRAGMA quick_check of the file as opened (b-tree structure, page use, record formats: about
   * native speed), run at most once per open. Valid only before anything writes to `db`: every
   * caller asks before its first write.
   */
  integrity(): 'ok' | string[];
  /** The full PRAGMA integrity_check (also every index against its table; ~3× the quick check). */
  fullIntegrity(): 'ok' | string[];
  /**
   * What a write that changes `touches` must start from: quick_check of the whole file (pages,
   * b-trees, records), then the full integrity_check of every table the write can change — its
   * touches, the panel's markers and PanelDB's log, and with a trigger on them every table — each
   * with its indexes. An index of another table that disagrees with it is not the write's to find:
   * the write carries that table over as it is, and the full check the app runs after showing status
   * reports it. Valid only before anything writes to `db`, like `integrity`.
   */
  integrityForWrite(touches: readonly string[]): 'ok' | string[];
}

export interface OpenPanelOptions {
  dbPath: string;
  fs: FileSystem;
  migrations: readonly MigrationDescriptor[];
  ignoreWal: boolean;
  /** Only reports: the file's own hash is never asked (LoadOptions.withoutFileHash). */
  withoutFileHash?: boolean;
}

export async function openPanel(options: OpenPanelOptions): Promise<OpenedPanel> {
  // sql.js starts (compile, self-tests: CPU) while the file is read (the thread pool): a fresh
  // process waits for the longer of the two, not both. openImage below awaits the same start.
  loadSqlJs().catch(() => undefined);
  // Opening never writes: an interrupted save is put right by the next write, under its lock.
  const image = await readDatabaseImage(options.dbPath, {
    fs: options.fs,
    ignoreWal: options.ignoreWal,
    withoutFileHash: options.withoutFileHash,
  });
  const walMerged = image.journal.wal_transactions_applied > 0;
  let db: Database;
  try {
    db = await openImage(image);
  } catch (thrown) {
    if (walMerged)
      await refuseForeignWal([thrown instanceof Error ? thrown.message : String(thrown)], options);
    throw thrown;
  }
  let integrity: 'ok' | string[] | undefined;
  try {
    if (walMerged) {
      // The check that tells a foreign -wal apart is the same one status and every write need:
      // it runs once, on the database the operation then uses.
      let problems: string[] | null;
      try {
        integrity = integrityOf(db, 'quick');
        problems = integrity === 'ok' ? null : integrity;
      } catch (thrown) {
        problems = [thrown instanceof Error ? thrown.message : String(thrown)];
      }
      if (problems !== null) await refuseForeignWal(problems, options);
    }
    const detection = detectDatabase(db, options.migrations);
    if (detection.kind === 'not-panel') {
      throw new EngineError(
        'NOT_A_PANEL_DATABASE',
        message('err.open.notPanel', { path: options.dbPath, tables: detection.tables.join(', ') }),
      );
    }
    const opened = db;
    // A check that threw is not remembered: asked again, it throws again (DATABASE_CORRUPT).
    let full: 'ok' | string[] | undefined;
    const quick = () => (integrity ??= integrityOf(opened, 'quick'));
    return {
      image,
      db,
      detection,
      integrity: quick,
      fullIntegrity: () => (full ??= integrityOf(opened, 'full')),
      integrityForWrite: (touches) => {
        const fileWide = quick();
        if (fileWide !== 'ok' || full !== undefined) return fileWide === 'ok' ? (full ?? 'ok') : fileWide;
        const written = [...touches, ...MARKER_TABLES, HISTORY_TABLE];
        const tables = watchedTables(opened, written, triggersOn(opened, written));
        const problems = [...new Set([...tables, ...written])]
          .filter((table) => table === 'sqlite_master' || tableExists(opened, table))
          .flatMap((table) => {
            const found = integrityOf(opened, 'full', table);
            return found === 'ok' ? [] : found;
          });
        return problems.length === 0 ? 'ok' : problems;
      },
    };
  } catch (thrown) {
    db.close();
    throw asUnreadable(thrown, options.dbPath);
  }
}

/**
 * SQLite cannot tell whether a -wal belongs to its main file: a stale or foreign one is replayed and
 * yields a damaged database (or silently other data). When the merged image is damaged but the
 * main file alone is sound, the -wal is the culprit: say so instead of "corrupt".
 */
async function refuseForeignWal(mergedProblems: string[], options: OpenPanelOptions): Promise<void> {
  const mainOnly = await readDatabaseImage(options.dbPath, { fs: options.fs, ignoreWal: true });
  if ((await integrityProblems(mainOnly)) !== null) return; // damaged either way: let the usual errors speak
  throw new EngineError(
    'WAL_MISMATCH',
    message('err.open.walDoesNotFit', { path: options.dbPath }),
    mergedProblems.slice(0, 10).join('\n'),
  );
}

async function integrityProblems(image: LoadedImage): Promise<string[] | null> {
  let db: Database | undefined;
  try {
    db = await openImage(image);
    const integrity = integrityOf(db, 'quick');
    return integrity === 'ok' ? null : integrity;
  } catch (thrown) {
    return [thrown instanceof Error ? thrown.message : String(thrown)];
  } finally {
    db?.close();
  }
}

/** SQLite reports damage deep inside queries ("database disk image is malformed"): say so plainly. */
export function asUnreadable(thrown: unknown, path: string): unknown {
  if (thrown instanceof EngineError) return thrown;
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  if (/malformed|not a database|corrupt|disk image/i.test(text)) {
    return new EngineError('DATABASE_CORRUPT', message('err.open.damaged', { path }), text);
  }
  return thrown;
}

/** A write must start from a sound file: a backup of a damaged file is no way back. */
export function assertIntact(db: Database, path: string, integrity = integrityOf(db)): void {
  if (integrity !== 'ok') {
    throw new EngineError(
      'DATABASE_CORRUPT',
      message('err.open.integrity', { path }),
      integrity.slice(0, 20).join('\n'),
    );
  }
}

/** Files a migration must not touch until they are repaired or restored. */
export function assertMigratable(detection: Detection, path: string): void {
  if (detection.dirty) {
    throw new EngineError(
      'DATABASE_DIRTY',
      message('err.open.dirty', { path, version: detection.dirtyVersion ?? 'nil' }),
      undefined,
      { action: 'repair' },
    );
  }
  if (detection.newerVersion !== null) {
    throw new EngineError(
      'VERSION_NEWER_THAN_TOOL',
      message('err.open.newer', { path, version: detection.newerVersion, latest: detection.latestVersion }),
    );
  }
  const unsafe: Partial<Record<Detection['generation'], KeyedText>> = {
    'tables-dropped': message('err.open.why.tablesDropped'),
    'sql-first-schema': message('err.open.why.sqlFirstSchema'),
    'upstream-v3': message('err.open.why.upstreamV3'),
  };
  const reason = unsafe[detection.generation];
  if (reason !== undefined)
    throw new EngineError(
      'REPAIR_NEEDED',
      message('err.open.wontMigrate', { path }, { reason: [ref(reason)] }),
      undefined,
      {
        action: 'open-tab',
        tab: 'backups',
      },
    );
}

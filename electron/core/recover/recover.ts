// `paneldb recover`: read every row a damaged panel file still holds and write them into a NEW
// file with the panel's exact GORM schema. The input and its -wal are only ever read. The output
// is written like every PanelDB file (temp, fsync, rename, fsync folder; mode 0600) and is then
// checked like any other: integrity_check and the panel/Xray rules.
import { resolve } from 'node:path';
import { PANEL_MIGRATIONS } from '../../panel/catalog';
import { PANEL_TABLES, type PanelTable } from '../../panel/panel-schema';
import { detectDatabase } from '../detect';
import { EngineError, osErrorCode } from '../engine-error';
import { nodeFileSystem, type FileSystem } from '../file-system';
import { writeFileAtomically } from '../save';
import { loadSqlJs } from '../sqljs';
import { integrityOf } from '../integrity';
import { runChecks } from '../health-checks';
import { scanImage } from './btree-scan';
import { buildOutput } from './output-db';
import { placeRows } from './placement';
import { knownShapes } from './table-shapes';
import { readWal, applyWal } from '../wal';
import { imageAtCommit, walCommitTimeline } from './wal-commits';
import type { RecoverReport, WalTimeline } from '../../shared/recover-reports';
import { readHeader } from './page-reader';
import { sha256Hex } from '../fingerprint';
import { message } from '../../shared/i18n';

export interface RecoverRequest {
  input: string;
  out: string;
  /** Write the database as right after this WAL commit (0 = main file alone) instead of recovering. */
  walCommit?: number;
  fs?: FileSystem;
}

async function readInput(path: string, fs: FileSystem): Promise<Buffer> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new EngineError('NOT_A_FILE', message('err.file.notRegular', { path }));
    const bytes = await fs.readFile(path);
    if (bytes.length === 0) throw new EngineError('FILE_EMPTY', message('err.recover.empty', { path }));
    return bytes;
  } catch (thrown) {
    if (thrown instanceof EngineError) throw thrown;
    const code = osErrorCode(thrown);
    if (code === 'ENOENT') throw new EngineError('FILE_NOT_FOUND', message('errorText.notFound', { path }));
    throw new EngineError('FILE_UNREADABLE', message('errorText.unreadable', { path }));
  }
}

/** --out must be a new file: never the input, its -wal, or anything that exists. */
export async function checkOutputPath(input: string, out: string, fs: FileSystem): Promise<void> {
  const real = await fs.realpath(input).catch(() => input);
  const target = resolve(out);
  if ([input, real, `${input}-wal`, `${real}-wal`, `${real}-shm`].includes(target)) {
    throw new EngineError('INVALID_ARGUMENT', message('err.recover.outIsInput'));
  }
  const exists = await fs.lstat(target).then(
    () => true,
    () => false,
  );
  if (exists) throw new EngineError('INVALID_ARGUMENT', message('err.recover.outExists', { path: target }));
}

/** Reads the input and its -wal; a damaged -wal is reported and the main file used alone. */
export async function loadForRecovery(
  input: string,
  fs: FileSystem,
): Promise<{ main: Buffer; wal: Buffer | null; image: Buffer; commits: number; note: string | null }> {
  const main = await readInput(input, fs);
  const wal = await fs.readFile(`${input}-wal`).catch(() => null);
  if (wal === null || wal.length === 0)
    return { main, wal, image: Buffer.from(main), commits: 0, note: null };
  try {
    const contents = readWal(wal);
    // A zeroed page 1 loses the page size; the WAL header still has it.
    const base = Buffer.from(main);
    if (!readHeader(base).headerValid && base.length >= 100 && contents.pageSize > 0) {
      Buffer.from('SQLite format 3\0', 'latin1').copy(base, 0);
      base.writeUInt16BE(contents.pageSize === 65536 ? 1 : contents.pageSize, 16);
      base[20] = 0;
    }
    return { main, wal, image: applyWal(base, contents), commits: contents.transactions, note: null };
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    return {
      main,
      wal,
      image: Buffer.from(main),
      commits: 0,
      note: `The -wal could not be applied (${why}); the main file was read alone.`,
    };
  }
}

export async function recoverDatabase(request: RecoverRequest): Promise<RecoverReport> {
  const fs = request.fs ?? nodeFileSystem;
  const input = resolve(request.input);
  await checkOutputPath(input, request.out, fs);
  const loaded = await loadForRecovery(input, fs);
  let image = loaded.image;
  let commits = loaded.commits;
  if (request.walCommit !== undefined) {
    if (loaded.wal === null)
      throw new EngineError('INVALID_ARGUMENT', message('err.recover.noWal', { path: `${input}-wal` }));
    image = imageAtCommit(loaded.main, loaded.wal, request.walCommit);
    commits = request.walCommit;
  }
  const SQL = await loadSqlJs();
  const scratch = new SQL.Database();
  try {
    const scan = scanImage(image, scratch);
    if (!scan.header.headerValid && scan.rows.length === 0) {
      throw new EngineError('NOT_SQLITE', message('err.recover.nothing', { path: input }));
    }
    const gorm = Object.fromEntries(
      knownShapes(scratch)
        .filter((s) => s.origin === 'gorm')
        .map((s) => [s.name, s.columns]),
    ) as unknown as Record<PanelTable, Array<{ name: string; notNull: boolean }>>;
    const placement = placeRows(scan.rows, gorm);
    const claims = new Map<string, number>();
    for (const row of placement.others.get('sqlite_sequence')?.rows ?? []) {
      const [name, seq] = row.values;
      if (typeof name === 'string' && typeof seq === 'number')
        claims.set(name, Math.max(seq, claims.get(name) ?? 0));
    }
    const db = await buildOutput(placement, scan.schema, claims);
    let bytes: Uint8Array;
    let checks: RecoverReport['checks'];
    try {
      const section = runChecks(db);
      checks = {
        integrity: integrityOf(db),
        errors: section.summary.error,
        warnings: section.summary.warning,
        infos: section.summary.info,
        generation: detectDatabase(db, PANEL_MIGRATIONS).generation,
      };
      bytes = db.export();
    } finally {
      db.close();
    }
    // A state picked from the WAL timeline is written exactly as it was, when SQLite finds it sound.
    const verbatim = request.walCommit !== undefined && (await soundImage(image));
    if (verbatim) {
      bytes = image;
      const db2 = new SQL.Database(image);
      try {
        const section = runChecks(db2);
        checks = {
          integrity: 'ok',
          errors: section.summary.error,
          warnings: section.summary.warning,
          infos: section.summary.info,
          generation: detectDatabase(db2, PANEL_MIGRATIONS).generation,
        };
      } finally {
        db2.close();
      }
    }
    await writeFileAtomically(resolve(request.out), bytes, { fs, mode: 0o600 });

    const origins = new Set(
      scan.rows.filter((r) => r.source === 'btree' && r.shape?.table).map((r) => r.shape!.origin),
    );
    // SQL-first inbounds and history_of_seeders look exactly like GORM's, so one SQL-first table decides.
    const sourceSchema = origins.has('sql-first') ? 'sql-first' : origins.size === 0 ? 'unknown' : 'gorm';
    const byReason: Record<string, number> = {};
    const byGuess: Record<string, number> = {};
    for (const row of placement.lost) {
      const reason = row.reason.replace(/\d+|"[^"]*"/g, '#');
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      byGuess[row.tableGuess ?? '(unknown)'] = (byGuess[row.tableGuess ?? '(unknown)'] ?? 0) + 1;
    }
    const tables = Object.fromEntries(
      PANEL_TABLES.map((t) => [t, { ...placement.tally[t], claimed_max_id: claims.get(t) ?? null }]),
    ) as RecoverReport['tables'];
    return {
      input,
      output: resolve(request.out),
      output_sha256: sha256Hex(bytes),
      mode: verbatim ? 'wal-commit' : 'recovered',
      wal: { present: loaded.wal !== null, commits_applied: commits, note: loaded.note },
      page_size: scan.header.pageSize,
      pages: scan.header.pageCount,
      header_valid: scan.header.headerValid,
      schema_source: scan.schemaSource,
      source_schema: sourceSchema,
      tables,
      other_tables: Object.fromEntries(
        [...placement.others].filter(([n]) => n !== 'sqlite_sequence').map(([n, o]) => [n, o.rows.length]),
      ),
      unreadable_pages: scan.unreadable,
      lost_and_found: { rows: placement.lost.length, by_reason: byReason, by_table_guess: byGuess },
      checks,
    };
  } finally {
    scratch.close();
  }
}

async function soundImage(image: Buffer): Promise<boolean> {
  const SQL = await loadSqlJs();
  try {
    const db = new SQL.Database(Buffer.from(image));
    try {
      return integrityOf(db) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** `--list-wal-commits`: the transactions committed in `<db>-wal`, read-only. */
export async function listWalCommits(input: string, fs: FileSystem = nodeFileSystem): Promise<WalTimeline> {
  const path = resolve(input);
  const main = await readInput(path, fs);
  const wal = await fs.readFile(`${path}-wal`).catch(() => null);
  if (wal === null || wal.length === 0)
    return { input: path, wal_present: wal !== null, ignored_frames: 0, commits: [] };
  const SQL = await loadSqlJs();
  const scratch = new SQL.Database();
  try {
    return { input: path, wal_present: true, ...walCommitTimeline(main, wal, scratch) };
  } finally {
    scratch.close();
  }
}

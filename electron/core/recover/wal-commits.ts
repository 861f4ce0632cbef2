// WAL time travel: the committed transactions of a -wal in order, what each changed, and the
// database exactly as it was right after any one of them. readWal (../wal.ts) validates salts and
// checksums and says how many frames are committed; here we only walk those frames again to find
// the commit boundaries (a frame with a non-zero "db size" field ends a transaction).
import type { Database } from 'sql.js';
import type { TableChange, WalCommit } from '../../shared/recover-reports';
import { EngineError } from '../engine-error';
import { readWal } from '../wal';
import { scanImage } from './btree-scan';
import { valuesJson } from './output-db';
import { message } from '../../shared/i18n';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

interface Frame {
  page: number;
  commitSize: number;
  at: number;
}

function committedFrames(wal: Buffer): { frames: Frame[]; pageSize: number; ignored: number } {
  const contents = readWal(wal);
  const frames: Frame[] = [];
  for (let i = 0; i < contents.committedFrames; i++) {
    const at = WAL_HEADER + i * (FRAME_HEADER + contents.pageSize);
    frames.push({ page: wal.readUInt32BE(at), commitSize: wal.readUInt32BE(at + 4), at: at + FRAME_HEADER });
  }
  return { frames, pageSize: contents.pageSize, ignored: contents.ignoredFrames };
}

/** Commit boundaries: each entry is the frames of one transaction. */
function transactions(frames: readonly Frame[]): Frame[][] {
  const out: Frame[][] = [];
  let current: Frame[] = [];
  for (const frame of frames) {
    current.push(frame);
    if (frame.commitSize !== 0) {
      out.push(current);
      current = [];
    }
  }
  return out;
}

function checkPageSize(main: Buffer, pageSize: number): void {
  if (main.length < 100 || main.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return;
  const raw = main.readUInt16BE(16);
  const mainSize = raw === 1 ? 65536 : raw;
  if (mainSize !== pageSize && mainSize !== 0) {
    throw new EngineError('WAL_MISMATCH', message('err.wal.pageSizeDiffers'));
  }
}

/** The image after commit `n` (0 = the main file alone), in rollback-journal mode. */
export function imageAtCommit(main: Buffer, wal: Buffer, n: number): Buffer {
  const { frames, pageSize } = committedFrames(wal);
  const txns = transactions(frames);
  if (!Number.isInteger(n) || n < 0 || n > txns.length) {
    throw new EngineError('INVALID_ARGUMENT', message('err.recover.noSuchCommit', { n, count: txns.length }));
  }
  if (n === 0) return Buffer.from(main);
  checkPageSize(main, pageSize);
  const size = txns[n - 1]!.at(-1)!.commitSize;
  const image = Buffer.alloc(size * pageSize);
  main.copy(image, 0, 0, Math.min(main.length, image.length));
  for (const txn of txns.slice(0, n)) {
    for (const frame of txn) {
      if (frame.page <= size) wal.copy(image, (frame.page - 1) * pageSize, frame.at, frame.at + pageSize);
    }
  }
  if (image.length >= 20) {
    image[18] = 1;
    image[19] = 1;
  }
  return image;
}

type State = { tables: Map<string, Map<string, string>>; schema: string };

function stateOf(image: Buffer, scratch: Database, pageSize: number): State {
  const scan = scanImage(image, scratch, { liveOnly: true, pageSizeHint: pageSize });
  const tables = new Map<string, Map<string, string>>();
  for (const row of scan.rows) {
    const name = row.shape?.name;
    if (name === undefined || row.rowid === null) continue;
    const rows = tables.get(name) ?? new Map<string, string>();
    rows.set(String(row.rowid), row.problem ?? valuesJson(row.values));
    tables.set(name, rows);
  }
  for (const entry of scan.schema)
    if (entry.type === 'table' && !tables.has(entry.name)) tables.set(entry.name, new Map());
  const schema = scan.schema
    .map((e) => `${e.type}|${e.name}|${e.sql ?? ''}`)
    .sort()
    .join('\n');
  return { tables, schema };
}

function diff(before: State, after: State): Record<string, TableChange> {
  const out: Record<string, TableChange> = {};
  for (const name of new Set([...before.tables.keys(), ...after.tables.keys()])) {
    const a = before.tables.get(name) ?? new Map<string, string>();
    const b = after.tables.get(name) ?? new Map<string, string>();
    const change: TableChange = { inserted: 0, updated: 0, deleted: 0 };
    for (const [rowid, value] of b) {
      const old = a.get(rowid);
      if (old === undefined) change.inserted++;
      else if (old !== value) change.updated++;
    }
    for (const rowid of a.keys()) if (!b.has(rowid)) change.deleted++;
    if (change.inserted + change.updated + change.deleted > 0) out[name] = change;
  }
  return out;
}

/** Every committed transaction with the rows it changed per table (compared state by state). */
export function walCommitTimeline(
  main: Buffer,
  wal: Buffer,
  scratch: Database,
): { commits: WalCommit[]; ignored_frames: number } {
  const { frames, pageSize, ignored } = committedFrames(wal);
  checkPageSize(main, pageSize);
  const commits: WalCommit[] = [];
  let previous = stateOf(imageAtCommit(main, wal, 0), scratch, pageSize);
  transactions(frames).forEach((txn, i) => {
    const current = stateOf(imageAtCommit(main, wal, i + 1), scratch, pageSize);
    commits.push({
      index: i + 1,
      frames: txn.length,
      pages: new Set(txn.map((f) => f.page)).size,
      db_size_pages: txn.at(-1)!.commitSize,
      schema_changed: current.schema !== previous.schema,
      tables: diff(previous, current),
    });
    previous = current;
  });
  return { commits, ignored_frames: ignored };
}

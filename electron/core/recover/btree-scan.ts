// Reads every row that can still be read from a database image: the table b-trees named in
// sqlite_master (or, when sqlite_master is gone, found by scanning), then every table leaf page no
// live b-tree reaches (freelist pages keep dropped tables' rows; orphans are leaves cut off by a
// damaged interior or root page). Every loop is bounded by the page count or a visited set, so a
// page cycle or a hostile count cannot hang the scan.
import type { Database } from 'sql.js';
import {
  Damage,
  decodeRecord,
  pageOf,
  readBtreePage,
  readHeader,
  readInteriorCell,
  readLeafCell,
  type DbHeader,
  type Value,
} from './page-reader';
import { readFreelist, readOverflow } from './page-chains';
import { classifyPage, classifyRecord, scoreRecord } from './row-classifier';
import { classifyDeclared, knownShapes, shapeFromDdl, type TableShape } from './table-shapes';
import { carvePage } from './carve';

export type RowSource = 'btree' | 'orphan' | 'freelist' | 'freeblock';

export interface FoundRow {
  /** The shape the record was read as; null when nothing fits. */
  shape: TableShape | null;
  /** The table named by sqlite_master for b-tree rows (may be a non-panel table). */
  rowid: number | bigint | null;
  types: number[];
  values: Value[];
  source: RowSource;
  page: number;
  cell: number;
  /** Set when the row cannot be trusted as a whole (cut overflow chain): never placed in a table. */
  problem: string | null;
}

export interface SchemaEntry {
  type: string;
  name: string;
  rootpage: number;
  sql: string | null;
}

export interface ScanResult {
  header: DbHeader;
  schema: SchemaEntry[];
  schemaSource: 'sqlite_master' | 'page-scan' | 'none';
  rows: FoundRow[];
  unreadable: Array<{ page: number; reason: string }>;
}

const MAX_DEPTH = 40;

interface WalkState {
  file: Uint8Array;
  header: DbHeader;
  owned: Set<number>;
  overflowUsed: Set<number>;
  unreadable: Map<number, string>;
}

/** Walks one table b-tree; `onCell` gets every leaf cell. Damaged pages are noted and skipped. */
function walkTable(
  state: WalkState,
  root: number,
  onCell: (page: number, index: number, data: Uint8Array, offset: number) => void,
): void {
  const stack: Array<[number, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [number, depth] = stack.pop()!;
    if (state.owned.has(number) || depth > MAX_DEPTH) continue;
    const page = pageOf(state.file, state.header, number);
    if (page === null) {
      state.unreadable.set(number, 'page number beyond the end of the file');
      continue;
    }
    try {
      const btree = readBtreePage(page, state.header.usableSize);
      if (btree.flag !== 0x0d && btree.flag !== 0x05)
        throw new Damage(`page ${number} is an index page inside a table b-tree`);
      state.owned.add(number);
      if (btree.flag === 0x05) {
        for (const at of btree.cells) {
          try {
            stack.push([readInteriorCell(page.data, at)[0], depth + 1]);
          } catch {
            state.unreadable.set(number, 'interior cell unreadable');
          }
        }
        if (btree.rightChild !== null) stack.push([btree.rightChild, depth + 1]);
      } else {
        btree.cells.forEach((at, index) => onCell(number, index, page.data, at));
      }
    } catch (thrown) {
      state.unreadable.set(number, thrown instanceof Error ? thrown.message : String(thrown));
    }
  }
}

/** Index b-trees are only walked to mark their pages as in use. */
function markIndex(state: WalkState, root: number): void {
  const stack: Array<[number, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [number, depth] = stack.pop()!;
    if (state.owned.has(number) || depth > MAX_DEPTH) continue;
    const page = pageOf(state.file, state.header, number);
    if (page === null) continue;
    try {
      const btree = readBtreePage(page, state.header.usableSize);
      if (btree.flag !== 0x0a && btree.flag !== 0x02) continue;
      state.owned.add(number);
      if (btree.flag === 0x02) {
        for (const at of btree.cells) stack.push([readInteriorCell(page.data, at)[0], depth + 1]);
        if (btree.rightChild !== null) stack.push([btree.rightChild, depth + 1]);
      }
    } catch {
      // an unreadable index is rebuilt by SQLite in the new file anyway
    }
  }
}

interface CellRecord {
  rowid: number | bigint;
  types: number[];
  values: Value[];
  problem: string | null;
}

function readCellRecord(state: WalkState, data: Uint8Array, at: number): CellRecord {
  const cell = readLeafCell(data, at, state.header.usableSize);
  let payload = cell.local;
  if (cell.overflow !== 0) {
    const read = readOverflow(state.file, state.header, cell, state.overflowUsed);
    // Keep what the local part holds (for lost_and_found), never as the row itself.
    if (!('payload' in read)) return lostCell(cell.rowid, cell.local, read.error);
    payload = read.payload;
  }
  try {
    return { rowid: cell.rowid, ...decodeRecord(payload), problem: null };
  } catch (thrown) {
    if (!(thrown instanceof Damage)) throw thrown;
    // The cell itself was readable: its rowid and raw bytes go to lost_and_found with the reason.
    return lostCell(
      cell.rowid,
      payload,
      cell.overflow !== 0 ? `overflow chain damaged: ${thrown.message}` : thrown.message,
    );
  }
}

function lostCell(rowid: number | bigint, raw: Uint8Array, problem: string): CellRecord {
  return { rowid, types: [], values: [Buffer.from(raw.subarray(0, 2048)).toString('hex')], problem };
}

function schemaFromRecord(values: readonly Value[]): SchemaEntry | null {
  const [type, name, , rootpage, sql] = values;
  if (typeof type !== 'string' || typeof name !== 'string') return null;
  if (!['table', 'index', 'view', 'trigger'].includes(type)) return null;
  return {
    type,
    name,
    rootpage: typeof rootpage === 'number' ? rootpage : 0,
    sql: typeof sql === 'string' ? sql : null,
  };
}

export interface ScanOptions {
  pageSizeHint?: number;
  /** Only the rows reachable from sqlite_master (the WAL timeline compares states this way). */
  liveOnly?: boolean;
}

export function scanImage(file: Uint8Array, scratch: Database, options: ScanOptions = {}): ScanResult {
  const pageSizeHint = options.pageSizeHint;
  const header = readHeader(file, pageSizeHint);
  const state: WalkState = { file, header, owned: new Set(), overflowUsed: new Set(), unreadable: new Map() };
  const rows: FoundRow[] = [];

  // 1. sqlite_master is the table b-tree rooted at page 1.
  const schema = new Map<string, SchemaEntry>();
  walkTable(state, 1, (_page, _index, data, at) => {
    try {
      const entry = schemaFromRecord(readCellRecord(state, data, at).values);
      if (entry !== null) schema.set(entry.name, entry);
    } catch {
      // a damaged schema row: the known panel shapes still classify its table's pages
    }
  });
  let schemaSource: ScanResult['schemaSource'] = schema.size > 0 ? 'sqlite_master' : 'none';
  if (state.unreadable.size > 0 || schema.size === 0) {
    // Page 1 or a schema page is damaged: schema rows may survive on other pages.
    for (let number = 2; number <= header.pageCount; number++) {
      if (state.owned.has(number)) continue;
      const page = pageOf(file, header, number);
      if (page === null || page.data[0] !== 0x0d) continue;
      try {
        for (const at of readBtreePage(page, header.usableSize).cells) {
          try {
            const record = readCellRecord(state, page.data, at);
            if (record.types.length !== 5 || record.types[3]! > 6) continue;
            const entry = schemaFromRecord(record.values);
            if (entry !== null && !schema.has(entry.name)) {
              schema.set(entry.name, entry);
              schemaSource = schemaSource === 'none' ? 'page-scan' : schemaSource;
            }
          } catch {
            // not a schema row
          }
        }
      } catch {
        // not a leaf page
      }
    }
  }

  // 2. Every table b-tree named there, read with the shape its own DDL declares.
  const known = knownShapes(scratch);
  const declared: TableShape[] = [];
  for (const entry of schema.values()) {
    if (entry.type === 'index' && entry.rootpage > 0) markIndex(state, entry.rootpage);
    if (entry.type !== 'table' || entry.rootpage <= 0 || entry.sql === null) continue;
    const parsed = shapeFromDdl(scratch, entry.name, entry.sql);
    if (parsed === null) continue;
    const shape = classifyDeclared(parsed, known);
    declared.push(shape);
    walkTable(state, entry.rootpage, (page, index, data, at) => {
      try {
        const record = readCellRecord(state, data, at);
        rows.push({ shape, source: 'btree', page, cell: index, ...record });
      } catch (thrown) {
        state.unreadable.set(
          page,
          `cell ${index}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        );
      }
    });
  }

  const unreadable = () =>
    [...state.unreadable].map(([page, reason]) => ({ page, reason })).sort((a, b) => a.page - b.page);
  if (options.liveOnly === true)
    return { header, schema: [...schema.values()], schemaSource, rows, unreadable: unreadable() };

  // 3. Table leaf pages no live b-tree reached.
  const freelist = readFreelist(file, header);
  const shapes = [...declared.filter((s) => s.table !== null), ...known];
  const carveShapes = shapes.filter((s) => s.table !== null && s.columns.length >= 3);
  for (let number = 1; number <= header.pageCount; number++) {
    const page = pageOf(file, header, number);
    if (page === null) continue;
    const isFree = freelist.leaves.has(number) || freelist.trunks.has(number);
    if (freelist.trunks.has(number)) {
      rows.push(...carvePage(page, header, carveShapes, 'trunk', number));
      continue;
    }
    if (state.overflowUsed.has(number)) continue;
    let btree;
    try {
      btree = readBtreePage(page, header.usableSize);
    } catch {
      continue;
    }
    if (btree.flag !== 0x0d) continue;
    if (!state.owned.has(number)) {
      const records: Array<CellRecord & { index: number }> = [];
      btree.cells.forEach((at, index) => {
        try {
          records.push({ ...readCellRecord(state, page.data, at), index });
        } catch {
          // an unreadable cell on an orphan page: nothing to keep
        }
      });
      const pageShape = classifyPage(
        shapes,
        records.filter((r) => r.problem === null),
      );
      for (const record of records) {
        let shape: TableShape | null = null;
        if (pageShape !== null && scoreRecord(pageShape, record.types, record.values) !== null)
          shape = pageShape;
        else shape = classifyRecord(shapes, record.types, record.values)?.shape ?? null;
        rows.push({
          shape: record.problem === null ? shape : pageShape,
          rowid: record.rowid,
          types: record.types,
          values: record.values,
          source: isFree ? 'freelist' : 'orphan',
          page: number,
          cell: record.index,
          problem: record.problem,
        });
      }
    }
    rows.push(...carvePage(page, header, carveShapes, btree, number));
  }
  return {
    header,
    schema: [...schema.values()],
    schemaSource,
    rows,
    unreadable: unreadable(),
  };
}

// Decides where each found row goes. Rows of the live b-trees come first, then orphaned leaves,
// then freelist pages, then carved free space. A row is put into its panel table only when it maps
// cleanly to GORM's columns and collides with nothing already placed (same rowid, or the same value
// in a UNIQUE column); everything else goes to lost_and_found with the reason. Identical copies of
// a placed row (a page freed by a rebalance still holds them) are counted, not kept twice.
import { PANEL_TABLES, type PanelTable } from '../../panel/panel-schema';
import type { TableTally } from '../../shared/recover-reports';
import type { FoundRow, RowSource } from './btree-scan';
import type { Value } from './page-reader';
import { SQL_FIRST_RENAMES, type TableShape } from './table-shapes';

/** UNIQUE constraints of the GORM schema (docs/panel-database.md §1.2). */
const UNIQUE: Readonly<Partial<Record<PanelTable, string>>> = {
  inbounds: 'tag',
  outbound_traffics: 'tag',
  inbound_client_ips: 'client_email',
  client_traffics: 'email',
};

export interface PlacedRow {
  id: number | bigint;
  values: Map<string, Value>;
}

export interface LostRow {
  source: RowSource;
  page: number;
  cell: number;
  tableGuess: string | null;
  rowid: number | bigint | null;
  reason: string;
  values: Value[];
}

export interface Placement {
  tables: Record<PanelTable, PlacedRow[]>;
  tally: Record<PanelTable, TableTally>;
  lost: LostRow[];
  /** Rows of non-panel tables read from their own b-trees, kept as they are. */
  others: Map<string, { shape: TableShape; rows: Array<{ rowid: number | bigint; values: Value[] }> }>;
}

const ORDER: Record<RowSource, number> = { btree: 0, orphan: 1, freelist: 2, freeblock: 3 };
const SOURCE_KEY = {
  btree: 'from_btree',
  orphan: 'from_orphan_pages',
  freelist: 'from_freelist',
  freeblock: 'from_freeblocks',
} as const;

const sameValue = (a: Value | undefined, b: Value | undefined): boolean => {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
};

function emptyTally(): TableTally {
  return {
    recovered: 0,
    from_btree: 0,
    from_orphan_pages: 0,
    from_freelist: 0,
    from_freeblocks: 0,
    ids_assigned: 0,
    duplicates_ignored: 0,
    to_lost_and_found: 0,
    unmapped_columns: [],
    renamed_columns: {},
  };
}

/** GORM column name for a source column, or null when GORM has no such column. */
function gormName(shape: TableShape, column: string, gorm: readonly string[]): string | null {
  const renamed = shape.origin === 'sql-first' ? SQL_FIRST_RENAMES[shape.name]?.[column] : undefined;
  if (renamed !== undefined) return renamed;
  return gorm.includes(column) ? column : null;
}

export function placeRows(
  rows: readonly FoundRow[],
  gormColumns: Readonly<Record<PanelTable, ReadonlyArray<{ name: string; notNull: boolean }>>>,
): Placement {
  const tables = Object.fromEntries(PANEL_TABLES.map((t) => [t, [] as PlacedRow[]])) as Record<
    PanelTable,
    PlacedRow[]
  >;
  const tally = Object.fromEntries(PANEL_TABLES.map((t) => [t, emptyTally()])) as Record<
    PanelTable,
    TableTally
  >;
  const byId = new Map<PanelTable, Map<string, PlacedRow>>(PANEL_TABLES.map((t) => [t, new Map()]));
  const byUnique = new Map<PanelTable, Map<string, string>>(PANEL_TABLES.map((t) => [t, new Map()]));
  const lost: LostRow[] = [];
  const others: Placement['others'] = new Map();
  const waiting: Array<{ table: PanelTable; row: FoundRow; values: Map<string, Value> }> = [];

  const toLost = (row: FoundRow, reason: string) => {
    lost.push({
      source: row.source,
      page: row.page,
      cell: row.cell,
      tableGuess: row.shape?.name ?? null,
      rowid: row.rowid,
      reason,
      values: row.values,
    });
    if (row.shape?.table) tally[row.shape.table].to_lost_and_found++;
  };

  const sorted = [...rows].sort((a, b) => ORDER[a.source] - ORDER[b.source]);
  for (const row of sorted) {
    const shape = row.shape;
    if (row.problem !== null) {
      toLost(row, row.problem);
      continue;
    }
    if (shape === null) {
      toLost(row, 'matches no known table shape');
      continue;
    }
    if (shape.table === null) {
      if (row.source === 'btree' && row.rowid !== null) {
        const entry = others.get(shape.name) ?? { shape, rows: [] };
        entry.rows.push({ rowid: row.rowid, values: row.values });
        others.set(shape.name, entry);
      }
      continue;
    }
    const table = shape.table;
    const gorm = gormColumns[table].map((c) => c.name);
    const values = new Map<string, Value>();
    shape.columns.forEach((column, index) => {
      if (index === shape.rowidAlias) return;
      const target = gormName(shape, column.name, gorm);
      const value = row.values[index] ?? null;
      if (target === null) {
        if (!tally[table].unmapped_columns.includes(column.name))
          tally[table].unmapped_columns.push(column.name);
        return;
      }
      if (target !== column.name) tally[table].renamed_columns[column.name] = target;
      // A record written before ALTER TABLE ADD COLUMN has fewer values: the column's default applies.
      if (index < row.values.length) values.set(target, value);
    });
    values.delete('id');
    const missing = gormColumns[table].find(
      (c) => c.notNull && c.name !== 'id' && (values.get(c.name) ?? null) === null,
    );
    if (missing !== undefined) {
      toLost(row, `${table}.${missing.name} is NOT NULL in the panel's schema but empty here`);
      continue;
    }
    if (row.rowid === null) {
      waiting.push({ table, row, values });
      continue;
    }
    place(table, row, values, row.rowid);
  }
  // Carved rows whose rowid was overwritten: only tables with a UNIQUE key can tell a deleted row
  // from an older copy of a live one, so only those get a fresh id (max + 1, as the panel's own
  // AddInbound does); the rest stay in lost_and_found.
  for (const { table, row, values } of waiting) {
    const key = UNIQUE[table];
    const keyValue = key === undefined ? null : (values.get(key) ?? null);
    if (key === undefined || keyValue === null) {
      toLost(
        row,
        'deleted row whose rowid was overwritten; the table has no UNIQUE key to tell it from an older copy',
      );
      continue;
    }
    const ids = tables[table].map((r) => r.id);
    const next = ids.reduce<bigint>((m, id) => (BigInt(id) > m ? BigInt(id) : m), 0n) + 1n;
    if (place(table, row, values, Number(next))) tally[table].ids_assigned++;
  }
  for (const table of PANEL_TABLES) tally[table].recovered = tables[table].length;
  return { tables, tally, lost, others };

  function place(table: PanelTable, row: FoundRow, values: Map<string, Value>, id: number | bigint): boolean {
    const ids = byId.get(table)!;
    const existing = ids.get(String(id));
    const key = UNIQUE[table];
    const keyValue = key === undefined ? null : (values.get(key) ?? null);
    if (existing !== undefined) {
      const same = [...new Set([...existing.values.keys(), ...values.keys()])].every((c) =>
        sameValue(existing.values.get(c), values.get(c)),
      );
      if (same) tally[table].duplicates_ignored++;
      else toLost(row, `${table} already holds a different row with id ${id} (an older or newer copy)`);
      return false;
    }
    if (key !== undefined && keyValue !== null && typeof keyValue !== 'object') {
      const holder = byUnique.get(table)!.get(String(keyValue));
      if (holder !== undefined) {
        toLost(row, `${table}.${key} ${JSON.stringify(keyValue)} is already used by id ${holder}`);
        return false;
      }
      byUnique.get(table)!.set(String(keyValue), String(id));
    }
    const placed = { id, values };
    ids.set(String(id), placed);
    tables[table].push(placed);
    tally[table][SOURCE_KEY[row.source]]++;
    return true;
  }
}

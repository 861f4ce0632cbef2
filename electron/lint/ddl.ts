// CREATE TABLE parsed into columns and constraints, and compared with GORM's DDL for the panel tables
// (migrations/panel-schema.ts = docs/panel-database.md §1.2). Comparison is by meaning: names, declared
// types, PRIMARY KEY / AUTOINCREMENT, NOT NULL, UNIQUE, DEFAULT and foreign keys; not by spelling.
import { PANEL_DDL, PANEL_TABLES, type PanelTable } from '../panel/panel-schema';
import type { MessageKey, Params } from '../shared/i18n';
import {
  identName,
  isIdent,
  isPunct,
  isWord,
  matchParen,
  splitTopLevel,
  tableNameAt,
  type Range,
} from '../sqlfiles/sql-shape';
import { tokenize, type Token } from '../sqlfiles/sql-tokens';

export interface ColumnDef {
  name: string;
  type: string;
  primaryKey: boolean;
  autoincrement: boolean;
  notNull: boolean;
  unique: boolean;
  defaultValue: string | null;
}

export interface TableDef {
  name: string;
  ifNotExists: boolean;
  /** CREATE TABLE … AS SELECT: no column definitions to compare. */
  asSelect: boolean;
  columns: ColumnDef[];
  foreignKeys: string[];
  /** Multi-column UNIQUE / PRIMARY KEY constraints, normalized. */
  otherConstraints: string[];
}

const COLUMN_CONSTRAINTS = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
]);

const text = (tokens: readonly Token[], range: Range): string =>
  tokens
    .slice(range.start, range.end)
    .map((token) =>
      token.kind === 'word' ? token.value : token.kind === 'quoted' ? identName(token) : token.text,
    )
    .join(' ')
    .replace(/ ?([(),]) ?/g, '$1');

const identList = (tokens: readonly Token[], open: number): { names: string[]; close: number } => {
  const close = matchParen(tokens, open);
  const names = tokens
    .slice(open + 1, close)
    .filter((token) => isIdent(token) && !isWord(token, 'ASC', 'DESC', 'COLLATE'))
    .map(identName);
  return { names, close };
};

/** Skips one DEFAULT value: a literal, a signed number, a word, or a parenthesized expression. */
const defaultEnd = (tokens: readonly Token[], at: number): number => {
  if (isPunct(tokens[at], '(')) return matchParen(tokens, at) + 1;
  if (tokens[at]?.kind === 'op' && (tokens[at]?.text === '-' || tokens[at]?.text === '+')) return at + 2;
  return at + 1;
};

function parseColumn(tokens: readonly Token[], range: Range, table: TableDef): void {
  const first = tokens[range.start];
  if (first === undefined || !isIdent(first)) return;
  const column: ColumnDef = {
    name: identName(first),
    type: '',
    primaryKey: false,
    autoincrement: false,
    notNull: false,
    unique: false,
    defaultValue: null,
  };
  let i = range.start + 1;
  const typeStart = i;
  while (i < range.end) {
    const token = tokens[i] as Token;
    if (token.kind === 'word' && COLUMN_CONSTRAINTS.has(token.value)) break;
    i = isPunct(token, '(') ? matchParen(tokens, i) + 1 : i + 1;
  }
  column.type = text(tokens, { start: typeStart, end: i }).toLowerCase();
  while (i < range.end) {
    const token = tokens[i] as Token;
    if (isWord(token, 'CONSTRAINT')) i += 2;
    else if (isWord(token, 'PRIMARY')) {
      column.primaryKey = true;
      i += 2;
    } else if (isWord(token, 'AUTOINCREMENT')) {
      column.autoincrement = true;
      i++;
    } else if (isWord(token, 'NOT') && isWord(tokens[i + 1], 'NULL')) {
      column.notNull = true;
      i += 2;
    } else if (isWord(token, 'UNIQUE')) {
      column.unique = true;
      i++;
    } else if (isWord(token, 'DEFAULT')) {
      const end = defaultEnd(tokens, i + 1);
      column.defaultValue = text(tokens, { start: i + 1, end });
      i = end;
    } else if (isWord(token, 'REFERENCES')) {
      const target = tableNameAt(tokens, i + 1);
      let next = target?.next ?? i + 1;
      let columns: string[] = [];
      if (isPunct(tokens[next], '(')) {
        const list = identList(tokens, next);
        columns = list.names;
        next = list.close + 1;
      }
      table.foreignKeys.push(`${column.name}->${target?.name ?? '?'}(${columns.join(',')})`);
      i = next;
    } else if (isPunct(token, '(')) {
      i = matchParen(tokens, i) + 1;
    } else {
      i++;
    }
  }
  table.columns.push(column);
}

function parseTableConstraint(tokens: readonly Token[], range: Range, table: TableDef): void {
  let i = range.start;
  if (isWord(tokens[i], 'CONSTRAINT')) i += 2;
  const kind = tokens[i];
  if (isWord(kind, 'PRIMARY', 'UNIQUE')) {
    const open = tokens.findIndex((token, k) => k > i && k < range.end && isPunct(token, '('));
    if (open === -1) return;
    const { names } = identList(tokens, open);
    const only = names.length === 1 ? table.columns.find((column) => column.name === names[0]) : undefined;
    if (only !== undefined) {
      if (isWord(kind, 'PRIMARY')) only.primaryKey = true;
      else only.unique = true;
    } else {
      table.otherConstraints.push(
        `${isWord(kind, 'PRIMARY') ? 'PRIMARY KEY' : 'UNIQUE'}(${names.join(',')})`,
      );
    }
  } else if (isWord(kind, 'FOREIGN')) {
    const open = tokens.findIndex((token, k) => k > i && k < range.end && isPunct(token, '('));
    if (open === -1) return;
    const from = identList(tokens, open);
    const references = tokens.findIndex(
      (token, k) => k > from.close && k < range.end && isWord(token, 'REFERENCES'),
    );
    if (references === -1) return;
    const target = tableNameAt(tokens, references + 1);
    const next = target?.next ?? references + 1;
    const to = isPunct(tokens[next], '(') ? identList(tokens, next).names : [];
    const tail = text(tokens, {
      start: isPunct(tokens[next], '(') ? identList(tokens, next).close + 1 : next,
      end: range.end,
    });
    table.foreignKeys.push(
      `${from.names.join(',')}->${target?.name ?? '?'}(${to.join(',')})${tail === '' ? '' : ` ${tail}`}`,
    );
  } else if (isWord(kind, 'CHECK')) {
    table.otherConstraints.push(`CHECK${text(tokens, { start: i + 1, end: range.end })}`);
  }
}

/** Parses `CREATE [TEMP] TABLE [IF NOT EXISTS] name (…)`; null for any other statement. */
export function parseCreateTable(tokens: readonly Token[]): TableDef | null {
  if (!isWord(tokens[0], 'CREATE')) return null;
  let i = 1;
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  if (!isWord(tokens[i], 'TABLE')) return null;
  i++;
  let ifNotExists = false;
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS')) {
    ifNotExists = true;
    i += 3;
  }
  const name = tableNameAt(tokens, i);
  if (name === null) return null;
  const table: TableDef = {
    name: name.name,
    ifNotExists,
    asSelect: false,
    columns: [],
    foreignKeys: [],
    otherConstraints: [],
  };
  if (isWord(tokens[name.next], 'AS')) {
    table.asSelect = true;
    return table;
  }
  if (!isPunct(tokens[name.next], '(')) return table;
  const close = matchParen(tokens, name.next);
  const items = splitTopLevel(tokens, { start: name.next + 1, end: close });
  for (const item of items) {
    if (isWord(tokens[item.start], 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')) continue;
    parseColumn(tokens, item, table);
  }
  // Table constraints last: they refer to the columns.
  for (const item of items) {
    if (isWord(tokens[item.start], 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')) {
      parseTableConstraint(tokens, item, table);
    }
  }
  return table;
}

export const isPanelTable = (name: string): name is PanelTable =>
  (PANEL_TABLES as readonly string[]).includes(name);

const gormTables = new Map<PanelTable, TableDef>();

/** GORM's own definition of a panel table, parsed from PANEL_DDL. */
export function gormTable(name: PanelTable): TableDef {
  let table = gormTables.get(name);
  if (table === undefined) {
    table = parseCreateTable(tokenize(PANEL_DDL[name]).tokens) as TableDef;
    gormTables.set(name, table);
  }
  return table;
}

const describe = (column: ColumnDef): string => {
  const parts = [column.type === '' ? '(no type)' : column.type];
  if (column.primaryKey) parts.push('PRIMARY KEY');
  if (column.autoincrement) parts.push('AUTOINCREMENT');
  if (column.notNull) parts.push('NOT NULL');
  if (column.unique) parts.push('UNIQUE');
  if (column.defaultValue !== null) parts.push(`DEFAULT ${column.defaultValue}`);
  return parts.join(' ');
};

/** One difference from GORM's DDL: a catalog key and its parameters (SQL names and types). */
export interface DdlDifference {
  key: MessageKey;
  params?: Params;
}

/** The differences of `table` from GORM's DDL, one phrase each; empty when they match. */
export function compareWithGorm(table: TableDef): DdlDifference[] {
  if (!isPanelTable(table.name)) return [];
  const gorm = gormTable(table.name);
  if (table.asSelect) return [{ key: 'lint.diff.asSelect' }];
  const differences: DdlDifference[] = [];
  const mine = new Map(table.columns.map((column) => [column.name, column]));
  const theirs = new Map(gorm.columns.map((column) => [column.name, column]));
  const missing = gorm.columns.filter((column) => !mine.has(column.name)).map((column) => column.name);
  const extra = table.columns.filter((column) => !theirs.has(column.name)).map((column) => column.name);
  if (missing.length > 0)
    differences.push({ key: 'lint.diff.missing', params: { names: missing.join(', ') } });
  if (extra.length > 0) differences.push({ key: 'lint.diff.extra', params: { names: extra.join(', ') } });
  for (const column of table.columns) {
    const expected = theirs.get(column.name);
    if (expected === undefined) continue;
    const a = describe(column);
    const b = describe(expected);
    if (a !== b)
      differences.push({ key: 'lint.diff.column', params: { column: column.name, actual: a, expected: b } });
  }
  const fkMine = new Set(table.foreignKeys);
  const fkTheirs = new Set(gorm.foreignKeys);
  for (const fk of table.foreignKeys)
    if (!fkTheirs.has(fk)) differences.push({ key: 'lint.diff.extraForeignKey', params: { key: fk } });
  for (const fk of gorm.foreignKeys)
    if (!fkMine.has(fk)) differences.push({ key: 'lint.diff.missingForeignKey', params: { key: fk } });
  for (const other of table.otherConstraints) {
    if (!gorm.otherConstraints.includes(other))
      differences.push({ key: 'lint.diff.extra', params: { names: other } });
  }
  return differences;
}

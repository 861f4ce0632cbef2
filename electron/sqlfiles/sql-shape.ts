// Just enough structure over a statement's tokens for the rules: function calls and their arguments,
// column references, the tables in scope, and the parts of an UPDATE. No full SQL grammar.
import type { Token } from './sql-tokens';

/** Token index range [start, end). */
export interface Range {
  start: number;
  end: number;
}

export interface ColumnRef {
  table?: string;
  column: string;
}

export interface Call {
  /** Lower-case function name. */
  name: string;
  index: number;
  open: number;
  close: number;
  args: Range[];
}

export interface Scope {
  tables: Set<string>;
  /** alias (lower-case) → table (lower-case) */
  aliases: Map<string, string>;
}

export interface Assignment {
  column: string;
  /** The expression after `=`. */
  expr: Range;
}

export interface UpdateParts {
  table: string;
  set: Range;
  assignments: Assignment[];
  where: Range | null;
}

export const isWord = (token: Token | undefined, ...words: string[]): boolean =>
  token !== undefined && token.kind === 'word' && (words.length === 0 || words.includes(token.value));

export const isPunct = (token: Token | undefined, text: string): boolean =>
  token !== undefined && token.kind === 'punct' && token.text === text;

export const isOp = (token: Token | undefined, text: string): boolean =>
  token !== undefined && token.kind === 'op' && token.text === text;

export const isIdent = (token: Token | undefined): token is Token =>
  token !== undefined && (token.kind === 'word' || token.kind === 'quoted');

/** Identifier text as SQLite compares it (ASCII case-insensitive), without quotes. */
export const identName = (token: Token): string =>
  (token.kind === 'quoted' ? token.value : token.text).toLowerCase();

/** Index of the `)` matching the `(` at `open` (or the last index when unbalanced). */
export function matchParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i];
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

/** Paren depth before each token. */
export function depths(tokens: readonly Token[]): number[] {
  const result: number[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (isPunct(token, ')')) depth = Math.max(0, depth - 1);
    result.push(depth);
    if (isPunct(token, '(')) depth++;
  }
  return result;
}

/** Splits [start, end) at commas that are not nested in parentheses. */
export function splitTopLevel(tokens: readonly Token[], range: Range): Range[] {
  const parts: Range[] = [];
  let depth = 0;
  let from = range.start;
  for (let i = range.start; i < range.end; i++) {
    const token = tokens[i];
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    else if (depth === 0 && isPunct(token, ',')) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (from < range.end || parts.length > 0) parts.push({ start: from, end: range.end });
  return parts;
}

/** Every `name(` … `)` call in the tokens (nested calls included), optionally only some names. */
export function findCalls(tokens: readonly Token[], names?: ReadonlySet<string>, within?: Range): Call[] {
  const calls: Call[] = [];
  const start = within?.start ?? 0;
  const end = within?.end ?? tokens.length;
  for (let i = start; i < end - 1; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'word' || !isPunct(tokens[i + 1], '(')) continue;
    const name = token.text.toLowerCase();
    if (names !== undefined && !names.has(name)) continue;
    const close = matchParen(tokens, i + 1);
    const args = close > i + 2 ? splitTopLevel(tokens, { start: i + 2, end: close }) : [];
    calls.push({ name, index: i, open: i + 1, close, args });
  }
  return calls;
}

/** Strips redundant outer parentheses from a range. */
export function unwrap(tokens: readonly Token[], range: Range): Range {
  let { start, end } = range;
  while (end - start >= 2 && isPunct(tokens[start], '(') && matchParen(tokens, start) === end - 1) {
    start++;
    end--;
  }
  return { start, end };
}

/** `col`, `table.col` or `schema.table.col`. */
export function columnRef(tokens: readonly Token[], range: Range): ColumnRef | null {
  const { start, end } = unwrap(tokens, range);
  const slice = tokens.slice(start, end);
  const [a, b, c, d, e] = slice;
  if (slice.length === 1 && isIdent(a)) return { column: identName(a) };
  if (slice.length === 3 && isIdent(a) && isPunct(b, '.') && isIdent(c)) {
    return { table: identName(a), column: identName(c) };
  }
  if (slice.length === 5 && isIdent(a) && isPunct(b, '.') && isIdent(c) && isPunct(d, '.') && isIdent(e)) {
    return { table: identName(c), column: identName(e) };
  }
  return null;
}

/** The value of a range that is exactly one string literal. */
export function stringLiteral(
  tokens: readonly Token[],
  range: Range,
): { value: string; token: Token } | null {
  const { start, end } = unwrap(tokens, range);
  const token = tokens[start];
  return end - start === 1 && token !== undefined && token.kind === 'string'
    ? { value: token.value, token }
    : null;
}

/** A table name at `index` (`t`, `schema.t`); returns the name and the index after it. */
export function tableNameAt(tokens: readonly Token[], index: number): { name: string; next: number } | null {
  const a = tokens[index];
  if (!isIdent(a)) return null;
  const c = tokens[index + 2];
  if (isPunct(tokens[index + 1], '.') && isIdent(c)) return { name: identName(c), next: index + 3 };
  return { name: identName(a), next: index + 1 };
}

const NOT_ALIASES = new Set([
  'WHERE',
  'SET',
  'ON',
  'USING',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'OUTER',
  'GROUP',
  'ORDER',
  'LIMIT',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'WINDOW',
  'HAVING',
  'RETURNING',
  'VALUES',
  'SELECT',
  'DEFAULT',
  'INDEXED',
  'NOT',
  'AS',
  'OR',
  'AND',
]);

/** The tables a statement names after UPDATE / INTO / FROM / JOIN, with their aliases. */
export function tableScope(tokens: readonly Token[]): Scope {
  const scope: Scope = { tables: new Set(), aliases: new Map() };
  const addAt = (index: number, fromList: boolean): number => {
    // In a FROM list, `name(` is a table-valued function (json_each(…)), not a table.
    if (fromList && isPunct(tokens[index + 1], '(')) return index;
    const table = tableNameAt(tokens, index);
    if (table === null) return index;
    scope.tables.add(table.name);
    let next = table.next;
    if (isWord(tokens[next], 'AS')) next++;
    const alias = tokens[next];
    if (!fromList && isPunct(alias, '(')) return next;
    if (isIdent(alias) && !(alias.kind === 'word' && NOT_ALIASES.has(alias.value))) {
      scope.aliases.set(identName(alias), table.name);
      next++;
    }
    return next;
  };
  const level = depths(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (isWord(token, 'UPDATE')) {
      let next = i + 1;
      if (isWord(tokens[next], 'OR')) next += 2;
      addAt(next, false);
    } else if (isWord(token, 'INTO')) {
      addAt(i + 1, false);
    } else if (isWord(token, 'FROM', 'JOIN')) {
      let next = addAt(i + 1, true);
      // FROM a, b: comma-joined tables at the same depth.
      while (isPunct(tokens[next], ',') && level[next] === level[i]) next = addAt(next + 1, true);
    }
  }
  return scope;
}

/** The first keyword that says what the statement does (after a WITH clause). */
export function statementVerb(tokens: readonly Token[]): string {
  const first = tokens[0];
  if (!isWord(first)) return '';
  if (first?.value !== 'WITH') return first?.value ?? '';
  const level = depths(tokens);
  for (let i = 1; i < tokens.length; i++) {
    if (level[i] === 0 && isWord(tokens[i], 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'VALUES')) {
      return tokens[i]?.value ?? '';
    }
  }
  return 'WITH';
}

const UPDATE_ENDS = ['FROM', 'WHERE', 'RETURNING', 'ORDER', 'LIMIT'];

/** UPDATE [OR x] table [AS alias] SET col = expr, … [FROM …] [WHERE …]. */
export function parseUpdate(tokens: readonly Token[]): UpdateParts | null {
  if (statementVerb(tokens) !== 'UPDATE') return null;
  const level = depths(tokens);
  const at = tokens.findIndex((token, i) => level[i] === 0 && isWord(token, 'UPDATE'));
  let next = at + 1;
  if (isWord(tokens[next], 'OR')) next += 2;
  const table = tableNameAt(tokens, next);
  if (table === null) return null;
  const setAt = tokens.findIndex((token, i) => i > at && level[i] === 0 && isWord(token, 'SET'));
  if (setAt === -1) return null;
  let setEnd = tokens.length;
  for (let i = setAt + 1; i < tokens.length; i++) {
    if (level[i] === 0 && isWord(tokens[i], ...UPDATE_ENDS)) {
      setEnd = i;
      break;
    }
  }
  const set = { start: setAt + 1, end: setEnd };
  const assignments: Assignment[] = [];
  for (const part of splitTopLevel(tokens, set)) {
    const eq = tokens.findIndex((token, i) => i >= part.start && i < part.end && isOp(token, '='));
    if (eq === -1) continue;
    const column = columnRef(tokens, { start: part.start, end: eq });
    if (column !== null) assignments.push({ column: column.column, expr: { start: eq + 1, end: part.end } });
  }
  let where: Range | null = null;
  const whereAt = tokens.findIndex((token, i) => i >= setEnd && level[i] === 0 && isWord(token, 'WHERE'));
  if (whereAt !== -1) {
    let whereEnd = tokens.length;
    for (let i = whereAt + 1; i < tokens.length; i++) {
      if (level[i] === 0 && isWord(tokens[i], 'RETURNING', 'ORDER', 'LIMIT')) {
        whereEnd = i;
        break;
      }
    }
    where = { start: whereAt + 1, end: whereEnd };
  }
  return { table: table.name, set, assignments, where };
}

/** The statement's target table for INSERT / REPLACE / DELETE / UPDATE / DROP / ALTER / CREATE. */
export function writeTarget(tokens: readonly Token[]): string | null {
  const verb = statementVerb(tokens);
  const level = depths(tokens);
  const find = (word: string, from = 0) =>
    tokens.findIndex((token, i) => i >= from && level[i] === 0 && isWord(token, word));
  if (verb === 'UPDATE') return parseUpdate(tokens)?.table ?? null;
  if (verb === 'INSERT' || verb === 'REPLACE') {
    const into = find('INTO');
    return into === -1 ? null : (tableNameAt(tokens, into + 1)?.name ?? null);
  }
  if (verb === 'DELETE') {
    const from = find('FROM');
    return from === -1 ? null : (tableNameAt(tokens, from + 1)?.name ?? null);
  }
  if (verb === 'DROP' || verb === 'ALTER' || verb === 'CREATE') {
    const kind = tokens.findIndex((token) => isWord(token, 'TABLE', 'INDEX', 'VIEW', 'TRIGGER'));
    if (kind === -1) return null;
    let next = kind + 1;
    if (isWord(tokens[next], 'IF')) next += isWord(tokens[next + 1], 'NOT') ? 3 : 2;
    if (!isWord(tokens[kind], 'TABLE')) {
      const on = find('ON', next);
      return on === -1 ? null : (tableNameAt(tokens, on + 1)?.name ?? null);
    }
    return tableNameAt(tokens, next)?.name ?? null;
  }
  return null;
}

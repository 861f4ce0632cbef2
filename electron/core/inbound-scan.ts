// One read of the inbounds a check or a fix looks at, parsed once, and the Xray facts the rules
// share: which transport and security an inbound runs, whether VLESS Encryption is on, what a client
// is called, whether a REALITY target is one Xray accepts (docs/panel-database.md §1.4, §2.5a).
import type { Database, SqlValue } from 'sql.js';
import { isPlainObject } from '../panel/go-json';
import { vlessEncryptionOn } from '../panel/xray';
import { bomTest } from './json-column';
import { plainJsonShapeOfBytes } from './json-bytes';
import { jsonShapeOf, type JsonProblem } from './json-shape';
import { columnNames, forEachRow, tableExists } from './sql';
import { COLUMN, eachRawRow, type RawRow } from './sqljs-direct';

export interface ScannedInbound {
  rowid: number;
  id: number;
  /** `inbounds #3 (remark)`: how an admin finds the row in the panel. */
  label: string;
  protocol: string;
  tag: string | null;
  /** The settings text when it has a JSON problem (what the duplicate-flow-keys rule reads), else null. */
  settingsText: string | null;
  /** The parsed settings object; undefined when empty, not JSON or not an object. */
  settings: Record<string, unknown> | undefined;
  stream: Record<string, unknown> | undefined;
  /** `settings.clients` when it is an array. */
  clients: unknown[] | undefined;
  /** The JSON columns (settings, stream_settings, sniffing) that are not JSON or repeat a key. */
  jsonProblems: Array<{ column: string; problem: JsonProblem }>;
}

const JSON_COLUMNS = ['settings', 'stream_settings', 'sniffing'] as const;

/** A JSON column as read: its text (only when it has a problem: what a rule reads again) and value. */
interface ReadColumn {
  text: string | null;
  value: unknown;
}

/**
 * Parses one JSON column once, as Go would; its problem (if any) is recorded from the same parse. A
 * text with a leading BOM is one the panel cannot read (json-column.ts): no value.
 */
function parseColumn(
  column: string,
  raw: unknown,
  bom: unknown,
  problems: ScannedInbound['jsonProblems'],
): ReadColumn {
  const source = text(raw);
  if (source === null || source === '') return { text: source, value: undefined };
  const shape = jsonShapeOf(source, bom === 1);
  if (shape.problem !== null) problems.push({ column, problem: shape.problem });
  return { text: source, value: shape.value };
}

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** The SELECT of every inbound (or of the given rowids), and the JSON columns this file has. */
function inboundQuery(db: Database, rowids?: readonly number[]): { sql: string; columns: string[] } {
  // Very old panels have no sniffing column; the other columns every generation has.
  const present = columnNames(db, 'inbounds');
  const columns = JSON_COLUMNS.filter((column) => present.includes(column));
  const jsonColumns = columns.map((column) => `, ${column}, ${bomTest(column)} AS ${column}_bom`).join('');
  const only =
    rowids === undefined ? '' : ` WHERE rowid IN (${rowids.map((rowid) => Number(rowid)).join(',')})`;
  return {
    sql: `SELECT rowid AS rowid, id, remark, protocol, tag${jsonColumns} FROM inbounds${only} ORDER BY rowid`,
    columns,
  };
}

/**
 * Each inbound in rowid order (only `rowids` when given), parsed once; the caller keeps what it
 * needs of it.
 */
export function forEachScannedInbound(
  db: Database,
  visit: (inbound: ScannedInbound) => void,
  rowids?: readonly number[],
): void {
  if (!tableExists(db, 'inbounds')) return;
  const { sql, columns } = inboundQuery(db, rowids);
  // Each row is parsed as it comes: the texts of a 100 MB panel (~60 MB) are never all alive at once.
  // Straight from sql.js's memory where it can (sqljs-direct.ts), a column's text is parsed from its
  // bytes and never decoded when JSON.parse vouches for it (json-bytes.ts).
  const direct = eachRawRow(db, sql, (row) => visit(scanRawRow(row, columns)));
  if (direct) return;
  forEachRow(db, sql, (values) =>
    visit(
      scanRow(
        (index) => values[index] ?? null,
        (index, column, problems) =>
          parseColumn(column, values[index] ?? null, values[index + 1] ?? null, problems),
        columns,
      ),
    ),
  );
}

function scanRawRow(row: RawRow, columns: readonly string[]): ScannedInbound {
  return scanRow(
    (index) => row.value(index),
    (index, column, problems) => {
      const bom = row.value(index + 1);
      if (bom !== 1 && row.type(index) === COLUMN.text) {
        const shape = plainJsonShapeOfBytes(row.bytes(index));
        if (shape !== undefined) return { text: null, value: shape.value };
      }
      return parseColumn(column, row.value(index), bom, problems);
    },
    columns,
  );
}

/**
 * An inbound row as read, for a thread with no database (inbound-check-worker.ts): `values` as
 * scanRow reads them, where each JSON column that is a TEXT is null and its stored bytes are in
 * `texts` (a copy in shared memory, which either thread can parse), one entry per JSON column (null
 * where the column is not a TEXT).
 */
export interface InboundRowBytes {
  rowid: number;
  columns: string[];
  values: SqlValue[];
  texts: Array<Uint8Array | null>;
}

/**
 * How deep a value the worker may vouch for: a recursive walk (JSON.stringify of a REALITY target, a
 * copy between threads) overflows at a depth that depends on a thread's stack, and a finding must not
 * depend on which thread read the row. Panels nest a few levels.
 */
const HANDED_OVER_MAX_DEPTH = 256;

/**
 * The inbound of a row read elsewhere, when every JSON column that is a TEXT is one JSON.parse
 * vouches for from its bytes and nests at most HANDED_OVER_MAX_DEPTH levels; undefined otherwise
 * (the engine's thread reads that row again and decodes it as sql.js does).
 */
export function scanInboundBytes(row: InboundRowBytes): ScannedInbound | undefined {
  let vouched = true;
  const inbound = scanRow(
    (index) => row.values[index] ?? null,
    (index, column, problems) => {
      const bytes = row.texts[(index - 5) / 2] ?? null;
      const bom = row.values[index + 1] ?? null;
      if (bytes === null) return parseColumn(column, row.values[index] ?? null, bom, problems);
      const shape = bom === 1 ? undefined : plainJsonShapeOfBytes(bytes);
      if (shape === undefined || shape.depth > HANDED_OVER_MAX_DEPTH) {
        vouched = false;
        return { text: null, value: undefined };
      }
      return { text: null, value: shape.value };
    },
    row.columns,
  );
  return vouched ? inbound : undefined;
}

/**
 * Each inbound in rowid order, where `keep(bytes)` (the stored size of its JSON texts) says whether
 * this thread parses it (`visit`) or hands it on as read (`handOver`). False when sql.js's memory
 * cannot be read directly: then nothing was visited or handed over.
 */
export function splitInboundScan(
  db: Database,
  keep: (bytes: number) => boolean,
  visit: (inbound: ScannedInbound) => void,
  handOver: (row: InboundRowBytes) => void,
): boolean {
  if (!tableExists(db, 'inbounds')) return true;
  const { sql, columns } = inboundQuery(db);
  return eachRawRow(db, sql, (row) => {
    let bytes = 0;
    for (let position = 0; position < columns.length; position += 1)
      if (row.type(5 + 2 * position) === COLUMN.text) bytes += row.bytes(5 + 2 * position).length;
    if (keep(bytes)) {
      visit(scanRawRow(row, columns));
      return;
    }
    const values: SqlValue[] = [];
    const texts: Array<Uint8Array | null> = [];
    for (let index = 0; index < 5 + 2 * columns.length; index += 1) {
      const json = index >= 5 && (index - 5) % 2 === 0;
      if (json && row.type(index) === COLUMN.text) {
        const bytes = row.bytes(index);
        const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
        shared.set(bytes);
        values.push(null);
        texts.push(shared);
      } else {
        if (json) texts.push(null);
        values.push(row.value(index));
      }
    }
    handOver({ rowid: Number(values[0]), columns, values, texts });
  });
}

export function scanInbounds(db: Database): ScannedInbound[] {
  const scanned: ScannedInbound[] = [];
  forEachScannedInbound(db, (inbound) => scanned.push(inbound));
  return scanned;
}

/** One row: `value(i)` is column i (rowid, id, remark, protocol, tag, then each JSON column and its BOM test). */
function scanRow(
  value: (index: number) => SqlValue,
  readJson: (index: number, column: string, problems: ScannedInbound['jsonProblems']) => ReadColumn,
  columns: readonly string[],
): ScannedInbound {
  const jsonProblems: ScannedInbound['jsonProblems'] = [];
  const read = new Map<string, ReadColumn>();
  columns.forEach((column, position) => read.set(column, readJson(5 + 2 * position, column, jsonProblems)));
  const settings = read.get('settings');
  const stream = read.get('stream_settings');
  const id = value(1);
  const remark = text(value(2));
  const object = isPlainObject(settings?.value) ? settings.value : undefined;
  return {
    rowid: Number(value(0)),
    id: Number(id),
    label: `inbounds #${String(id)}${remark ? ` (${remark})` : ''}`,
    protocol: text(value(3)) ?? '',
    tag: text(value(4)),
    // Only a text with a problem is read again (the duplicate-flow-keys rule and its fix).
    settingsText: jsonProblems.some((entry) => entry.column === 'settings') ? (settings?.text ?? null) : null,
    settings: object,
    stream: isPlainObject(stream?.value) ? stream.value : undefined,
    clients: object !== undefined && Array.isArray(object.clients) ? object.clients : undefined,
    jsonProblems,
  };
}

/** Xray's default transport is raw TCP; `raw` is its newer name. */
export function networkOf(stream: Record<string, unknown>): string {
  const network = stream.network;
  return typeof network === 'string' && network !== '' ? network : 'tcp';
}

export function securityOf(stream: Record<string, unknown>): string {
  const security = stream.security;
  return typeof security === 'string' && security !== '' ? security : 'none';
}

export const isVisionFlow = (flow: unknown): boolean =>
  typeof flow === 'string' && flow.startsWith('xtls-rprx-vision');

export function clientName(client: Record<string, unknown>, index: number): string {
  if (typeof client.email === 'string' && client.email !== '') return `client ${client.email}`;
  if (typeof client.id === 'string' && client.id !== '') return `client ${client.id}`;
  return `client #${index + 1}`;
}

export const encryptionOn = (inbound: ScannedInbound): boolean =>
  inbound.settings !== undefined && vlessEncryptionOn(inbound.settings);

/** VLESS inbounds on XHTTP with TLS or REALITY and no VLESS Encryption: Vision cannot run there. */
export function isXhttpWithoutEncryption(inbound: ScannedInbound): boolean {
  if (inbound.protocol !== 'vless' || inbound.stream === undefined) return false;
  const security = securityOf(inbound.stream);
  return (
    networkOf(inbound.stream) === 'xhttp' &&
    (security === 'tls' || security === 'reality') &&
    !encryptionOn(inbound)
  );
}

/** Indexes of the client objects whose flow (the value Go and Xray read: the last key) is Vision. */
export function visionClientIndexes(inbound: ScannedInbound): number[] {
  const indexes: number[] = [];
  inbound.clients?.forEach((client, index) => {
    if (isPlainObject(client) && isVisionFlow(client.flow)) indexes.push(index);
  });
  return indexes;
}

/**
 * Whether Xray accepts a REALITY target (transport_internet.go REALITYConfig.Build): a port number,
 * a digit string (127.0.0.1:<n>), a unix socket (`/path`, `@name`) or host:port ([v6]:port).
 */
export function realityTargetProblem(target: unknown): string | null {
  if (typeof target === 'number') return Number.isInteger(target) && target >= 0 ? null : 'not a port';
  if (typeof target !== 'string') return 'neither a string nor a port number';
  if (target === '') return 'empty';
  if (/^\d+$/.test(target)) return Number(target) <= 65535 ? null : 'port out of range';
  if (target.startsWith('/') || target.startsWith('@')) return null;
  const colon = target.lastIndexOf(':');
  if (colon < 0) return 'no port';
  const host = target.slice(0, colon);
  const port = target.slice(colon + 1);
  if (!/^\d+$/.test(port) || Number(port) > 65535) return 'no valid port';
  if (host === '') return 'no host';
  if (host.includes(':') && !/^\[[0-9A-Fa-f:.%\w]+\]$/.test(host)) return 'IPv6 host not in brackets';
  return null;
}

/**
 * Names of keys that appear twice in one object of valid JSON text (JSON.parse keeps the last one).
 * Same scan as migration 3's hasDuplicateKeys, but it says which keys.
 */
export function duplicateKeyNames(json: string): Set<string> {
  const names = new Set<string>();
  const scopes: (Set<string> | null)[] = [];
  let index = 0;
  while (index < json.length) {
    const char = json[index];
    if (char === '{') scopes.push(new Set());
    else if (char === '[') scopes.push(null);
    else if (char === '}' || char === ']') scopes.pop();
    else if (char === '"') {
      let end = index + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const literal = json.slice(index, end + 1);
      index = end + 1;
      while (index < json.length && /\s/.test(json[index] ?? '')) index += 1;
      const keys = scopes[scopes.length - 1];
      if (json[index] === ':' && keys) {
        const key = JSON.parse(literal) as string;
        if (keys.has(key)) names.add(key);
        keys.add(key);
      }
      continue;
    }
    index += 1;
  }
  return names;
}

/** Inbounds whose settings hold a client with two `flow` keys (what SQL file 000003 left, §3.6 S11). */
export function hasDuplicateFlowKeys(inbound: ScannedInbound): boolean {
  return (
    inbound.settings !== undefined &&
    inbound.settingsText !== null &&
    inbound.jsonProblems.some((entry) => entry.column === 'settings') &&
    inbound.settingsText.includes('"flow"') &&
    duplicateKeyNames(inbound.settingsText).has('flow')
  );
}

/** Every client object with a non-empty string email, with the inbound it belongs to. */
export function clientsWithEmail(
  inbounds: ScannedInbound[],
): Array<{ inbound: ScannedInbound; client: Record<string, unknown>; email: string }> {
  const found: Array<{ inbound: ScannedInbound; client: Record<string, unknown>; email: string }> = [];
  for (const inbound of inbounds) {
    for (const client of inbound.clients ?? []) {
      if (isPlainObject(client) && typeof client.email === 'string' && client.email !== '')
        found.push({ inbound, client, email: client.email });
    }
  }
  return found;
}

// Panel invariants the data should hold, as evidence for repair and proof after a migration:
// JSON columns parse with no duplicate keys (SQLite's json_valid accepts duplicates, the panel's
// SQL file 000003 created them), passwords are bcrypt, and each seeder marker agrees with the data.
import type { Database } from 'sql.js';
import { isPlainObject, parseJson } from '../panel/go-json';
import { scanInbounds, type ScannedInbound } from './inbound-scan';
import { bomTest } from './json-column';
import { BCRYPT_HASH } from './password-hashing';
import { jsonShapeOf, type JsonProblem } from './json-shape';
import { forEachRow, queryRows, tableExists } from './sql';
import { COLUMN, eachRawRow } from './sqljs-direct';
import { isPlainStringArray } from './json-text-scan';
import type { Evidence } from '../shared/reports';
import { message, ref } from '../shared/i18n';

/** An evidence text: English as always, and the catalog key beside it. */
const said = (text: ReturnType<typeof message>) => ({ message: text.text, msg: ref(text) });

/** Strict JSON as Go decodes it (no comments, no trailing commas, ≤ 10,000 levels), every object's keys unique. */
export function jsonProblemOf(text: string, bom = false): JsonProblem | null {
  return jsonShapeOf(text, bom).problem;
}

const INBOUND_JSON_COLUMNS = ['settings', 'stream_settings', 'sniffing'];

const JSON_COLUMNS: Array<{ table: string; columns: string[]; where?: string }> = [
  { table: 'inbounds', columns: INBOUND_JSON_COLUMNS },
  { table: 'inbound_client_ips', columns: ['ips'] },
  {
    table: 'settings',
    columns: ['value'],
    where:
      "key IN ('xrayTemplateConfig','warp','subJsonFragment','subJsonNoises','subJsonMux','subJsonRules') AND value <> ''",
  },
];

/**
 * Every JSON column that does not parse or repeats a key. `inbounds` (the big one) comes from a scan
 * the caller already made, when it has one: its columns are then decoded and parsed only once.
 */
export function findJsonProblems(
  db: Database,
  inbounds?: Array<Pick<ScannedInbound, 'rowid' | 'jsonProblems'>>,
): JsonProblemFinding[] {
  if (!tableExists(db, 'inbounds')) return jsonProblemsOutsideInbounds(db);
  return [...inboundJsonProblems(inbounds ?? scanInbounds(db)), ...jsonProblemsOutsideInbounds(db)];
}

export interface JsonProblemFinding {
  where: string;
  problem: JsonProblem;
}

/** The JSON problems of scanned inbounds, column by column (the order findJsonProblems gives). */
export function inboundJsonProblems(
  inbounds: ReadonlyArray<Pick<ScannedInbound, 'rowid' | 'jsonProblems'>>,
): JsonProblemFinding[] {
  const found: JsonProblemFinding[] = [];
  for (const column of INBOUND_JSON_COLUMNS)
    for (const inbound of inbounds)
      for (const entry of inbound.jsonProblems)
        if (entry.column === column)
          found.push({ where: `inbounds #${inbound.rowid} ${column}`, problem: entry.problem });
  return found;
}

/** The JSON problems of every JSON column but the inbounds' (they come from a scan of the inbounds). */
export function jsonProblemsOutsideInbounds(db: Database): JsonProblemFinding[] {
  const found: JsonProblemFinding[] = [];
  for (const { table, columns, where } of JSON_COLUMNS) {
    if (table === 'inbounds' || !tableExists(db, table)) continue;
    for (const column of columns) {
      // Most rows of inbound_client_ips (every one a panel writes) cannot have a problem: a first pass
      // straight from sql.js's memory, with no filter or BOM test for SQLite to run on each row, looks
      // at their bytes only; the rows are read as below only if one of them might.
      if (where === undefined && everyRowPlain(db, table, column)) continue;
      const sql = `SELECT rowid AS id, "${column}" AS text, ${bomTest(column)} AS bom FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" <> ''${where ? ` AND ${where}` : ''}`;
      const check = (id: unknown, text: unknown, bom: unknown) => {
        // sql.js drops a leading BOM from the text; Go's decoder rejects it (json-column.ts).
        const problem = jsonProblemOf(String(text), bom === 1);
        if (problem !== null) found.push({ where: `${table} #${String(id)} ${column}`, problem });
      };
      // Straight from sql.js's memory where it can: a row whose bytes are a plain array of strings
      // (every inbound_client_ips row) cannot have a problem and is never turned into a string.
      const direct = eachRawRow(db, sql, (row) => {
        if (row.type(1) === COLUMN.text && isPlainStringArray(row.bytes(1))) return;
        check(row.value(0), row.value(1), row.value(2));
      });
      if (!direct) forEachRow(db, sql, ([id, text, bom]) => check(id, text, bom));
    }
  }
  return found;
}

/**
 * True when every value of table.column is NULL, the empty text (both not JSON columns' business)
 * or a plain string array (isPlainStringArray); false when one is not, or sql.js's memory cannot be read.
 */
function everyRowPlain(db: Database, table: string, column: string): boolean {
  let plain = true;
  const direct = eachRawRow(db, `SELECT "${column}" FROM "${table}"`, (row) => {
    if (!plain) return;
    const type = row.type(0);
    if (type === COLUMN.null) return;
    if (type !== COLUMN.text) plain = false;
    else {
      const bytes = row.bytes(0);
      plain = bytes.length === 0 || isPlainStringArray(bytes);
    }
  });
  return direct && plain;
}

export function passwordStates(
  db: Database,
): Array<{ user: string; state: 'bcrypt' | 'hashed-prefix' | 'plaintext' | 'null' }> {
  if (!tableExists(db, 'users')) return [];
  return queryRows(db, 'SELECT id, username, password FROM users ORDER BY id').map((row) => {
    const password = row.password;
    const user = `users #${row.id} (${String(row.username)})`;
    if (password === null) return { user, state: 'null' };
    const text = String(password);
    if (BCRYPT_HASH.test(text)) return { user, state: 'bcrypt' };
    return { user, state: text.startsWith('HASHED:') ? 'hashed-prefix' : 'plaintext' };
  });
}

/** Rows whose data says a recorded seeder's change is not (or no longer) in place. */
export function markerDisagreements(
  db: Database,
  markers: string[],
  scanned?: Array<Pick<ScannedInbound, 'id' | 'stream'>>,
): Evidence[] {
  const evidence: Evidence[] = [];
  if (!tableExists(db, 'inbounds')) return evidence;
  // Only the stream settings are read here: a scan the caller already made has them parsed.
  const streams = scanned
    ? [...scanned]
        .sort((a, b) => a.id - b.id)
        .map((inbound) => ({ row: { id: inbound.id }, stream: inbound.stream as unknown }))
    : queryRows(db, 'SELECT id, stream_settings FROM inbounds ORDER BY id').map((row) => ({
        row,
        stream: parseJson(row.stream_settings as string | null),
      }));
  if (markers.includes('TlsConfigMigration')) {
    const rows = streams
      .filter(({ stream }) => {
        const tls = isPlainObject(stream) ? stream.tlsSettings : undefined;
        return isPlainObject(tls) && ('verifyPeerCertInNames' in tls || 'allowInsecure' in tls);
      })
      .map(({ row }) => `inbounds #${row.id}`);
    if (rows.length > 0) {
      evidence.push({
        id: 'marker-disagrees:TlsConfigMigration',
        severity: 'warning',
        ...said(message('evidence.markerTlsConfig')),
        rows,
      });
    }
  }
  if (markers.includes('UserPasswordHash')) {
    const rows = passwordStates(db)
      .filter((entry) => entry.state !== 'bcrypt')
      .map((entry) => `${entry.user}: ${entry.state}`);
    if (rows.length > 0) {
      evidence.push({
        id: 'marker-disagrees:UserPasswordHash',
        severity: 'error',
        ...said(message('evidence.markerUserPassword')),
        rows,
      });
    }
  }
  if (markers.includes('RealityTargetMigration')) {
    const rows = streams
      .filter(({ stream }) => {
        const reality = isPlainObject(stream) ? stream.realitySettings : undefined;
        const target = isPlainObject(reality) ? reality.target : undefined;
        return typeof target === 'string' && /^[A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*$/.test(target);
      })
      .map(({ row }) => `inbounds #${row.id}`);
    if (rows.length > 0) {
      evidence.push({
        id: 'marker-disagrees:RealityTargetMigration',
        severity: 'warning',
        ...said(message('evidence.markerRealityTarget')),
        rows,
      });
    }
  }
  return evidence;
}

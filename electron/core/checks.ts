// Panel invariants the data should hold, as evidence for repair and proof after a migration:
// JSON columns parse with no duplicate keys (SQLite's json_valid accepts duplicates, the panel's
// SQL file 000003 created them), passwords are bcrypt, and each seeder marker agrees with the data.
import type { Database } from 'sql.js';
import { visit } from 'jsonc-parser';
import { isPlainObject, parseJson } from '../panel/go-json';
import { queryRows } from './sql';
import type { Evidence } from '../shared/reports';
import { message, ref } from '../shared/i18n';
export type { Evidence };

/** An evidence text: English as always, and the catalog key beside it. */
const said = (text: ReturnType<typeof message>) => ({ message: text.text, msg: ref(text) });

export type JsonProblem = 'invalid-json' | 'duplicate-keys';

/** Strict JSON (no comments, no trailing commas) and every object's keys unique. */
export function jsonProblemOf(text: string): JsonProblem | null {
  let invalid = false;
  let duplicate = false;
  const keysStack: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        keysStack.push(new Set());
      },
      onObjectEnd: () => void keysStack.pop(),
      onObjectProperty: (property) => {
        const keys = keysStack[keysStack.length - 1];
        if (keys?.has(property)) duplicate = true;
        keys?.add(property);
      },
      onError: () => {
        invalid = true;
      },
      onComment: () => {
        invalid = true;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (invalid || parseJson(text) === undefined) return 'invalid-json';
  return duplicate ? 'duplicate-keys' : null;
}

const JSON_COLUMNS: Array<{ table: string; columns: string[]; where?: string }> = [
  { table: 'inbounds', columns: ['settings', 'stream_settings', 'sniffing'] },
  { table: 'inbound_client_ips', columns: ['ips'] },
  {
    table: 'settings',
    columns: ['value'],
    where:
      "key IN ('xrayTemplateConfig','warp','subJsonFragment','subJsonNoises','subJsonMux','subJsonRules') AND value <> ''",
  },
];

function tableExists(db: Database, table: string): boolean {
  return queryRows(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [table]).length > 0;
}

export function findJsonProblems(db: Database): Array<{ where: string; problem: JsonProblem }> {
  const found: Array<{ where: string; problem: JsonProblem }> = [];
  for (const { table, columns, where } of JSON_COLUMNS) {
    if (!tableExists(db, table)) continue;
    for (const column of columns) {
      const rows = queryRows(
        db,
        `SELECT rowid AS id, "${column}" AS text FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" <> ''${where ? ` AND ${where}` : ''}`,
      );
      for (const row of rows) {
        const problem = jsonProblemOf(String(row.text));
        if (problem !== null) found.push({ where: `${table} #${row.id} ${column}`, problem });
      }
    }
  }
  return found;
}

export const BCRYPT_HASH = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

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
export function markerDisagreements(db: Database, markers: string[]): Evidence[] {
  const evidence: Evidence[] = [];
  if (!tableExists(db, 'inbounds')) return evidence;
  const inbounds = queryRows(db, 'SELECT id, protocol, settings, stream_settings FROM inbounds ORDER BY id');
  const streams = inbounds.map((row) => ({ row, stream: parseJson(row.stream_settings as string | null) }));
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

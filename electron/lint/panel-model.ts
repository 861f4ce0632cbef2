// What the rules know about the panel's data (docs/panel-database.md §1.4, §2): which columns hold JSON
// text, which settings keys are JSON, and which Go seeders rewrite which data.
import {
  columnRef,
  isIdent,
  isOp,
  isPunct,
  isWord,
  identName,
  type ColumnRef,
  type Range,
  type Scope,
} from '../sqlfiles/sql-shape';
import type { Token } from '../sqlfiles/sql-tokens';

/** JSON-bearing columns per table (`allocate` is legacy, still present in upgraded files). */
export const JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  inbounds: ['settings', 'stream_settings', 'sniffing', 'allocate'],
  inbound_client_ips: ['ips'],
  settings: ['value'],
};

/** settings.value is JSON only for these keys; the others are plain strings. */
export const JSON_SETTING_KEYS: readonly string[] = [
  'xrayTemplateConfig',
  'warp',
  'subJsonFragment',
  'subJsonNoises',
  'subJsonMux',
  'subJsonRules',
];

/** If the statement pins `key` to literals (`key = 'x'`, `key IN ('a','b')`), those literals. */
function pinnedSettingKeys(tokens: readonly Token[]): string[] | null {
  for (let i = 0; i < tokens.length - 2; i++) {
    const token = tokens[i] as Token;
    if (!isIdent(token) || identName(token) !== 'key') continue;
    const next = tokens[i + 1];
    if ((isOp(next, '=') || isOp(next, '==')) && tokens[i + 2]?.kind === 'string') {
      return [tokens[i + 2]?.value ?? ''];
    }
    if (isWord(next, 'IN') && isPunct(tokens[i + 2], '(')) {
      const values: string[] = [];
      for (let k = i + 3; k < tokens.length && !isPunct(tokens[k], ')'); k++) {
        if (tokens[k]?.kind === 'string') values.push(tokens[k]?.value ?? '');
      }
      if (values.length > 0) return values;
    }
  }
  return null;
}

export interface JsonColumn {
  table: string;
  column: string;
}

/** Resolves a column reference to a JSON column of a panel table in this statement's scope. */
export function jsonColumnOf(ref: ColumnRef, scope: Scope, tokens: readonly Token[]): JsonColumn | null {
  const candidates =
    ref.table !== undefined
      ? [scope.aliases.get(ref.table) ?? ref.table]
      : scope.tables.size > 0
        ? [...scope.tables]
        : Object.keys(JSON_COLUMNS);
  for (const table of candidates) {
    if (!(JSON_COLUMNS[table] ?? []).includes(ref.column)) continue;
    if (table === 'settings' && ref.column === 'value') {
      const keys = pinnedSettingKeys(tokens);
      if (keys !== null && !keys.some((key) => JSON_SETTING_KEYS.includes(key))) continue;
    }
    return { table, column: ref.column };
  }
  return null;
}

/** jsonColumnOf for a token range that is a bare column reference. */
export function jsonColumnAt(tokens: readonly Token[], range: Range, scope: Scope): JsonColumn | null {
  const ref = columnRef(tokens, range);
  return ref === null ? null : jsonColumnOf(ref, scope, tokens);
}

export interface SeederArea {
  seeder: string;
  table: string;
  /** Columns of `table` the seeder rewrites. */
  columns: readonly string[];
  /** Matches the text of a statement's string literals when it touches the seeder's data. */
  literals: RegExp | null;
}

/** The Go seeders (§2.3–§2.6) and the data each one rewrites. */
export const SEEDER_AREAS: readonly SeederArea[] = [
  {
    seeder: 'TlsConfigMigration',
    table: 'inbounds',
    columns: ['stream_settings'],
    literals: /verifyPeerCertInNames|verifyPeerCertByName|allowInsecure|pinnedPeerCertSha256/,
  },
  {
    seeder: 'XhttpFlowMigration',
    table: 'inbounds',
    columns: ['settings'],
    literals: /xtls-rprx-vision|"flow"|\.flow\b/,
  },
  {
    seeder: 'RealityTargetMigration',
    table: 'inbounds',
    columns: ['stream_settings'],
    literals: /realitySettings|"target"|\.target\b/,
  },
  { seeder: 'UserPasswordHash', table: 'users', columns: ['password'], literals: null },
];

// How a changed value is shown: the key-level JSON diff and the name an admin knows the row by.
import type { Database } from 'sql.js';
import diff from 'microdiff';
import { isPlainObject, parseJson } from '../panel/go-json';
import type { JsonChange } from '../shared/reports';
import { queryRows, quoteIdentifier } from './sql';

export function jsonChanges(before: string | null, after: string | null): JsonChange[] | null {
  const left = parseJson(before);
  const right = parseJson(after);
  const structured = (value: unknown) => isPlainObject(value) || Array.isArray(value);
  if (!structured(left) || !structured(right)) return null;
  const changes: JsonChange[] = diff(left as Record<string, unknown>, right as Record<string, unknown>).map(
    (entry) => {
      const path = entry.path.map(String).join('.');
      if (entry.type === 'CREATE') return { path, kind: 'added', after: entry.value };
      if (entry.type === 'REMOVE') return { path, kind: 'removed', before: entry.oldValue };
      return { path, kind: 'changed', before: entry.oldValue, after: entry.value };
    },
  );
  // Same parsed value, different text: duplicate keys collapsed or formatting normalised.
  if (changes.length === 0 && before !== after)
    changes.push({ path: '', kind: 'changed', before: 'text', after: 'normalised' });
  return changes;
}

const LABEL_COLUMNS: Record<string, string> = {
  inbounds: 'remark',
  users: 'username',
  client_traffics: 'email',
  settings: 'key',
};

/** How an admin recognises a row in the panel: remark, user name, email or setting key. */
export function rowLabel(db: Database, table: string, rowid: number): string | null {
  const column = LABEL_COLUMNS[table];
  if (column === undefined) return null;
  const value = queryRows(
    db,
    `SELECT ${quoteIdentifier(column)} AS label FROM ${quoteIdentifier(table)} WHERE rowid = ?`,
    [rowid],
  )[0]?.label;
  return value === null || value === undefined ? null : String(value);
}

// Which panel table does a record found outside any readable b-tree belong to? Records carry no
// table name, only serial types and values, so this matches them against the known shapes: the
// column count, each column's storage class (the rowid-alias id is always stored as NULL) and the
// content the panel is known to keep there (JSON settings, bcrypt passwords, seeder names …).
import type { Value } from './page-reader';
import type { TableShape, ColumnKind } from './table-shapes';

const SETTING_KEY = /^[a-z][A-Za-z0-9]{1,40}$/;
const SEEDER = /^[A-Z][A-Za-z]+(Migration|Hash)$/;
const BCRYPT = /^\$2[abxy]?\$\d{2}\$/;

function fits(kind: ColumnKind, type: number): boolean {
  if (type === 0) return true;
  const integer = type <= 6 || type === 8 || type === 9;
  const text = type >= 13 && type % 2 === 1;
  const blob = type >= 12 && type % 2 === 0;
  if (kind === 'int') return integer;
  if (kind === 'text') return text || blob;
  if (kind === 'numeric') return integer || type === 7 || text;
  return true;
}

const asText = (value: Value | undefined): string | null => (typeof value === 'string' ? value : null);

function looksLikeJson(text: string | null, open: string): boolean {
  if (text === null) return false;
  const trimmed = text.trim();
  if (!trimmed.startsWith(open)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** Content evidence beyond storage classes: positive for a match, negative against. */
function contentScore(shape: TableShape, values: readonly Value[]): number {
  const col = (name: string) => {
    const index = shape.columns.findIndex((c) => c.name === name);
    return index < 0 ? undefined : values[index];
  };
  switch (shape.name) {
    case 'inbounds':
      return looksLikeJson(asText(col('settings')), '{') ? 3 : -2;
    case 'users': {
      const password = asText(col('password'));
      if (password === null) return -1;
      return BCRYPT.test(password) || password.startsWith('HASHED:') ? 3 : 0;
    }
    case 'settings': {
      const key = asText(col('key'));
      return key !== null && SETTING_KEY.test(key) ? 1 : -2;
    }
    case 'inbound_client_ips':
      if (shape.origin === 'sql-first') return 0;
      return looksLikeJson(asText(col('ips')), '[') ? 3 : -2;
    case 'history_of_seeders': {
      const name = asText(col('seeder_name'));
      return name !== null && SEEDER.test(name) ? 3 : -3;
    }
    case 'link_histories': {
      const link = asText(col(shape.origin === 'sql-first' ? 'link_content' : 'link'));
      return link !== null && link.includes('://') ? 3 : -1;
    }
    case 'client_traffics':
      return asText(col('email')) !== null ? 1 : -1;
    case 'outbound_traffics':
      return shape.origin === 'gorm' && asText(col('tag')) !== null ? 1 : 0;
    default:
      return 0;
  }
}

/** Score of a record for a shape, or null when its storage classes cannot be that table's row. */
export function scoreRecord(
  shape: TableShape,
  types: readonly number[],
  values: readonly Value[],
): number | null {
  if (types.length !== shape.columns.length) return null;
  for (let i = 0; i < types.length; i++) {
    if (i === shape.rowidAlias) {
      if (types[i] !== 0) return null;
      continue;
    }
    if (!fits(shape.columns[i]!.kind, types[i]!)) return null;
  }
  // A table with many typed columns matched by storage class alone is strong evidence already.
  return Math.min(types.length, 8) + contentScore(shape, values);
}

export interface Classified {
  shape: TableShape;
  score: number;
}

/** The single best shape, or null when none fits or two fit equally well. */
export function classifyRecord(
  shapes: readonly TableShape[],
  types: readonly number[],
  values: readonly Value[],
): Classified | null {
  let best: Classified | null = null;
  let tie = false;
  for (const shape of shapes) {
    const score = scoreRecord(shape, types, values);
    if (score === null || score <= 2) continue;
    if (best === null || score > best.score) {
      best = { shape, score };
      tie = false;
    } else if (score === best.score && shape.name !== best.shape.name) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/**
 * All table rows on one leaf page belong to one table: the shape that wins most cells names the
 * page, and cells that disagree with it are not forced in (they go to lost_and_found).
 */
export function classifyPage(
  shapes: readonly TableShape[],
  records: ReadonlyArray<{ types: readonly number[]; values: readonly Value[] }>,
): TableShape | null {
  const votes = new Map<TableShape, number>();
  for (const record of records) {
    const found = classifyRecord(shapes, record.types, record.values);
    if (found !== null) votes.set(found.shape, (votes.get(found.shape) ?? 0) + found.score);
  }
  let best: TableShape | null = null;
  let bestVotes = 0;
  let tie = false;
  for (const [shape, count] of votes) {
    if (count > bestVotes) {
      best = shape;
      bestVotes = count;
      tie = false;
    } else if (count === bestVotes) tie = true;
  }
  return tie ? null : best;
}

// Rows in the free space of a page: a deleted cell becomes a freeblock (SQLite overwrites only its
// first 4 bytes: next-freeblock offset and size) or falls into the unallocated gap between the cell
// pointer array and the content area; a freelist trunk page keeps old bytes after its leaf list.
// We look for record headers that match a known table shape. When the cell's payload-size and rowid
// varints survive in front of the header (old cells in the unallocated gap, trunk pages), the rowid
// is read back; otherwise it is unknown (null).
import type { FoundRow } from './btree-scan';
import {
  Damage,
  decodeValue,
  serialLength,
  smallVarint,
  u32,
  varint,
  type BtreePage,
  type DbHeader,
  type PageView,
  type Value,
} from './page-reader';
import { classifyRecord } from './row-classifier';
import type { TableShape } from './table-shapes';
import { freeblocks } from './page-chains';

interface Region {
  start: number;
  end: number;
  /** Bytes before this offset were overwritten by the freeblock header. */
  clobberedUntil: number;
}

function regionsOf(page: PageView, header: DbHeader, btree: BtreePage | 'trunk'): Region[] {
  const end = Math.min(header.usableSize, page.data.length);
  if (btree === 'trunk') {
    let leaves = 0;
    try {
      leaves = u32(page.data, 4);
    } catch {
      return [];
    }
    const start = 8 + 4 * Math.min(leaves, (end - 8) / 4);
    return start < end ? [{ start, end, clobberedUntil: start }] : [];
  }
  const regions: Region[] = [];
  const gapEnd = Math.min(btree.contentStart, end);
  if (gapEnd > btree.pointersEnd)
    regions.push({ start: btree.pointersEnd, end: gapEnd, clobberedUntil: btree.pointersEnd });
  for (const [start, stop] of freeblocks(page, btree, header.usableSize))
    regions.push({ start, end: stop, clobberedUntil: start + 4 });
  return regions;
}

interface Parsed {
  types: number[];
  values: Value[];
  end: number;
}

/** Parses `columns` serial types starting at `typesAt` (`missing` leading types already known). */
function parseAt(
  data: Uint8Array,
  typesAt: number,
  columns: number,
  missing: number[],
  headerSize: number | null,
  region: Region,
): Parsed | null {
  try {
    const types = [...missing];
    let at = typesAt;
    while (types.length < columns) {
      const [type, used] = smallVarint(data, at, region.end);
      if (type === 10 || type === 11) return null;
      types.push(type);
      at += used;
    }
    if (headerSize !== null && headerSize !== at - (typesAt - 1)) return null;
    let body = at;
    const values: Value[] = [];
    for (const type of types) {
      if (body + serialLength(type) > region.end) return null;
      values.push(decodeValue(type, data, body));
      body += serialLength(type);
    }
    return { types, values, end: body };
  } catch (thrown) {
    if (thrown instanceof Damage) return null;
    throw thrown;
  }
}

/** Reads payload-size and rowid varints that end right before the record header, if intact. */
function rowidBefore(
  data: Uint8Array,
  headerStart: number,
  recordLength: number,
  floor: number,
): number | bigint | null {
  for (let rowidLen = 1; rowidLen <= 9; rowidLen++) {
    for (let sizeLen = 1; sizeLen <= 3; sizeLen++) {
      const start = headerStart - rowidLen - sizeLen;
      if (start < floor) continue;
      try {
        if (data[start] === 0x80 || data[start + sizeLen] === 0x80) continue; // SQLite writes minimal varints
        const [size, a] = smallVarint(data, start, headerStart);
        const [rowid, b] = varint(data, start + sizeLen, headerStart);
        if (a === sizeLen && b === rowidLen && size === recordLength) return rowid;
      } catch {
        // not a cell prefix
      }
    }
  }
  return null;
}

export function carvePage(
  page: PageView,
  header: DbHeader,
  shapes: readonly TableShape[],
  btree: BtreePage | 'trunk',
  number: number,
): FoundRow[] {
  const found: FoundRow[] = [];
  const byCount = new Map<number, TableShape[]>();
  for (const shape of shapes)
    byCount.set(shape.columns.length, [...(byCount.get(shape.columns.length) ?? []), shape]);
  for (const region of regionsOf(page, header, btree)) {
    // Pass 1 reads cells whose record header survived; pass 2 looks for the freed cells of a
    // freeblock, whose header-size byte (and often the id's NULL type) were overwritten, only in
    // the bytes pass 1 left unclaimed, so a real header is never shadowed by a chance match.
    const claimed: Array<[number, number]> = [];
    for (const pass of [1, 2] as const) {
      if (pass === 2 && region.clobberedUntil === region.start) continue;
      let p = pass === 1 ? region.start : region.clobberedUntil;
      while (p < region.end) {
        const inside = claimed.find(([a, b]) => p >= a && p < b);
        if (inside !== undefined) {
          p = inside[1];
          continue;
        }
        const taken = tryAt(page.data, p, region, pass, byCount, number);
        if (taken === null) {
          p++;
          continue;
        }
        found.push(taken.row);
        claimed.push([taken.row.cell, taken.end]);
        p = taken.end;
      }
    }
  }
  return found;
}

function tryAt(
  data: Uint8Array,
  p: number,
  region: Region,
  pass: 1 | 2,
  byCount: ReadonlyMap<number, TableShape[]>,
  number: number,
): { row: FoundRow; end: number } | null {
  for (const [columns, shapes] of byCount) {
    const candidates: Parsed[] = [];
    if (pass === 1) {
      const size = data1(data, p);
      if (size === null || size <= columns || size >= 2 * columns + 12) continue;
      const parsed = parseAt(data, p + 1, columns, [], size, region);
      if (parsed !== null) candidates.push(parsed);
    } else {
      for (const missing of [[], [0]]) {
        const parsed = parseAt(data, p, columns, missing, null, region);
        if (parsed !== null) candidates.push(parsed);
      }
    }
    for (const parsed of candidates) {
      // All-NULL "records" are what zeroed space reads as: never a row.
      if (parsed.types.filter((t) => t !== 0).length < Math.ceil((columns - 1) / 2)) continue;
      const match = classifyRecord(shapes, parsed.types, parsed.values);
      if (match === null || match.score < Math.min(columns, 8) + 1) continue;
      const rowid = pass === 1 ? rowidBefore(data, p, parsed.end - p, region.clobberedUntil) : null;
      const row: FoundRow = {
        shape: match.shape,
        rowid,
        types: parsed.types,
        values: parsed.values,
        source: 'freeblock',
        page: number,
        cell: p,
        problem: null,
      };
      return { row, end: parsed.end };
    }
  }
  return null;
}

function data1(data: Uint8Array, at: number): number | null {
  const byte = data[at];
  return byte === undefined || byte >= 0x80 ? null : byte;
}

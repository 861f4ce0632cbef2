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
import { freeblocks } from './page-reader';

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
  if (gapEnd > btree.pointersEnd) regions.push({ start: btree.pointersEnd, end: gapEnd, clobberedUntil: btree.pointersEnd });
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
function rowidBefore(data: Uint8Array, headerStart: number, recordLength: number, floor: number): number | bigint | null {
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
  const counts = [...new Set(shapes.map((s) => s.columns.length))];
  for (const region of regionsOf(page, header, btree)) {
    let p = region.start;
    while (p < region.end) {
      let taken: FoundRow | null = null;
      for (const columns of counts) {
        const candidates: Array<{ parsed: Parsed; headerAt: number }> = [];
        // Header intact: header-size varint at p.
        if (p >= region.clobberedUntil) {
          const size = data1(page.data, p);
          if (size !== null && size > columns && size < 2 * columns + 12) {
            const parsed = parseAt(page.data, p + 1, columns, [], size, region);
            if (parsed !== null) candidates.push({ parsed, headerAt: p });
          }
        }
        // A freed cell always loses its first 4 bytes to a freeblock header (payload size, rowid,
        // header size and often the id's NULL type), even once merged into a bigger freeblock.
        if (p >= region.clobberedUntil) {
          for (const missing of [[], [0]]) {
            const parsed = parseAt(page.data, p, columns, missing, null, region);
            if (parsed !== null) candidates.push({ parsed, headerAt: -1 });
          }
        }
        for (const { parsed, headerAt } of candidates) {
          const match = classifyRecord(shapes.filter((s) => s.columns.length === columns), parsed.types, parsed.values);
          if (match === null || match.score < Math.min(columns, 8) + 1) continue;
          const rowid =
            headerAt < 0 ? null : rowidBefore(page.data, headerAt, parsed.end - headerAt, region.clobberedUntil);
          taken = {
            shape: match.shape,
            rowid,
            types: parsed.types,
            values: parsed.values,
            source: 'freeblock',
            page: number,
            cell: headerAt < 0 ? p : headerAt,
            problem: null,
          };
          p = parsed.end;
          break;
        }
        if (taken !== null) break;
      }
      if (taken !== null) found.push(taken);
      else p++;
    }
  }
  return found;
}

function data1(data: Uint8Array, at: number): number | null {
  const byte = data[at];
  return byte === undefined || byte >= 0x80 ? null : byte;
}

// A bounds-checked reader for SQLite database pages, used where SQLite itself refuses the file
// ("database disk image is malformed"). No npm package parses pages, so the format is hand-read here.
// File-format facts (sqlite.org/fileformat2.html), all integers big-endian:
// - Header (100 bytes, page 1): "SQLite format 3\0"; page size at 16 (u16, 1 means 65536); reserved
//   bytes per page at 20 (usable size U = page size - reserved); page count at 28; first freelist
//   trunk page at 32; freelist page count at 36; text encoding at 56 (1 = UTF-8).
// - B-tree page header at offset 0 (100 on page 1): flag byte (0x02 index interior, 0x05 table
//   interior, 0x0a index leaf, 0x0d table leaf); u16 first freeblock; u16 cell count; u16 start of
//   the cell content area (0 means 65536); u8 fragmented bytes; interior pages add u32 right-most
//   child. The cell pointer array (u16 offsets) follows the 8- or 12-byte header.
// - Table leaf cell: varint payload size P, varint rowid, the first `local` bytes of the payload,
//   then (if it spills) a u32 first overflow page. X = U-35; M = ((U-12)*32/255)-23;
//   K = M+((P-M) % (U-4)); local = P when P <= X, else K when K <= X, else M.
// - Table interior cell: u32 left child page, varint rowid key.
// - Overflow page: u32 next overflow page (0 = last), then U-4 bytes of payload.
// - Freeblock: u16 next freeblock offset (0 = last), u16 size, then the old bytes (SQLite only
//   overwrites these 4 bytes when a cell is freed, unless secure_delete is on).
// - Freelist trunk page: u32 next trunk, u32 leaf count L, then L u32 leaf page numbers.
// - Varint: 1-9 bytes, 7 bits per byte with the high bit as "more", the 9th byte gives all 8 bits.
// - Record: varint header size (including itself), one varint serial type per column, then bodies.
//   Serial types: 0 NULL; 1-4 1/2/3/4-byte signed int; 5 6-byte int; 6 8-byte int; 7 IEEE float;
//   8 the integer 0; 9 the integer 1; 10/11 reserved; N>=12 even: blob of (N-12)/2 bytes;
//   N>=13 odd: text of (N-13)/2 bytes.

export type Value = null | number | bigint | string | Uint8Array;

/** Thrown for any read that would leave the page or file: the caller skips that cell or page. */
export class Damage extends Error {}

export interface DbHeader {
  pageSize: number;
  usableSize: number;
  pageCount: number;
  firstTrunk: number;
  freelistCount: number;
  /** False when the 100-byte header was unreadable and the page size had to be guessed. */
  headerValid: boolean;
}

const MAGIC = 'SQLite format 3\0';

export function isValidPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** Reads the header; a damaged one falls back to the page size under which most pages parse. */
export function readHeader(file: Uint8Array, hintPageSize?: number): DbHeader {
  const magicOk = file.length >= 100 && Buffer.from(file.subarray(0, 16)).toString('latin1') === MAGIC;
  const raw = file.length >= 18 ? (file[16]! << 8) | file[17]! : 0;
  const stored = raw === 1 ? 65536 : raw;
  const reserved = file.length > 20 ? file[20]! : 0;
  if (magicOk && isValidPageSize(stored) && reserved < stored - 480) {
    const pageCount = Math.ceil(file.length / stored);
    return {
      pageSize: stored,
      usableSize: stored - reserved,
      pageCount,
      firstTrunk: u32(file, 32),
      freelistCount: u32(file, 36),
      headerValid: true,
    };
  }
  const pageSize =
    hintPageSize !== undefined && isValidPageSize(hintPageSize) ? hintPageSize : guessPageSize(file);
  return {
    pageSize,
    usableSize: pageSize,
    pageCount: Math.ceil(file.length / pageSize),
    firstTrunk: 0,
    freelistCount: 0,
    headerValid: false,
  };
}

function guessPageSize(file: Uint8Array): number {
  let best = 4096;
  let bestScore = -1;
  for (let size = 512; size <= 65536; size *= 2) {
    let score = 0;
    for (let at = size; at + 8 <= file.length && at < size * 64; at += size) {
      const flag = file[at];
      if (flag === 0x0d || flag === 0x05 || flag === 0x0a || flag === 0x02) {
        const content = (file[at + 5]! << 8) | file[at + 6]! || 65536;
        if (content <= size) score++;
      }
    }
    if (score > bestScore) {
      best = size;
      bestScore = score;
    }
  }
  return best;
}

export function u16(buf: Uint8Array, at: number): number {
  if (at < 0 || at + 2 > buf.length) throw new Damage(`u16 at ${at} out of range`);
  return (buf[at]! << 8) | buf[at + 1]!;
}

export function u32(buf: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > buf.length) throw new Damage(`u32 at ${at} out of range`);
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/** Returns [value, bytes used]; a value above 2^53 stays a bigint. */
export function varint(buf: Uint8Array, at: number, end = buf.length): [number | bigint, number] {
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    if (at + i >= end) throw new Damage(`varint at ${at} runs off its area`);
    const byte = buf[at + i]!;
    if (i === 8) {
      value = (value << 8n) | BigInt(byte);
      const signed = BigInt.asIntN(64, value);
      return [Number.isSafeInteger(Number(signed)) ? Number(signed) : signed, 9];
    }
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      const asNumber = BigInt.asIntN(64, value);
      return [Number.isSafeInteger(Number(asNumber)) ? Number(asNumber) : asNumber, i + 1];
    }
  }
  throw new Damage('unreachable');
}

export function smallVarint(buf: Uint8Array, at: number, end = buf.length): [number, number] {
  const [value, used] = varint(buf, at, end);
  if (typeof value !== 'number' || value < 0) throw new Damage(`varint at ${at} is not a small count`);
  return [value, used];
}

/** Body length of a serial type, or -1 for the reserved types 10 and 11. */
export function serialLength(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1][type]!;
}

export function decodeValue(type: number, buf: Uint8Array, at: number): Value {
  const length = serialLength(type);
  if (length < 0) throw new Damage(`reserved serial type ${type}`);
  if (at + length > buf.length) throw new Damage('value runs off the record');
  if (type === 0) return null;
  if (type === 8) return 0;
  if (type === 9) return 1;
  if (type <= 6) {
    let value = 0n;
    for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(buf[at + i]!);
    const signed = BigInt.asIntN(length * 8, value);
    return Number.isSafeInteger(Number(signed)) ? Number(signed) : signed;
  }
  if (type === 7) return new DataView(buf.buffer, buf.byteOffset + at, 8).getFloat64(0);
  const bytes = buf.subarray(at, at + length);
  if (type % 2 === 0) return Uint8Array.from(bytes);
  const text = new TextDecoder('utf-8', { fatal: true });
  let decoded: string;
  try {
    decoded = text.decode(bytes);
  } catch {
    throw new Damage('text is not valid UTF-8');
  }
  // The panel never stores NUL in text; a run of them is a zeroed page read as if it were a value.
  if (decoded.includes('\u0000')) throw new Damage('text holds NUL bytes (zeroed or overwritten page)');
  return decoded;
}

export interface DecodedRecord {
  types: number[];
  values: Value[];
}

/** Decodes a complete record; every value must fit exactly inside `payload`. */
export function decodeRecord(payload: Uint8Array): DecodedRecord {
  const [headerSize, used] = smallVarint(payload, 0);
  if (headerSize < used || headerSize > payload.length) throw new Damage('record header size out of range');
  const types: number[] = [];
  let at = used;
  while (at < headerSize) {
    const [type, n] = smallVarint(payload, at, headerSize);
    types.push(type);
    at += n;
  }
  const values: Value[] = [];
  let body = headerSize;
  for (const type of types) {
    values.push(decodeValue(type, payload, body));
    body += serialLength(type);
  }
  if (body !== payload.length) throw new Damage('record bodies do not fill the payload exactly');
  return { types, values };
}

export interface PageView {
  number: number;
  /** The page's bytes (shorter than the page size when the file is truncated). */
  data: Uint8Array;
  /** 100 on page 1 (the file header comes first), else 0. */
  headerAt: number;
}

export function pageOf(file: Uint8Array, header: DbHeader, number: number): PageView | null {
  if (number < 1 || number > header.pageCount) return null;
  const start = (number - 1) * header.pageSize;
  const data = file.subarray(start, Math.min(start + header.pageSize, file.length));
  return { number, data, headerAt: number === 1 ? 100 : 0 };
}

export interface BtreePage {
  flag: number;
  firstFreeblock: number;
  cellCount: number;
  contentStart: number;
  rightChild: number | null;
  /** Offsets of the cells, each checked to lie inside the page. */
  cells: number[];
  /** Where the cell pointer array ends (start of unallocated space). */
  pointersEnd: number;
}

export function readBtreePage(page: PageView, usableSize: number): BtreePage {
  const { data, headerAt } = page;
  const flag = data[headerAt];
  if (flag !== 0x02 && flag !== 0x05 && flag !== 0x0a && flag !== 0x0d) {
    throw new Damage(`page ${page.number} is not a b-tree page (flag ${flag ?? 'missing'})`);
  }
  const interior = flag === 0x02 || flag === 0x05;
  const cellCount = u16(data, headerAt + 3);
  const contentStart = u16(data, headerAt + 5) || 65536;
  const pointersAt = headerAt + (interior ? 12 : 8);
  const pointersEnd = pointersAt + 2 * cellCount;
  if (pointersEnd > usableSize) throw new Damage(`page ${page.number} claims ${cellCount} cells`);
  const cells: number[] = [];
  for (let i = 0; i < cellCount; i++) {
    const offset = u16(data, pointersAt + 2 * i);
    if (offset >= pointersEnd && offset < Math.min(usableSize, data.length)) cells.push(offset);
  }
  return {
    flag,
    firstFreeblock: u16(data, headerAt + 1),
    cellCount,
    contentStart,
    rightChild: interior ? u32(data, headerAt + 8) : null,
    cells,
    pointersEnd,
  };
}

export interface LeafCell {
  rowid: number | bigint;
  payloadSize: number;
  /** The payload bytes stored on this page. */
  local: Uint8Array;
  /** First overflow page, or 0 when the payload is all local. */
  overflow: number;
}

export function localPayloadSize(payloadSize: number, usableSize: number): number {
  const maxLocal = usableSize - 35;
  if (payloadSize <= maxLocal) return payloadSize;
  const minLocal = Math.floor(((usableSize - 12) * 32) / 255) - 23;
  const k = minLocal + ((payloadSize - minLocal) % (usableSize - 4));
  return k <= maxLocal ? k : minLocal;
}

export function readLeafCell(data: Uint8Array, at: number, usableSize: number): LeafCell {
  const end = Math.min(usableSize, data.length);
  const [payloadSize, n1] = smallVarint(data, at, end);
  const [rowid, n2] = varint(data, at + n1, end);
  const localSize = localPayloadSize(payloadSize, usableSize);
  const start = at + n1 + n2;
  if (start + localSize > end) throw new Damage('cell payload runs off the page');
  const spills = localSize < payloadSize;
  return {
    rowid,
    payloadSize,
    local: data.subarray(start, start + localSize),
    overflow: spills ? u32(data, start + localSize) : 0,
  };
}

/** Interior cell: [left child page, rowid key]. */
export function readInteriorCell(data: Uint8Array, at: number): [number, number | bigint] {
  return [u32(data, at), varint(data, at + 4)[0]];
}

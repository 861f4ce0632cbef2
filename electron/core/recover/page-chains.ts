// The page chains of an SQLite file: overflow chains, the freelist, and freeblocks inside a page.
// Each walk is bounded (a visited set or a count), so a damaged pointer that loops cannot hang us.
// Formats (sqlite.org/fileformat2.html): overflow page = u32 next page (0 = last) + U-4 payload
// bytes; freelist trunk = u32 next trunk, u32 leaf count L, L u32 leaf page numbers; freeblock =
// u16 next freeblock offset (0 = last, ascending), u16 size, then the old bytes.
import { pageOf, u16, u32, type BtreePage, type DbHeader, type LeafCell, type PageView } from './page-reader';

/**
 * Follows an overflow chain. Returns the whole payload, or the pages it read and why it stopped
 * (a cut chain, a cycle, a page outside the file); the caller never stores a shortened value.
 */
export function readOverflow(
  file: Uint8Array,
  header: DbHeader,
  cell: LeafCell,
  used: Set<number>,
): { payload: Uint8Array } | { error: string; pages: number[] } {
  // A damaged size varint can claim petabytes: no payload is larger than the file's pages can hold.
  if (cell.payloadSize > cell.local.length + header.pageCount * (header.usableSize - 4)) {
    return { error: `payload size ${cell.payloadSize} is larger than the whole file`, pages: [] };
  }
  const out = new Uint8Array(cell.payloadSize);
  out.set(cell.local, 0);
  let filled = cell.local.length;
  let next = cell.overflow;
  const chain: number[] = [];
  const seen = new Set<number>();
  while (filled < cell.payloadSize) {
    if (seen.has(next)) return { error: `overflow chain loops at page ${next}`, pages: chain };
    const page = pageOf(file, header, next);
    if (page === null || page.data.length < 4)
      return { error: `overflow page ${next} is outside the file`, pages: chain };
    seen.add(next);
    chain.push(next);
    const take = Math.min(header.usableSize - 4, cell.payloadSize - filled);
    if (4 + take > page.data.length) return { error: `overflow page ${next} is truncated`, pages: chain };
    out.set(page.data.subarray(4, 4 + take), filled);
    filled += take;
    next = u32(page.data, 0);
    if (filled < cell.payloadSize && next === 0) return { error: 'overflow chain ends early', pages: chain };
  }
  for (const p of chain) used.add(p);
  return { payload: out };
}

/** Freelist trunk and leaf page numbers, walked with a bound so a cycle cannot hang us. */
export function readFreelist(
  file: Uint8Array,
  header: DbHeader,
): { trunks: Set<number>; leaves: Set<number> } {
  const trunks = new Set<number>();
  const leaves = new Set<number>();
  let trunk = header.firstTrunk;
  while (trunk !== 0 && !trunks.has(trunk) && trunks.size < header.pageCount) {
    const page = pageOf(file, header, trunk);
    if (page === null) break;
    trunks.add(trunk);
    try {
      const count = u32(page.data, 4);
      for (let i = 0; i < count && 8 + 4 * i + 4 <= page.data.length; i++) {
        const leaf = u32(page.data, 8 + 4 * i);
        if (leaf >= 1 && leaf <= header.pageCount) leaves.add(leaf);
      }
      trunk = u32(page.data, 0);
    } catch {
      break;
    }
  }
  return { trunks, leaves };
}

/** Freeblocks of a b-tree page as [start, end) ranges, bounded against loops. */
export function freeblocks(page: PageView, btree: BtreePage, usableSize: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const end = Math.min(usableSize, page.data.length);
  let at = btree.firstFreeblock;
  let guard = 0;
  while (at !== 0 && guard++ < 4096) {
    if (at < btree.pointersEnd || at + 4 > end) break;
    const next = u16(page.data, at);
    const length = u16(page.data, at + 2);
    if (length < 4 || at + length > end) break;
    out.push([at, at + length]);
    if (next !== 0 && next <= at) break; // SQLite keeps freeblocks in ascending order
    at = next;
  }
  return out;
}

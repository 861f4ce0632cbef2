// The memory a database image is read into. A fresh 100 MB buffer costs more than the read itself:
// the kernel maps and zeroes every page on first touch (about 50 ms per 100 MB here, against ~25 ms
// to copy the file from the page cache). The desktop and `serve` worker opens the same file again
// and again, so the memory of the last image that was closed is kept for a little while and the
// next read goes into pages that are already mapped.
//
// A buffer is handed back only by its owner, after sql.js has closed the database living in it
// (`Database.close()` unlinks the file from MEMFS, which drops its last view); one buffer at most is
// kept, and only while the process is using it.
import { allocateWithSpareRoom, capacityWithSpareRoom } from './sqljs-memory';

/** How long an idle process keeps the memory of the last image. */
const KEEP_FOR_MS = 30_000;

let kept: ArrayBuffer | null = null;
let dropTimer: ReturnType<typeof setTimeout> | null = null;
/** Buffers this module handed out and that may come back (never one sql.js copied elsewhere). */
const ours = new WeakSet<ArrayBuffer>();

/**
 * `size` bytes with room to grow after them (see sqljs-memory.ts): the kept buffer when it fits
 * (not more than twice the need, so a small file does not pin a large one), else a new one. The
 * room after the file is zeroed either way; the file's own bytes are for the caller to fill.
 */
export function takeImageBuffer(size: number): Buffer {
  const capacity = capacityWithSpareRoom(size);
  const memory = kept;
  if (memory === null || memory.byteLength < capacity || memory.byteLength > 2 * capacity) {
    const fresh = allocateWithSpareRoom(size);
    ours.add(fresh.buffer as ArrayBuffer);
    return fresh;
  }
  kept = null;
  new Uint8Array(memory, size).fill(0);
  ours.add(memory);
  return Buffer.from(memory, 0, size);
}

/**
 * Gives an image's memory back once nothing uses it any more. Only a buffer from takeImageBuffer
 * is kept; any other is left to the garbage collector.
 */
export function returnImageBuffer(bytes: Uint8Array): void {
  const memory = bytes.buffer;
  if (!(memory instanceof ArrayBuffer) || !ours.has(memory)) return;
  ours.delete(memory);
  kept = memory;
  if (dropTimer !== null) clearTimeout(dropTimer);
  dropTimer = setTimeout(() => {
    kept = null;
    dropTimer = null;
  }, KEEP_FOR_MS);
  // A CLI run ends when its work does: the timer never keeps the process alive.
  dropTimer.unref();
}

/**
 * How many bytes from `bytes`' start its holder may write: the whole memory when takeImageBuffer
 * handed it out (the room after the file included), else only its own length.
 */
export function writableRoomOf(bytes: Uint8Array): number {
  return ours.has(bytes.buffer as ArrayBuffer) ? bytes.buffer.byteLength - bytes.byteOffset : bytes.length;
}

/** For tests: whether a buffer is being kept. */
export const keepsImageBuffer = (): boolean => kept !== null;

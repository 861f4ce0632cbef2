// Change detection without paying for it where nothing is written. A file's SHA-256 (≈ 80 ms per
// 100 MB) is taken lazily: status and the other read-only operations never ask for it; a write asks
// (through its backup) before it changes the in-memory database. Saving first compares size and
// mtime with what was loaded — a cheap refusal when the panel rewrote the file — and only then
// reads the whole file to compare its hash, so an edit that keeps size and mtime is still caught.
import { createHash } from 'node:crypto';
import type { FileSystem } from './file-system';

/** SHA-256 as hex: of bytes (files, pages) or of a text (its UTF-8). The engine's one helper for it. */
export const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** How much is hashed between two turns of the event loop (~4 ms of SHA-256 here). */
const SLICE_BYTES = 4 * 1024 * 1024;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * SHA-256 of `parts` taken slice by slice, the event loop getting a turn between slices: I/O started
 * before (a write and its fsync run on libuv's threads) goes on meanwhile, and the hash costs no
 * time of its own. Nothing may write to the parts until it resolves.
 */
export async function sha256InSlices(parts: readonly Uint8Array[]): Promise<string> {
  const hash = createHash('sha256');
  for (const part of parts) {
    for (let at = 0; at < part.length; at += SLICE_BYTES) {
      hash.update(part.subarray(at, at + SLICE_BYTES));
      await nextTurn();
    }
  }
  return hash.digest('hex');
}

/**
 * A SHA-256 taken once, when first needed: at once (`hex`), or slice by slice while I/O runs
 * (`takeInSlices`). `beforeHashing` runs first either way (a guard, or a hash that must come first).
 */
export class LazySha256 {
  #hex: string | undefined;
  /** Dropped once hashed: the bytes (a whole file) need not stay in memory for their hash's sake. */
  #parts: (() => readonly Uint8Array[]) | null;

  constructor(
    parts: () => readonly Uint8Array[],
    private readonly beforeHashing: () => void = () => undefined,
  ) {
    this.#parts = parts;
  }

  get hex(): string {
    if (this.#hex === undefined) {
      this.beforeHashing();
      const hash = createHash('sha256');
      for (const part of this.#partsToHash()) hash.update(part);
      this.#done(hash.digest('hex'));
    }
    return this.#hex as string;
  }

  async takeInSlices(): Promise<void> {
    if (this.#hex !== undefined) return;
    this.beforeHashing();
    const hex = await sha256InSlices(this.#partsToHash());
    this.#done(hex);
  }

  #partsToHash(): readonly Uint8Array[] {
    if (this.#parts === null) throw new Error('internal: hashed twice');
    return this.#parts();
  }

  #done(hex: string): void {
    this.#hex ??= hex;
    this.#parts = null;
  }
}

/** `alongside`'s answer, computed on this thread while `work` waits on I/O; throws what `work` throws. */
export async function whileWaiting<A>(work: Promise<unknown>, alongside: () => Promise<A>): Promise<A> {
  // Handled at once: a write that fails while the hash still runs is no unhandled rejection.
  const settled = work.then(
    () => null,
    (error: unknown) => ({ error }),
  );
  const answer = await alongside();
  const failed = await settled;
  if (failed !== null) throw failed.error;
  return answer;
}

/** Runs `compute` on first call only. */
export function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** Which file a stat names and when it last changed (a rename gives a new inode, a write new times). */
export const statIdentity = (stat: {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}) => [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs].join(':');

/** The stat pre-check: a different size or mtime settles "changed" without reading the file. */
export async function statDiffers(
  path: string,
  loaded: { size: number; mtimeMs: number },
  fs: FileSystem,
): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  return stat === null || stat.size !== loaded.size || stat.mtimeMs !== loaded.mtimeMs;
}

// Change detection without paying for it where nothing is written. A file's SHA-256 (≈ 80 ms per
// 100 MB) is taken lazily: status and the other read-only operations never ask for it; a write asks
// (through its backup) before it changes the in-memory database. Saving first compares size and
// mtime with what was loaded — a cheap refusal when the panel rewrote the file — and only then
// reads the whole file to compare its hash, so an edit that keeps size and mtime is still caught.
import { createHash } from 'node:crypto';
import type { FileSystem } from './file-system';

/** SHA-256 as hex: of bytes (files, pages) or of a text (its UTF-8). The engine's one helper for it. */
export const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

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

/** The stat pre-check: a different size or mtime settles "changed" without reading the file. */
export async function statDiffers(
  path: string,
  loaded: { size: number; mtimeMs: number },
  fs: FileSystem,
): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  return stat === null || stat.size !== loaded.size || stat.mtimeMs !== loaded.mtimeMs;
}

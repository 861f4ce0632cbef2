// Proofs by comparison instead of hashes (memcmp speed, 1 MiB pieces): that a file just written
// holds exactly the bytes in memory, and that a file still holds the bytes of its verified copy.
import type { FileSystem } from './file-system';

export async function readsBackAs(path: string, expected: Uint8Array, fs: FileSystem): Promise<boolean> {
  const handle = await fs.open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const want = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
    let offset = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return offset === want.length;
      if (offset + bytesRead > want.length) return false;
      if (!chunk.subarray(0, bytesRead).equals(want.subarray(offset, offset + bytesRead))) return false;
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Whether the file at `path` holds the bytes of `copy` (a backup: the file's bytes with 18 and 19
 * set to rollback mode), with `header` as its bytes 18 and 19. Read in 1 MiB pieces side by side.
 */
export async function sameAsCopy(
  path: string,
  copy: string,
  header: Buffer,
  fs: FileSystem,
): Promise<boolean> {
  const file = await fs.open(path, 'r');
  try {
    const backup = await fs.open(copy, 'r');
    try {
      const size = 1024 * 1024;
      const [left, right] = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
      for (let offset = 0; ; offset += size) {
        const [a, b] = await Promise.all([readFully(file, left, offset), readFully(backup, right, offset)]);
        if (a !== b) return false;
        if (a === 0) return true;
        if (offset === 0) {
          if (a < 20 || left[18] !== header[0] || left[19] !== header[1]) return false;
          left[18] = right[18] ?? 0;
          left[19] = right[19] ?? 0;
        }
        if (!left.subarray(0, a).equals(right.subarray(0, b))) return false;
      }
    } finally {
      await backup.close();
    }
  } finally {
    await file.close();
  }
}

/** Fills `into` from `offset` as far as the file goes; the count read (0 at the end). */
async function readFully(
  handle: Awaited<ReturnType<FileSystem['open']>>,
  into: Buffer,
  offset: number,
): Promise<number> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await handle.read(into, filled, into.length - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

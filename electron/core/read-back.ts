// Proof that a file just written holds exactly the bytes in memory: read back in 1 MiB pieces and
// compared (memcmp speed), instead of hashing it and comparing hashes.
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

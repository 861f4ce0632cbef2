import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { readDatabaseImage, releaseImage } from '../../electron/core/database';
import { nodeFileSystem } from '../../electron/core/file-system';
import { keepsImageBuffer, returnImageBuffer, takeImageBuffer } from '../../electron/core/image-memory';
import { writePanelDb } from '../support/panel-db';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

const load = (path: string) => readDatabaseImage(path, { fs: nodeFileSystem });

describe("reusing a closed image's memory", () => {
  it('reads the next file into the memory of the last one returned, with the room after it zeroed', async () => {
    const dir = await tempDir();
    const big = writePanelDb(
      join(dir, 'big.db'),
      "INSERT INTO settings (key, value) VALUES ('pad', printf('%.*c', 200000, 'x'));",
    );
    const small = writePanelDb(
      join(dir, 'small.db'),
      "INSERT INTO settings (key, value) VALUES ('pad', printf('%.*c', 150000, 'y'));",
    );
    const first = await load(big);
    const memory = first.bytes.buffer;
    releaseImage(first);
    expect(keepsImageBuffer()).toBe(true);
    const second = await load(small);
    expect(second.bytes.buffer).toBe(memory);
    expect(second.bytes.equals(await readFile(small))).toBe(true);
    expect(new Uint8Array(memory, second.bytes.length).every((byte) => byte === 0)).toBe(true);
    releaseImage(second);
  });

  it('never hands the same memory to two images at once, and ignores memory it did not hand out', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const one = await load(path);
    const two = await load(path);
    expect(two.bytes.buffer).not.toBe(one.bytes.buffer);
    returnImageBuffer(Buffer.alloc(one.bytes.length));
    const three = await load(path);
    expect([one.bytes.buffer, two.bytes.buffer]).not.toContain(three.bytes.buffer);
    for (const image of [one, two, three]) releaseImage(image);
    const taken = takeImageBuffer(one.bytes.length);
    // Returned twice: kept once.
    returnImageBuffer(taken);
    returnImageBuffer(taken);
    expect(takeImageBuffer(one.bytes.length).buffer).toBe(taken.buffer);
    expect(takeImageBuffer(one.bytes.length).buffer).not.toBe(taken.buffer);
  });

  it('refuses to hash an image whose memory was returned, instead of hashing the next file', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const image = await load(path);
    releaseImage(image);
    expect(() => image.sha256).toThrow(/memory was returned/);
  });

  it('gives the same status, then the same migration, to a file opened in memory another file used', async () => {
    const dir = await tempDir();
    const a = writePanelDb(
      join(dir, 'a.db'),
      "INSERT INTO settings (key, value) VALUES ('pad', printf('%.*c', 90000, 'a'));",
    );
    const b = writePanelDb(join(dir, 'b.db'));
    const engineA = createPanelEngine({ dbPath: a });
    const engineB = createPanelEngine({ dbPath: b });
    const fresh = await engineB.getStatus();
    await engineA.getStatus();
    expect(keepsImageBuffer()).toBe(true);
    const reused = await engineB.getStatus();
    expect(reused).toEqual(fresh);
    const migrated = await engineB.migrate();
    expect(migrated.ok).toBe(true);
    expect(sqlite3(b, 'PRAGMA integrity_check; SELECT version, dirty FROM schema_migrations;').trim()).toBe(
      'ok\n5|0',
    );
  });
});

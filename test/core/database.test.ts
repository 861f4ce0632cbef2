import { appendFile, copyFile, mkdir, readFile, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImage, readDatabaseImage } from '../../electron/core/database';
import { replaceDatabaseFile, writeFileAtomically } from '../../electron/core/save';
import { EngineError } from '../../electron/core/engine-error';
import { nodeFileSystem, type FileSystem } from '../../electron/core/file-system';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { queryValue } from '../../electron/core/sql';
import type { ErrorCode } from '../../electron/shared/result';
import { writePanelDb, writePanelWalPair } from '../support/panel-db';
import { sqlite3, sqlite3OnCopy } from '../support/sqlite-cli';
import { sha256File, snapshotTree, tempDir } from '../support/temp-dir';

const INBOUND_SQL = (n: number) =>
  `INSERT INTO inbounds (remark, port, protocol, settings, stream_settings, tag) VALUES ('in${n}', ${1000 + n}, 'vless', '{"clients":[]}', '{"network":"tcp"}', 'inbound-${1000 + n}');`;

function failing(code: string): Error {
  return Object.assign(new Error(`${code}: injected fault`), { code });
}

describe('loading a database', () => {
  it('gives each file state its own key: the same between two reads, new after any write to the file or its -wal', async () => {
    const dir = await tempDir();
    const path = writePanelDb(join(dir, 'x-ui.db'));
    const keyOf = async (file: string) => (await readDatabaseImage(file, { fs: nodeFileSystem })).stateKey;
    const first = await keyOf(path);
    expect(await keyOf(path)).toBe(first);
    sqlite3(path, INBOUND_SQL(1));
    const written = await keyOf(path);
    expect(written).not.toBe(first);
    // The same bytes put back by a copy are another file state too (new inode or times).
    const copy = join(dir, 'copy.db');
    await copyFile(path, copy);
    expect(await keyOf(copy)).not.toBe(written);
    const walDir = await tempDir();
    const withWal = await writePanelWalPair(join(walDir, 'x-ui.db'), INBOUND_SQL(2));
    const walKey = await keyOf(withWal);
    await appendFile(`${withWal}-wal`, Buffer.alloc(10));
    expect(await keyOf(withWal)).not.toBe(walKey);
  });

  it('merges the committed WAL frames so rows that live only in the -wal are visible', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), [1, 2, 3].map(INBOUND_SQL).join('\n'));
    const mainOnly = await sqlite3OnCopy(path, 'SELECT count(*) AS n FROM inbounds;', false);
    const withWal = await sqlite3OnCopy(path, 'SELECT count(*) AS n FROM inbounds;', true);
    expect(mainOnly).toEqual([{ n: 0 }]);
    expect(withWal).toEqual([{ n: 3 }]);

    const image = await readDatabaseImage(path, { fs: nodeFileSystem });
    const db = await openImage(image);
    expect(queryValue(db, 'SELECT count(*) FROM inbounds')).toBe(3);
    expect(image.journal).toMatchObject({ mode: 'wal', wal_present: true, wal_transactions_applied: 3 });
    expect(image.journal.wal_frames_applied).toBeGreaterThan(0);
    db.close();
  });

  it('hashes a WAL pair when a write asks, from the bytes it loaded: files changed on disk since do not move the hashes', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), [1, 2].map(INBOUND_SQL).join('\n'));
    const [mainOnDisk, walOnDisk] = [await sha256File(path), await sha256File(`${path}-wal`)];
    const image = await readDatabaseImage(path, { fs: nodeFileSystem });
    // The panel checkpoints and writes on after the load: what a later save compares is the load's.
    sqlite3(path, `PRAGMA wal_checkpoint(TRUNCATE); ${INBOUND_SQL(3)}`);
    expect(await sha256File(path)).not.toBe(mainOnDisk);
    expect(image.original.sha256).toBe(mainOnDisk);
    expect(image.wal?.sha256).toBe(walOnDisk);
    await image.hashWhile(Promise.resolve());
    expect([image.original.sha256, image.wal?.sha256]).toEqual([mainOnDisk, walOnDisk]);
  });

  it('merges a WAL for a report without keeping the pages it covered: the same image, and a hash asked of it is refused as a bug', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), [1, 2].map(INBOUND_SQL).join('\n'));
    const kept = await readDatabaseImage(path, { fs: nodeFileSystem });
    const reported = await readDatabaseImage(path, { fs: nodeFileSystem, withoutFileHash: true });
    expect(reported.journal.wal_frames_applied).toBeGreaterThan(0);
    expect(reported.bytes.equals(kept.bytes)).toBe(true);
    expect(reported.stateKey).toBe(kept.stateKey);
    expect(() => reported.original.sha256).toThrow(/internal/);
    expect(() => reported.sha256).toThrow(/internal/);
    // The -wal itself is still as read, and a file read without a WAL to merge keeps its hash.
    expect(reported.wal?.sha256).toBe(await sha256File(`${path}-wal`));
    const plain = writePanelDb(join(dir, 'plain.db'));
    expect(
      (await readDatabaseImage(plain, { fs: nodeFileSystem, withoutFileHash: true })).original.sha256,
    ).toBe(await sha256File(plain));
    // status and check are such reports: they run on the WAL pair and never ask.
    const engine = createPanelEngine({ dbPath: path });
    expect((await engine.getStatus({ checks: true })).ok).toBe(true);
    expect((await engine.check()).ok).toBe(true);
  });

  it('reads the file again when a writer moves its -wal aside between finding it and opening it', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), [1, 2].map(INBOUND_SQL).join('\n'));
    // What another PanelDB saving leaves: the -wal moved aside, then the new file renamed in.
    const saved = writePanelDb(join(dir, 'saved.db'), [1, 2, 3].map(INBOUND_SQL).join('\n'));
    let walOpens = 0;
    const racing: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        if (String(args[0]).endsWith('-wal') && walOpens++ === 0) {
          await nodeFs.rename(`${path}-wal`, join(dir, 'x-ui.db-wal.moved-aside'));
          await nodeFs.rename(saved, path);
        }
        return nodeFileSystem.open(...args);
      }) as FileSystem['open'],
    };
    const image = await readDatabaseImage(path, { fs: racing });
    expect(walOpens).toBe(1);
    expect(image.journal.wal_present).toBe(false);
    const db = await openImage(image);
    expect(queryValue(db, 'SELECT count(*) FROM inbounds')).toBe(3);
    db.close();
  });

  it('gives up with a coded error when the -wal is moved away on every read', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
    let walOpens = 0;
    let walJustFailed = false;
    const vanishing: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        if (!String(args[0]).endsWith('-wal')) return nodeFileSystem.open(...args);
        walOpens += 1;
        walJustFailed = true;
        throw failing('ENOENT');
      }) as FileSystem['open'],
      // Back again when next looked for, gone once its open failed.
      lstat: (async (...args: Parameters<FileSystem['lstat']>) => {
        if (String(args[0]).endsWith('-wal') && walJustFailed) {
          walJustFailed = false;
          throw failing('ENOENT');
        }
        return nodeFileSystem.lstat(...args);
      }) as FileSystem['lstat'],
    };
    const result = await createPanelEngine({ dbPath: path, fs: vanishing }).getStatus();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FILE_CHANGED_ON_DISK');
    expect(result.error.message).toMatch(/-wal was moved away each time/);
    expect(walOpens).toBe(3);
  });

  it('hands out an image that claims rollback-journal mode, so nothing looks for a -wal', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
    expect([...(await readFile(path)).subarray(18, 20)]).toEqual([2, 2]);
    const image = await readDatabaseImage(path, { fs: nodeFileSystem });
    expect([...image.bytes.subarray(18, 20)]).toEqual([1, 1]);
  });

  it('never writes while opening: the folder is byte-identical afterwards and no -shm appears', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
    const before = await snapshotTree(dir);
    const status = await createPanelEngine({ dbPath: path }).getStatus();
    expect(status.ok).toBe(true);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('reads the main file alone only when asked, and says the WAL was not read', async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
    const image = await readDatabaseImage(path, { fs: nodeFileSystem, ignoreWal: true });
    const db = await openImage(image);
    expect(queryValue(db, 'SELECT count(*) FROM inbounds')).toBe(0);
    expect(image.journal.wal_note).toMatch(/not read/);
    db.close();
  });
  it('reads a large file as several ranges at once into exactly the bytes on disk', async () => {
    const dir = await tempDir();
    // 50 MiB of filler: read as three ranges side by side.
    const path = writePanelDb(
      join(dir, 'x-ui.db'),
      'CREATE TABLE filler (b BLOB); INSERT INTO filler VALUES (randomblob(50 * 1024 * 1024));',
    );
    const reads: number[] = [];
    const counting: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFileSystem.open(...args);
        const read = handle.read.bind(handle) as (...a: unknown[]) => ReturnType<typeof handle.read>;
        return Object.assign(handle, {
          read: (...a: unknown[]) => {
            reads.push(a[3] as number);
            return read(...a);
          },
        });
      }) as FileSystem['open'],
    };
    const image = await readDatabaseImage(path, { fs: counting });
    const onDisk = await readFile(path);
    expect(image.bytes.equals(onDisk)).toBe(true);
    expect(image.original.sha256).toBe(await sha256File(path));
    // Three ranges from 0, then the probe one byte past the end that proves the file ended there.
    expect(reads.filter((position) => position < onDisk.length).length).toBeGreaterThanOrEqual(3);
    expect(reads.at(-1)).toBe(onDisk.length);
    expect((await openImage(image)).exec('SELECT length(b) FROM filler')[0]?.values).toEqual([
      [50 * 1024 * 1024],
    ]);
  });

  it('refuses a large file when one of its ranges cannot be read, and closes the file only once every range is done', async () => {
    const dir = await tempDir();
    const path = writePanelDb(
      join(dir, 'x-ui.db'),
      'CREATE TABLE filler (b BLOB); INSERT INTO filler VALUES (randomblob(50 * 1024 * 1024));',
    );
    let pending = 0;
    let failed = false;
    let pendingAtClose: number | null = null;
    const failingRange: FileSystem = {
      ...nodeFileSystem,
      open: (async (...args: Parameters<FileSystem['open']>) => {
        const handle = await nodeFileSystem.open(...args);
        const read = handle.read.bind(handle) as (...a: unknown[]) => ReturnType<typeof handle.read>;
        const close = handle.close.bind(handle);
        return Object.assign(handle, {
          read: async (...a: unknown[]) => {
            pending++;
            try {
              // The first read past the file's start (a range other than the first) fails; the
              // other ranges are still being read meanwhile.
              if ((a[3] as number) > 0 && !failed) {
                failed = true;
                throw failing('EIO');
              }
              return await read(...a);
            } finally {
              pending--;
            }
          },
          close: async () => {
            pendingAtClose = pending;
            await close();
          },
        });
      }) as FileSystem['open'],
    };
    const result = await createPanelEngine({ dbPath: path, fs: failingRange }).getStatus();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FILE_UNREADABLE');
    expect(pendingAtClose).toBe(0);
  });
});

describe('refusing bad input with one coded error and no file changed', () => {
  type Case = { name: string; code: ErrorCode; make: (dir: string) => Promise<string>; fs?: FileSystem };
  const validDb = async (dir: string) => writePanelDb(join(dir, 'x-ui.db'));
  const cases: Case[] = [
    { name: 'a missing file', code: 'FILE_NOT_FOUND', make: async (dir) => join(dir, 'x-ui.db') },
    {
      name: 'a folder',
      code: 'NOT_A_FILE',
      make: async (dir) => {
        await mkdir(join(dir, 'x-ui.db'));
        return join(dir, 'x-ui.db');
      },
    },
    {
      name: 'a zero-byte file',
      code: 'FILE_EMPTY',
      make: async (dir) => {
        await writeFile(join(dir, 'x-ui.db'), '');
        return join(dir, 'x-ui.db');
      },
    },
    {
      name: 'a text file',
      code: 'NOT_SQLITE',
      make: async (dir) => {
        await writeFile(join(dir, 'x-ui.db'), 'webPort=2053\n'.repeat(100));
        return join(dir, 'x-ui.db');
      },
    },
    {
      name: 'a -wal file given instead of the database',
      code: 'NOT_SQLITE',
      make: async (dir) => {
        const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
        return `${path}-wal`;
      },
    },
    {
      name: 'a file shorter than the SQLite header',
      code: 'DATABASE_CORRUPT',
      make: async (dir) => {
        const path = await validDb(dir);
        await truncate(path, 60);
        return path;
      },
    },
    {
      name: 'a file truncated in the middle of a page',
      code: 'DATABASE_CORRUPT',
      make: async (dir) => {
        const path = await validDb(dir);
        await truncate(path, (await stat(path)).size - 1000);
        return path;
      },
    },
    {
      name: 'a file truncated by whole pages',
      code: 'DATABASE_CORRUPT',
      make: async (dir) => {
        const path = await validDb(dir);
        await truncate(path, 4096 * 2);
        return path;
      },
    },
    {
      name: 'garbage after a valid header',
      code: 'DATABASE_CORRUPT',
      make: async (dir) => {
        const path = await validDb(dir);
        const bytes = await readFile(path);
        for (let i = 100; i < bytes.length; i += 1) bytes[i] = (i * 7919) & 0xff;
        await writeFile(path, bytes);
        return path;
      },
    },
    {
      name: 'bytes appended after the last page',
      code: 'DATABASE_CORRUPT',
      make: async (dir) => {
        const path = await validDb(dir);
        await appendFile(path, Buffer.alloc(100, 0xab));
        return path;
      },
    },
    {
      name: 'a -wal file whose database is missing',
      code: 'WAL_WITHOUT_DATABASE',
      make: async (dir) => {
        const source = await writePanelWalPair(join(dir, 'source.db'), INBOUND_SQL(1));
        await copyFile(`${source}-wal`, join(dir, 'x-ui.db-wal'));
        return join(dir, 'x-ui.db');
      },
    },
    {
      name: 'a -wal file with a damaged header',
      code: 'WAL_INVALID',
      make: async (dir) => {
        const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
        const wal = await readFile(`${path}-wal`);
        wal.writeUInt8(wal.readUInt8(5) ^ 0xff, 5);
        await writeFile(`${path}-wal`, wal);
        return path;
      },
    },
    {
      name: 'a SQLite file that is not a panel database',
      code: 'NOT_A_PANEL_DATABASE',
      make: async (dir) => {
        sqlite3(
          join(dir, 'notes.db'),
          "CREATE TABLE notes (id integer, body text); INSERT INTO notes VALUES (1, 'hi');",
        );
        return join(dir, 'notes.db');
      },
    },
    {
      name: 'an unreadable file',
      code: 'FILE_UNREADABLE',
      make: validDb,
      // Tests run as root, where chmod 000 does not stop reads: inject the OS error instead.
      fs: {
        ...nodeFileSystem,
        readFile: (async () => {
          throw failing('EACCES');
        }) as FileSystem['readFile'],
        // The database is read through a handle (into a buffer with spare room, issue 16).
        open: (async () => {
          throw failing('EACCES');
        }) as FileSystem['open'],
      },
    },
  ];

  for (const testCase of cases) {
    it(`refuses ${testCase.name} with ${testCase.code}`, async () => {
      const dir = await tempDir();
      const path = await testCase.make(dir);
      const before = await snapshotTree(dir);
      const result = await createPanelEngine({ dbPath: path, fs: testCase.fs }).getStatus();
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(testCase.code);
      expect(result.error.message).not.toMatch(/\n|at .*\.ts:\d+/);
      expect(await snapshotTree(dir)).toEqual(before);
    });
  }
});

describe('writing a file atomically', () => {
  it('writes the bytes with the requested mode', async () => {
    const dir = await tempDir();
    const target = join(dir, 'out.db');
    await writeFileAtomically(target, Buffer.from('new'), { fs: nodeFileSystem, mode: 0o600 });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['out.db']);
  });

  const faults: Array<[string, Partial<FileSystem>]> = [
    ['the rename fails', { rename: async () => Promise.reject(failing('EIO')) }],
    [
      'the disk is full while writing',
      {
        open: (async (...args: Parameters<FileSystem['open']>) => {
          const handle = await nodeFs.open(...args);
          return Object.assign(Object.create(handle) as typeof handle, {
            write: async () => Promise.reject(failing('ENOSPC')),
            writeFile: async () => Promise.reject(failing('ENOSPC')),
            close: () => handle.close(),
          });
        }) as FileSystem['open'],
      },
    ],
    [
      'fsync fails',
      {
        open: (async (...args: Parameters<FileSystem['open']>) => {
          const handle = await nodeFs.open(...args);
          return Object.assign(Object.create(handle) as typeof handle, {
            write: (data: Uint8Array, offset: number, length: number, position: number) =>
              handle.write(data, offset, length, position),
            chmod: (mode: number) => handle.chmod(mode),
            sync: async () => Promise.reject(failing('EIO')),
            close: () => handle.close(),
          });
        }) as FileSystem['open'],
      },
    ],
  ];
  for (const [what, override] of faults) {
    it(`keeps the old bytes and leaves no temp file when ${what}`, async () => {
      const dir = await tempDir();
      const target = join(dir, 'out.db');
      await writeFile(target, 'old');
      const fs = { ...nodeFileSystem, ...override } as FileSystem;
      await expect(
        writeFileAtomically(target, Buffer.from('new'), { fs, mode: 0o600 }),
      ).rejects.toMatchObject({
        code: 'WRITE_FAILED',
      });
      expect(await readFile(target, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['out.db']);
    });
  }
});

describe('replacing the database file', () => {
  const setup = async () => {
    const dir = await tempDir();
    const path = await writePanelWalPair(join(dir, 'x-ui.db'), INBOUND_SQL(1));
    const aside = join(dir, 'aside');
    await mkdir(aside);
    await writeFile(`${path}-shm`, Buffer.alloc(32768));
    const image = await readDatabaseImage(path, { fs: nodeFileSystem });
    // As every write does through its backup: the file's hash is taken before sql.js writes into
    // the memory the file (and the -wal merged over it) was read into.
    expect(image.original.sha256).toBe(await sha256File(path));
    const db = await openImage(image);
    db.exec(INBOUND_SQL(2));
    const bytes = db.export();
    db.close();
    return { dir, path, aside, image, bytes };
  };

  it('moves the stale -wal and -shm aside and leaves a file SQLite reads alone', async () => {
    const { path, aside, image, bytes } = await setup();
    const moved = await replaceDatabaseFile(image, bytes, {
      fs: nodeFileSystem,
      asideDir: aside,
      now: () => new Date(),
    });
    expect(moved).toHaveLength(2);
    expect(await readdir(aside)).toHaveLength(2);
    for (const file of moved) expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(stat(`${path}-wal`)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(`${path}-shm`)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(sqlite3(path, 'SELECT count(*) FROM inbounds; PRAGMA integrity_check;').trim()).toBe('2\nok');
  });

  it('refuses when the database changed on disk since it was loaded', async () => {
    const { path, aside, image, bytes } = await setup();
    await appendFile(path, Buffer.alloc(4096));
    const before = await sha256File(path);
    await expect(
      replaceDatabaseFile(image, bytes, { fs: nodeFileSystem, asideDir: aside, now: () => new Date() }),
    ).rejects.toSatisfy((e: unknown) => e instanceof EngineError && e.code === 'FILE_CHANGED_ON_DISK');
    expect(await sha256File(path)).toBe(before);
    await expect(stat(`${path}-wal`)).resolves.toBeTruthy();
  });

  it('refuses when the -wal changed since the database was loaded (the panel is still writing)', async () => {
    const { path, aside, image, bytes } = await setup();
    await appendFile(`${path}-wal`, Buffer.alloc(100));
    await expect(
      replaceDatabaseFile(image, bytes, { fs: nodeFileSystem, asideDir: aside, now: () => new Date() }),
    ).rejects.toMatchObject({ code: 'FILE_CHANGED_ON_DISK' });
  });

  it('puts the -wal back and keeps the old file when the final rename fails', async () => {
    const { path, aside, image, bytes } = await setup();
    const before = await sha256File(path);
    const walBefore = await sha256File(`${path}-wal`);
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) =>
        String(from).endsWith('paneldb-tmp') ? Promise.reject(failing('EIO')) : nodeFs.rename(from, to),
    };
    await expect(
      replaceDatabaseFile(image, bytes, { fs, asideDir: aside, now: () => new Date() }),
    ).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    });
    expect(await sha256File(path)).toBe(before);
    expect(await sha256File(`${path}-wal`)).toBe(walBefore);
    expect(await readdir(aside)).toEqual([]);
  });
});

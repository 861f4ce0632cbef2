// The bad-input corpus: files an admin might hand PanelDB, generated from the §5 fixtures and then
// damaged on purpose. Each case says what `status` and `migrate` must answer: an error code, or
// success (a correct result), and whether the file may change.
import { appendFile, chmod, copyFile, mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFixture } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';

export type Expectation = 'ok' | string; // 'ok' or an ErrorCode

export interface BadInputCase {
  name: string;
  /** Writes the case into `dir` and returns the path to hand to paneldb. */
  make: (dir: string) => Promise<string>;
  status: Expectation;
  migrate: Expectation;
  /** A successful migrate rewrites the file; every other outcome must leave it byte-identical. */
}

const fixture = (id: string) => (dir: string) => buildFixture(id, dir);

/** Builds a fixture, then edits its bytes. */
const damaged =
  (id: string, edit: (bytes: Buffer) => Buffer | void) =>
  async (dir: string): Promise<string> => {
    const path = await buildFixture(id, dir);
    const bytes = await readFile(path);
    await writeFile(path, edit(bytes) ?? bytes);
    return path;
  };

const damagedWal =
  (edit: (wal: Buffer) => Buffer | void) =>
  async (dir: string): Promise<string> => {
    const path = await buildFixture('f7-wal-uncheckpointed', dir);
    const wal = await readFile(`${path}-wal`);
    await writeFile(`${path}-wal`, edit(wal) ?? wal);
    return path;
  };

const withSql =
  (id: string, sql: string) =>
  async (dir: string): Promise<string> => {
    const path = await buildFixture(id, dir);
    sqlite3(path, sql);
    return path;
  };

const pageOf = (bytes: Buffer, page: number) => (page - 1) * bytes.readUInt16BE(16);

/** Sets every commit frame's page count to `pages` and re-signs the WAL (SQLite's checksum). */
function claimPages(wal: Buffer, pages: number): Buffer {
  const out = Buffer.from(wal);
  const little = (out.readUInt32BE(0) & 1) === 0;
  const pageSize = out.readUInt32BE(8);
  const word = (at: number) => (little ? out.readUInt32LE(at) : out.readUInt32BE(at));
  let s0 = out.readUInt32BE(24);
  let s1 = out.readUInt32BE(28);
  const run = (start: number, end: number) => {
    for (let i = start; i < end; i += 8) {
      s0 = (s0 + word(i) + s1) >>> 0;
      s1 = (s1 + word(i + 4) + s0) >>> 0;
    }
  };
  for (let at = 32; at + 24 + pageSize <= out.length; at += 24 + pageSize) {
    if (out.readUInt32BE(at + 4) !== 0) out.writeUInt32BE(pages, at + 4);
    run(at, at + 8);
    run(at + 24, at + 24 + pageSize);
    out.writeUInt32BE(s0, at + 16);
    out.writeUInt32BE(s1, at + 20);
  }
  return out;
}

const DEEP_JSON = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

export const BAD_INPUTS: BadInputCase[] = [
  {
    name: 'a missing file',
    make: async (dir) => join(dir, 'x-ui.db'),
    status: 'FILE_NOT_FOUND',
    migrate: 'FILE_NOT_FOUND',
  },
  {
    name: 'a folder',
    make: async (dir) => {
      await mkdir(join(dir, 'x-ui.db'));
      return join(dir, 'x-ui.db');
    },
    status: 'NOT_A_FILE',
    migrate: 'NOT_A_FILE',
  },
  {
    name: 'zero bytes',
    make: async (dir) => {
      await writeFile(join(dir, 'x-ui.db'), '');
      return join(dir, 'x-ui.db');
    },
    status: 'FILE_EMPTY',
    migrate: 'FILE_EMPTY',
  },
  {
    name: 'not SQLite (a config file)',
    make: async (dir) => {
      await writeFile(join(dir, 'x-ui.db'), '[paths]\ndb_folder = "/etc/x-ui"\n'.repeat(50));
      return join(dir, 'x-ui.db');
    },
    status: 'NOT_SQLITE',
    migrate: 'NOT_SQLITE',
  },
  ...[60, 1000, 4096 + 100, 8192].map((offset) => ({
    name: `truncated at byte ${offset}`,
    make: async (dir: string) => {
      const path = await buildFixture('f2-tls-variants', dir);
      await truncate(path, offset);
      return path;
    },
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  })),
  {
    name: 'garbage after a valid header',
    make: damaged('f2-tls-variants', (bytes) => {
      for (let i = 100; i < bytes.length; i += 1) bytes[i] = (i * 31) & 0xff;
    }),
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  },
  {
    name: 'a flipped byte in the header (page size)',
    make: damaged('f2-tls-variants', (bytes) => void bytes.writeUInt16BE(3000, 16)),
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  },
  {
    name: 'a wrong page size (8192 on a 4096-byte file)',
    make: damaged('f2-tls-variants', (bytes) => void bytes.writeUInt16BE(8192, 16)),
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  },
  {
    name: 'flipped bytes in a b-tree page of inbounds',
    make: async (dir) => {
      const path = await buildFixture('f2-tls-variants', dir);
      const root = Number(
        sqlite3(path, "SELECT rootpage FROM sqlite_master WHERE name = 'inbounds';").trim(),
      );
      const bytes = await readFile(path);
      const at = pageOf(bytes, root);
      bytes.fill(0xee, at + 8, at + 40); // cell pointers of the b-tree page
      await writeFile(path, bytes);
      return path;
    },
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  },
  {
    name: 'flipped bytes in the freelist',
    make: async (dir) => {
      const path = await buildFixture('f2-tls-variants', dir);
      sqlite3(
        path,
        `CREATE TABLE filler (x); INSERT INTO filler SELECT randomblob(3000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 40) SELECT i FROM n); DROP TABLE filler;`,
      );
      const bytes = await readFile(path);
      const trunk = bytes.readUInt32BE(32);
      bytes.writeUInt32BE(0x7fffffff, pageOf(bytes, trunk) + 8); // a leaf pointer far past the end
      await writeFile(path, bytes);
      return path;
    },
    status: 'ok', // status reports the integrity problems as its result
    migrate: 'DATABASE_CORRUPT',
  },
  {
    name: 'a WAL with a bad header',
    make: damagedWal((wal) => void wal.writeUInt32BE(0x12345678, 0)),
    status: 'WAL_INVALID',
    migrate: 'WAL_INVALID',
  },
  {
    name: 'a WAL with a bad checksum in a frame',
    make: damagedWal((wal) => {
      const frame = 24 + wal.readUInt32BE(8);
      wal.writeUInt8(wal.readUInt8(32 + frame + 24 + 200) ^ 0x55, 32 + frame + 24 + 200);
    }),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a WAL with a salt mismatch',
    make: damagedWal((wal) => {
      const frame = 24 + wal.readUInt32BE(8);
      wal.writeUInt32BE((wal.readUInt32BE(32 + frame + 8) ^ 0xffff) >>> 0, 32 + frame + 8);
    }),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a WAL with a torn last frame',
    make: damagedWal((wal) => wal.subarray(0, wal.length - 1000)),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a WAL without its database',
    make: async (dir) => {
      const path = await buildFixture('f7-wal-uncheckpointed', dir);
      await copyFile(`${path}-wal`, join(dir, 'x-ui.db-wal'));
      return join(dir, 'x-ui.db');
    },
    status: 'WAL_WITHOUT_DATABASE',
    migrate: 'WAL_WITHOUT_DATABASE',
  },
  {
    name: 'a stale WAL from another snapshot',
    make: fixture('f7-wal-stale'),
    status: 'WAL_MISMATCH',
    migrate: 'WAL_MISMATCH',
  },
  {
    name: 'a database newer than the tool knows',
    make: withSql('f8-branch-version-5', 'UPDATE schema_migrations SET version = 7;'),
    status: 'ok',
    migrate: 'VERSION_NEWER_THAN_TOOL',
  },
  ...[1, 2, 3, 4, 5].map((version) => ({
    name: `dirty at version ${version}`,
    make: withSql('f8-branch-version-5', `UPDATE schema_migrations SET version = ${version}, dirty = 1;`),
    status: 'ok',
    migrate: 'DATABASE_DIRTY',
  })),
  {
    name: 'schema_migrations with several rows',
    make: withSql(
      'f3-xhttp-without-flow',
      'CREATE TABLE schema_migrations (version uint64,dirty bool); INSERT INTO schema_migrations VALUES (2,0),(3,0),(4,0);',
    ),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'invalid JSON in a stream_settings column',
    make: fixture('f4-reality-invalid-json'),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'duplicate keys in a settings column',
    make: fixture('f6-dirty-3-crashed-after-commit'),
    status: 'ok',
    migrate: 'DATABASE_DIRTY',
  },
  {
    name: 'a non-object client and a string tgId',
    make: fixture('f10-tgid-string-and-null-client'),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'an 80-byte plaintext password',
    make: fixture('f5-passwords-e'),
    status: 'ok',
    migrate: 'MIGRATION_FAILED',
  },
  {
    name: 'a 73-byte plaintext password',
    make: withSql('f5-passwords-a', `UPDATE users SET password = '${'p'.repeat(73)}';`),
    status: 'ok',
    migrate: 'MIGRATION_FAILED',
  },
  {
    name: 'a read-only database file',
    make: async (dir) => {
      const path = await buildFixture('f2-tls-variants', dir);
      await chmod(path, 0o444);
      return path;
    },
    status: 'ok',
    migrate: 'ok', // the file is replaced by rename, keeping its 0444 mode
  },
  {
    name: 'a path with spaces and CJK characters',
    make: async (dir) => {
      const folder = join(dir, 'Panel 备份 2026');
      await mkdir(folder);
      const path = await buildFixture('f2-tls-variants', folder);
      const target = join(folder, '面板 x-ui.db');
      await copyFile(path, target);
      return target;
    },
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a symlink to the database',
    make: async (dir) => {
      const path = await buildFixture('f7-wal-uncheckpointed', dir);
      const link = join(dir, 'link-to-x-ui.db');
      await symlink(path, link);
      return link;
    },
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a SQLite file that is not a panel database',
    make: fixture('not-panel'),
    status: 'NOT_A_PANEL_DATABASE',
    migrate: 'NOT_A_PANEL_DATABASE',
  },
  {
    name: 'an upstream 3x-ui v3 database',
    make: fixture('upstream-v3'),
    status: 'ok',
    migrate: 'REPAIR_NEEDED',
  },
  {
    name: 'panel tables dropped by Down()',
    make: fixture('f9-tables-dropped'),
    status: 'ok',
    migrate: 'REPAIR_NEEDED',
  },
  {
    name: 'a WAL whose commit frame claims 600,000 pages',
    make: damagedWal((wal) => claimPages(wal, 600_000)),
    status: 'WAL_INVALID',
    migrate: 'WAL_INVALID',
  },
  {
    name: 'JSON nested 20,000 levels deep in settings and stream_settings',
    make: withSql(
      'f2-tls-variants',
      `UPDATE inbounds SET settings = '{"clients":${DEEP_JSON}}', stream_settings = '${DEEP_JSON}' WHERE id = (SELECT min(id) FROM inbounds);`,
    ),
    status: 'ok',
    migrate: 'ok',
  },
  {
    name: 'a paneldb_history table of another layout',
    make: withSql('f2-tls-variants', 'CREATE TABLE paneldb_history (id INTEGER PRIMARY KEY, note TEXT);'),
    status: 'HISTORY_INVALID',
    migrate: 'HISTORY_INVALID',
  },
  {
    name: 'bytes appended after the last page',
    make: async (dir) => {
      const path = await buildFixture('f2-tls-variants', dir);
      await appendFile(path, Buffer.alloc(513, 7));
      return path;
    },
    status: 'DATABASE_CORRUPT',
    migrate: 'DATABASE_CORRUPT',
  },
];

// Migration 5 (UserPasswordHash) on in-memory panel databases: fixtures F5 a–f (docs/panel-database.md
// §5), the Go seeder's meaning (§2.3) without its double hashing, and the S18 repair (§3.6).
// bcrypt cost 10 takes ~70 ms a hash, so each test hashes only a user or two.
import bcrypt from 'bcryptjs';
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../electron/core/sql';
import { loadSqlJs } from '../../electron/core/sqljs';
import { createStepContext } from '../../electron/core/step-context';
import { BCRYPT_HASH } from '../../electron/core/password-hashing';
import { userPasswordHash } from '../../migrations/000005_user_password_hash';
import { PANEL_DDL } from '../../electron/panel/panel-schema';
import { StepFailure } from '../../electron/core/step-types';

/** bcrypt of `admin` as Go writes it (`$2a$10$…`). */
const ADMIN_BCRYPT = '$2a$10$lRV2nTkSylYDsvlnUcCO1eoSnxMJN.bPC0BB9me38I4Os79Yp/XMO';
const LONG_PASSWORD = 'L0ng-Passphrase-'.repeat(5); // 80 ASCII characters

async function panelDb(users: [string, string | null][]): Promise<Database> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  for (const ddl of Object.values(PANEL_DDL)) db.run(ddl);
  for (const [username, password] of users) {
    db.run('INSERT INTO users (username, password) VALUES (?, ?)', [username, password]);
  }
  return db;
}

const passwordOf = (db: Database, id: number) =>
  queryValue(db, 'SELECT password FROM users WHERE id = ?', [id]) as string | null;

async function migrate(db: Database) {
  const progress: [number, number][] = [];
  // As the migrator runs this step: no before-images, so no plaintext is kept anywhere.
  const { context, recording } = createStepContext(db, {
    keepBeforeImages: false,
    onProgress: (done, total) => progress.push([done, total]),
  });
  await userPasswordHash.up(context);
  return { ...recording, progress };
}

describe('migration 5, user_password_hash', () => {
  it('F5a: a plaintext password becomes a $2b$ cost-10 bcrypt hash that verifies it, with no before-image kept', async () => {
    const db = await panelDb([['admin', 'admin']]);
    const result = await migrate(db);
    const stored = passwordOf(db, 1) ?? '';
    expect(stored).toMatch(/^\$2b\$10\$/);
    expect(stored).toMatch(BCRYPT_HASH);
    expect(bcrypt.compareSync('admin', stored)).toBe(true);
    expect(result.changes).toEqual([
      { table: 'users', rowid: 1, column: 'password', before: null, after: stored },
    ]);
    expect(result.progress).toEqual([[1, 1]]);
  });

  it('F5b: a value that already is a bcrypt hash is skipped and never hashed twice', async () => {
    const db = await panelDb([['admin', ADMIN_BCRYPT]]);
    const result = await migrate(db);
    expect(passwordOf(db, 1)).toBe(ADMIN_BCRYPT);
    expect(bcrypt.compareSync('admin', passwordOf(db, 1) ?? '')).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.skipped).toEqual([
      {
        table: 'users',
        rowid: 1,
        reason: expect.stringMatching(/already a bcrypt hash/),
        msg: { key: 'skip.alreadyBcrypt' },
      },
    ]);
    expect(result.progress).toEqual([[1, 1]]);
  });

  it('F5c/F5d: HASHED:admin left by SQL 000005 is repaired so that the login admin works', async () => {
    const db = await panelDb([['admin', 'HASHED:admin']]);
    const result = await migrate(db);
    const stored = passwordOf(db, 1) ?? '';
    expect(bcrypt.compareSync('admin', stored)).toBe(true);
    expect(bcrypt.compareSync('HASHED:admin', stored)).toBe(false);
    expect(result.notes).toContainEqual(expect.stringMatching(/^user 'admin' \(id 1\): .*S18/));
  });

  it('F5e: an 80-character password fails the step cleanly, naming the user, before any user is hashed', async () => {
    const db = await panelDb([
      ['first', 'short-one'],
      ['admin', LONG_PASSWORD],
    ]);
    const { context } = createStepContext(db, { keepBeforeImages: false });
    const run = userPasswordHash.up(context);
    await expect(run).rejects.toBeInstanceOf(StepFailure);
    await expect(run).rejects.toThrow(
      /^user 'admin' \(id 2\): password is 80 bytes; bcrypt accepts at most 72/,
    );
    expect(passwordOf(db, 1)).toBe('short-one');
    expect(passwordOf(db, 2)).toBe(LONG_PASSWORD);
  });

  it('F5f: an empty users table is a no-op', async () => {
    const db = await panelDb([]);
    const result = await migrate(db);
    expect(result).toEqual({ changes: [], skipped: [], notes: [], note_msgs: [], progress: [] });
  });

  it('counts the 72-byte limit in UTF-8 bytes, not characters', async () => {
    const fits = '€'.repeat(24); // 72 bytes
    const db = await panelDb([
      ['fits', fits],
      ['euro', '€'.repeat(25)], // 25 characters, 75 bytes
    ]);
    await expect(migrate(db)).rejects.toThrow(/^user 'euro' \(id 2\): password is 75 bytes/);

    const ok = await panelDb([['fits', fits]]);
    await migrate(ok);
    expect(bcrypt.compareSync(fits, passwordOf(ok, 1) ?? '')).toBe(true);
  });

  it('skips a NULL password with a reason and reports progress after every user', async () => {
    const db = await panelDb([
      ['admin', ADMIN_BCRYPT],
      ['nobody', null],
      ['ops', 'ops-pass'],
    ]);
    const result = await migrate(db);
    expect(passwordOf(db, 2)).toBeNull();
    expect(bcrypt.compareSync('ops-pass', passwordOf(db, 3) ?? '')).toBe(true);
    expect(result.skipped).toEqual([
      {
        table: 'users',
        rowid: 1,
        reason: expect.stringMatching(/already a bcrypt hash/),
        msg: { key: 'skip.alreadyBcrypt' },
      },
      { table: 'users', rowid: 2, reason: expect.stringMatching(/NULL/), msg: { key: 'skip.passwordNull' } },
    ]);
    expect(result.progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(result.notes).toEqual(['1 panel password(s) hashed with bcrypt (cost 10)']);
  });

  it('S18: a HASHED:<pw> value is hashed as <pw>, the password the admin set (the SQL stored "HASHED:" || password, which no login matches)', async () => {
    const db = await panelDb([
      ['root', 'HASHED:s3cret-Pw'],
      ['twice', 'HASHED:HASHED:other-Pw'],
    ]);
    const result = await migrate(db);
    expect(bcrypt.compareSync('s3cret-Pw', passwordOf(db, 1) ?? '')).toBe(true);
    expect(bcrypt.compareSync('other-Pw', passwordOf(db, 2) ?? '')).toBe(true);
    const report = JSON.stringify(result);
    expect(report).not.toContain('s3cret-Pw');
    expect(report).not.toContain('other-Pw');
    expect(result.notes.filter((note) => note.includes('S18'))).toHaveLength(2);
  });
});

// One step, one transaction: what it wrote is in the database whole, or — when it throws — not at
// all, with the rollback journal kept in SQLite's memory for the step (step-transaction.ts).
import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { MIGRATIONS } from '../../migrations/index';
import { openImage, readDatabaseImage } from '../../electron/core/database';
import { nodeFileSystem } from '../../electron/core/file-system';
import { inStepTransaction, type StepOutcome } from '../../electron/core/step-transaction';
import { StepFailure } from '../../electron/core/step-types';
import { message } from '../../electron/shared/i18n';
import { queryRows } from '../../electron/core/sql';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';

async function openFixture(): Promise<Database> {
  const path = await buildFixture('f2-tls-variants', await tempDir());
  return openImage(await readDatabaseImage(path, { fs: nodeFileSystem }));
}

const journalMode = (db: Database) => String(db.exec('PRAGMA journal_mode')[0]?.values[0]?.[0]);

/** Every row of every table, in rowid order: the database's whole content. */
function content(db: Database): string {
  const tables = queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  return JSON.stringify([
    queryRows(db, 'SELECT type, name, sql FROM sqlite_master ORDER BY name'),
    ...tables.map((table) => queryRows(db, `SELECT rowid, * FROM "${String(table.name)}" ORDER BY rowid`)),
  ]);
}

function stepOf(db: Database) {
  const migration = MIGRATIONS.find((candidate) => candidate.version === 3);
  if (migration === undefined) throw new Error('step 3 is missing');
  return {
    db,
    migration,
    direction: 'up' as const,
    kind: 'fix' as const,
    deps: { now: () => new Date(), applied: new Set<number>() },
    started: new Date(),
  };
}

const outcome = (): StepOutcome => ({
  report: {
    version: 3,
    name: 'xhttp_flow',
    direction: 'up',
    status: 'applied',
    duration_ms: 0,
    rows_changed: 1,
    changes: [],
    skipped: [],
    notes: [],
    hash_before: {},
    hash_after: {},
  },
  finished: new Date(),
  log: { checksum: 'test', changes: [], skipped: [], notes: [] },
});

describe('a step transaction', () => {
  it('rolls back every write of a step that throws, and the journal mode is as it was', async () => {
    const db = await openFixture();
    try {
      const before = content(db);
      let modeInside = '';
      await expect(
        inStepTransaction(stepOf(db), () => {
          modeInside = journalMode(db);
          db.exec("UPDATE inbounds SET remark = 'half-done'; DELETE FROM client_traffics");
          db.exec('CREATE TABLE scratch (a)');
          throw new StepFailure(
            message('err.step.sqlFailed', { file: 'test', reason: 'injected failure after writing' }),
          );
        }),
      ).rejects.toThrow('injected failure after writing');
      expect(modeInside).toBe('memory');
      expect(content(db)).toBe(before);
      expect(journalMode(db)).toBe('delete');
      expect(queryRows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      db.close();
    }
  });

  it('keeps the writes of a step that succeeds, and the journal mode is as it was', async () => {
    const db = await openFixture();
    try {
      await inStepTransaction(stepOf(db), () => {
        db.exec("UPDATE inbounds SET remark = 'done'");
        return outcome();
      });
      expect(new Set(queryRows(db, 'SELECT remark FROM inbounds').map((row) => row.remark))).toEqual(
        new Set(['done']),
      );
      expect(journalMode(db)).toBe('delete');
    } finally {
      db.close();
    }
  });
});

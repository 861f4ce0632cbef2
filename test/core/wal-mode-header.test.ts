// A panel file in WAL mode whose -wal was checkpointed away (every real panel file after a clean
// stop) once could not be migrated at all: its fingerprint was taken lazily, after sql.js had
// written into the very bytes it was read into, so the save saw "changed on disk".
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';

describe('a WAL-mode file without a -wal beside it', () => {
  it('migrates, and the saved file holds the rows the panel wrote', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    execFileSync('sqlite3', [
      path,
      "PRAGMA journal_mode=WAL; INSERT INTO settings(key,value) VALUES('k','v');",
    ]);
    const result = await createPanelEngine({ dbPath: path }).migrate();
    expect(result.ok || `${result.error.code} ${result.error.message}`).toBe(true);
    const value = execFileSync('sqlite3', [path, "SELECT value FROM settings WHERE key='k';"], {
      encoding: 'utf8',
    });
    expect(value.trim()).toBe('v');
  });
});

// A running panel is detected, not guessed: a real sqlite3 process holding the file open in WAL
// mode is named by status, and every write refuses with DATABASE_IN_USE, leaving its rows intact.
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import { findFileHolders } from '../../electron/core/file-holders';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { openLive } from '../support/live-sqlite';
import { sqlite3OnCopy } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import { englishRuns } from '../support/english-runs';
import { renderMessage } from '../../electron/shared/i18n';

describe.runIf(process.platform === 'linux')('another process holding the database', () => {
  it('is named by status and refused by every write; its committed rows stay', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    const live = await openLive(path);
    try {
      await live.run("INSERT INTO settings(key, value) VALUES('live-1', 'v');");
      const holders = await findFileHolders(path);
      expect(holders).toContainEqual({ pid: live.pid, name: 'sqlite3' });

      const status = await createPanelEngine({ dbPath: path }).getStatus();
      expect(status.ok && status.value.in_use_by).toContainEqual({ pid: live.pid, name: 'sqlite3' });
      expect(status.ok && status.value.warnings.map((w) => w.code)).toContain('DATABASE_IN_USE');
      // Issue 15: a plain sentence in either language, the holder kept as data, no command to type.
      const inUse = status.ok ? status.value.warnings.find((w) => w.code === 'DATABASE_IN_USE') : undefined;
      expect(inUse?.msg?.key).toBe('warning.inUse');
      const zh = renderMessage('zh-CN', inUse?.msg, '');
      expect(zh).toContain(`sqlite3（pid ${live.pid}）`);
      expect(englishRuns(zh)).toEqual([]);
      expect(inUse?.message).toContain(`sqlite3 (pid ${live.pid})`);

      const engine = createPanelEngine({ dbPath: path });
      const backup = await engine.createBackup();
      expect(backup.ok).toBe(true);
      const restore = await engine.restoreBackup(backup.ok ? backup.value.id : '');
      for (const result of [await engine.migrate(), restore, await engine.repair({ forceVersion: 0 })]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_IN_USE' } });
        if (!result.ok) {
          expect(result.error.message).toMatch(new RegExp(`sqlite3 \\(pid ${live.pid}\\)`));
          expect(result.error.hint).toMatchObject({
            action: 'stop-panel',
            holders: [{ pid: live.pid, name: 'sqlite3' }],
          });
          expect(exitCodeFor(result.error.code)).toBe(4);
        }
      }
      await live.run("INSERT INTO settings(key, value) VALUES('live-2', 'v');");
    } finally {
      await live.close();
    }
    const rows = await sqlite3OnCopy(
      path,
      "SELECT key FROM settings WHERE key LIKE 'live-%' ORDER BY key;",
      true,
    );
    expect(rows).toEqual([{ key: 'live-1' }, { key: 'live-2' }]);
    // Once the panel is stopped, the write goes through.
    const after = await createPanelEngine({ dbPath: path }).migrate();
    expect(after.ok || `${after.error.code}: ${after.error.message}`).toBe(true);
  });
});

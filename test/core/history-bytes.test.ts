// What a migrate adds to paneldb_history, against the performance target (issue 16): its rows, every
// column of every step's row counted as SQLite stores it (dbstat's payload), hold at most the UTF-8
// size of the before-values they keep + 1 %. Measured on the bench's own generator, the shape of a
// real panel, where format 2 text held 1.19× the values at 10 MB.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { writeBigPanel } from '../support/large-panels';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

describe('the history a migrate writes', () => {
  it('holds no more than the changed before-values + 1 % for a migrate 1→4 of a 10 MB panel, and rolls back from it', async () => {
    const path = await writeBigPanel(join(await tempDir(), 'x-ui.db'), 10);
    const engine = createPanelEngine({ dbPath: path });
    const run = await engine.migrate({ to: 4 });
    expect(run.ok).toBe(true);

    const history = await engine.getHistory();
    if (!history.ok) throw new Error(history.error.message);
    const beforeBytes = history.value
      .flatMap((entry) => entry.changes)
      .reduce((sum, change) => sum + (change.before === null ? 0 : Buffer.byteLength(change.before)), 0);
    const rowBytes = Number(
      sqlite3(path, "SELECT coalesce(sum(payload), 0) FROM dbstat WHERE name = 'paneldb_history';"),
    );
    expect(beforeBytes).toBeGreaterThan(10_000);
    expect(rowBytes).toBeLessThanOrEqual(beforeBytes * 1.01);

    const rolledBack = await engine.rollBack({ steps: 3 });
    expect(rolledBack.ok && rolledBack.value.steps.map((step) => step.content_hash_restored)).toEqual([
      true,
      true,
      true,
    ]);
  });
});

// Migration 3's two modes through the engine (issue 8): `safe` (the default) sets Vision only where
// VLESS Encryption is on and records every other row as skipped; `panel` is the panel's seeder.
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { buildFixture } from '../fixtures/build';
import { F3A_SETTINGS, F3B_SETTINGS } from '../fixtures/scenarios';
import { sqlite3Json } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const VISION = 'xtls-rprx-vision';
const settingsById = (path: string) =>
  Object.fromEntries(
    sqlite3Json(path, 'SELECT id, settings FROM inbounds ORDER BY id').map((row) => [row.id, row.settings]),
  ) as Record<number, string>;
const flowsOf = (text: string | undefined) =>
  (JSON.parse(text ?? '{}') as { clients: Array<{ flow?: string }> }).clients.map((client) => client.flow);

describe('migration 3 modes', () => {
  it('safe by default: F3b (ML-KEM decryption) gets Vision; F3a and F3c (decryption "none") are skipped with the reason', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const before = settingsById(path);
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3 }));
    const step = report.steps.find((entry) => entry.version === 3);
    expect(step?.notes[0]).toMatch(/^mode: safe/);
    expect(step?.skipped.map((row) => [row.rowid, row.reason])).toEqual([
      [1, expect.stringMatching(/without VLESS Encryption/)],
      [3, expect.stringMatching(/without VLESS Encryption/)],
    ]);
    const after = settingsById(path);
    expect(after[1]).toBe(before[1]);
    expect(after[3]).toBe(before[3]);
    expect(after[2]).toBe(F3B_SETTINGS.replace('"enable":true,', `"enable":true,"flow":"${VISION}",`));
    // The panel marker is written in both modes.
    expect(sqlite3Json(path, 'SELECT seeder_name FROM history_of_seeders')).toContainEqual({
      seeder_name: 'XhttpFlowMigration',
    });
    const history = unwrap(await createPanelEngine({ dbPath: path }).getHistory());
    const logged = history.find((entry) => entry.version === 3);
    expect(logged?.notes[0]).toMatch(/^mode: safe/);
    expect(logged?.skipped.map((row) => row.rowid)).toEqual([1, 3]);
  });

  it('shows the skipped rows in the dry-run preview and writes nothing', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const hash = await sha256File(path);
    const preview = unwrap(await createPanelEngine({ dbPath: path }).previewMigrate({ to: 3 }));
    const step = preview.steps.find((entry) => entry.version === 3);
    expect(step?.skipped.map((row) => row.rowid)).toEqual([1, 3]);
    expect(step?.changes.map((change) => change.rowid)).toEqual([2]);
    expect(await sha256File(path)).toBe(hash);
  });

  it("panel mode reproduces the panel's seeder: Vision on every flow-less client of F3a, F3b and F3c", async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const report = unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3, xhttpFlow: 'panel' }));
    const step = report.steps.find((entry) => entry.version === 3);
    expect(step?.notes[0]).toMatch(/^mode: panel/);
    expect(step?.skipped).toEqual([]);
    const after = settingsById(path);
    expect(after[1]).toBe(F3A_SETTINGS.replace('"flow":""', `"flow":"${VISION}"`));
    expect(after[2]).toBe(F3B_SETTINGS.replace('"enable":true,', `"enable":true,"flow":"${VISION}",`));
    expect(flowsOf(after[3])).toEqual([VISION, VISION]);
    expect(sqlite3Json(path, 'SELECT seeder_name FROM history_of_seeders')).toContainEqual({
      seeder_name: 'XhttpFlowMigration',
    });
  });

  it('records a different checksum for each mode in the history row', async () => {
    const checksumFor = async (xhttpFlow: 'safe' | 'panel') => {
      const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
      unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3, xhttpFlow }));
      return unwrap(await createPanelEngine({ dbPath: path }).getHistory()).find(
        (entry) => entry.version === 3,
      )?.checksum;
    };
    expect(await checksumFor('safe')).not.toBe(await checksumFor('panel'));
  });

  it('a safe-mode step 3 rolls back to the exact original rows', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    const before = settingsById(path);
    unwrap(await createPanelEngine({ dbPath: path }).migrate({ to: 3 }));
    const rolled = unwrap(await createPanelEngine({ dbPath: path }).rollBack({ steps: 1 }));
    expect(rolled.steps[0]?.content_hash_restored).toBe(true);
    expect(settingsById(path)).toEqual(before);
  });
});

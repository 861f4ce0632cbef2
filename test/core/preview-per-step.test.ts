// Issue 14B, point 11: one bad external migration file no longer blocks the preview of all steps —
// its error shows on its own step, the others preview as usual; the real run stays all-or-nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import type { Result } from '../../electron/shared/result';
import { buildFixture } from '../fixtures/build';
import { sha256File, tempDir } from '../support/temp-dir';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('previewing with a bad external migration file', () => {
  it('marks that step failed with its error and still previews every other step', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    const dir = join(await tempDir('paneldb-sql-'), 'migrations');
    await mkdir(dir);
    await writeFile(join(dir, '000006_broken.up.sql'), 'UPDATE no_such_table SET x = 1;\n');
    await writeFile(join(dir, '000006_broken.down.sql'), 'SELECT 1;\n');
    await writeFile(
      join(dir, '000007_remark.up.sql'),
      "UPDATE inbounds SET remark = remark || ' (checked)';\n",
    );
    await writeFile(
      join(dir, '000007_remark.down.sql'),
      'UPDATE inbounds SET remark = substr(remark, 1, length(remark) - 10);\n',
    );
    const engine = createPanelEngine({ dbPath: path, migrationsDir: dir });
    const before = await sha256File(path);

    const preview = unwrap(await engine.previewMigrate());
    const byVersion = new Map(preview.steps.map((step) => [step.version, step]));
    expect([...byVersion.keys()]).toEqual([1, 2, 3, 4, 6, 7]);
    expect(byVersion.get(6)).toMatchObject({ status: 'failed' });
    expect(byVersion.get(6)?.error).toContain('no_such_table');
    expect(byVersion.get(7)?.status).toBe('applied');
    expect(byVersion.get(7)?.rows_changed).toBeGreaterThan(0);
    expect(byVersion.get(2)?.rows_changed).toBeGreaterThan(0);

    // The real run: all or nothing, as before.
    const run = await engine.migrate();
    expect(run.ok ? 'ok' : run.error.code).toBe('MIGRATION_FAILED');
    expect(await sha256File(path)).toBe(before);
  });
});

// Issue 14B end to end in Debian's Chromium against `paneldb serve`, in English and Chinese:
// restores you can see (counts, can the panel start, the comparison, the explicit yes a blind
// restore needs), "Compare with current", a refused rollback disabled up front with a Restore
// button, the limited mode of a damaged file, `serve DIR` and back to the start, the preview's
// NULL and full text — and no visible text that is a command line. Screenshots in test-output.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

async function shot(page: Page, lang: string, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${lang}-14b-${name}.png`), fullPage: true });
}

/** No GUI text is a command line (issue 14, point 8). */
async function expectNoCommandLine(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('paneldb ');
  expect(text).not.toContain(' --');
}

describe.each(['en', 'zh-CN'] as const)('decisions about restores in %s', (lang) => {
  const browser = servedBrowser(lang);
  const serve = (args: string[]) => browser.serve(args);

  it('shows what each backup holds, refuses a blind restore until confirmed, compares, and guards rollback', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f1-legacy-nothing-recorded', dir);
    const empty = await buildFixture('f0-fresh-first-start', join(dir, 'other'));
    await copyFile(empty, `${path}.backup.1770000000`);
    const { url } = await serve([path]);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByTestId('version-badge').waitFor();
      await expectNoCommandLine(page);

      // Migrate, so there is a PanelDB backup from before it.
      await page.getByTestId('tab-pending').click();
      await page.getByTestId('preview-button').click();
      await page.getByTestId('preview').waitFor();
      // Full text keeps the database's key order and highlights the changed keys.
      const values = sqlite3(
        path,
        "SELECT replace(settings, char(10), ' ') FROM inbounds UNION ALL SELECT replace(stream_settings, char(10), ' ') FROM inbounds;",
      )
        .split('\n')
        .map((line) => line.replace(/\s/g, ''))
        .filter((line) => line !== '');
      const change = page
        .getByTestId('preview-change')
        .filter({ has: page.getByTestId('json-change') })
        .first();
      await change.getByTestId('full-text-toggle').click();
      const before = change.getByTestId('full-text').first();
      await before.waitFor();
      expect(values).toContain((await before.innerText()).replace(/\s/g, ''));
      expect(await change.locator('[data-changed="true"]').count()).toBeGreaterThan(0);
      await shot(page, lang, '1-full-text');
      await expectNoCommandLine(page);

      await page.getByTestId('migrate-button').click();
      await page.getByTestId('confirm-dialog').waitFor();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('run-report').waitFor();
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toMatch(/5/);

      // "Repair" has one meaning: a clean, migrated file has no Repair button.
      await page.getByTestId('tab-checks').click();
      await page.getByTestId('recommendation').waitFor();
      expect(await page.getByTestId('repair-button').count()).toBe(0);
      await expectNoCommandLine(page);

      // Backups: each shows what it holds and whether the panel can start on it.
      await page.getByTestId('tab-backups').click();
      const panelRow = page.locator('[data-testid="backup-row"][data-backup-id="x-ui.db.backup.1770000000"]');
      await panelRow.getByTestId('inspection-counts').waitFor();
      expect(await panelRow.getByTestId('inspection-counts').innerText()).toMatch(/^0\D/);
      const ownRow = page.locator('[data-testid="backup-row"][data-backup-id*="before-migrate"]');
      await ownRow.getByTestId('inspection-counts').waitFor();
      expect(await ownRow.getByTestId('inspection-counts').innerText()).toMatch(/^3\D/);
      await shot(page, lang, '2-backups');

      // Compare with current: the Preview's row-level JSON diff. A SQL NULL shows as NULL.
      sqlite3(path, 'UPDATE inbounds SET sniffing = NULL WHERE id = 1;');
      await ownRow.getByTestId('compare-button').click();
      await page.getByTestId('backup-diff').waitFor();
      expect(await page.getByTestId('backup-diff').getByTestId('json-change').count()).toBeGreaterThan(0);
      const nullSide = page
        .getByTestId('backup-diff')
        .getByTestId('value-before')
        .filter({ hasText: /^NULL$/ });
      expect(await nullSide.count()).toBeGreaterThan(0);
      await shot(page, lang, '3-compare');
      await expectNoCommandLine(page);
      await page.getByTestId('backup-diff-close').click();

      // A blind restore: 3 inbounds now, 0 in the panel's backup. OK stays disabled until the box is ticked.
      const sha = await sha256File(path);
      await panelRow.getByTestId('restore-button').click();
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByTestId('restore-compare').waitFor();
      expect(await dialog.getByTestId('restore-compare').getAttribute('data-risks')).toBe(
        'far-fewer-inbounds',
      );
      expect(await dialog.getByTestId('restore-compare-line').innerText()).toMatch(/3.*0/);
      expect(await page.getByTestId('confirm-ok').isDisabled()).toBe(true);
      await shot(page, lang, '4-blind-restore-refused');
      await expectNoCommandLine(page);
      await page.getByTestId('confirm-cancel').click();
      expect(await sha256File(path)).toBe(sha);

      // Rollback to v4 would undo step 5, which is irreversible: disabled up front, with a Restore button.
      await page.getByTestId('tab-history').click();
      await page.getByTestId('rollback-to-select').selectOption('4');
      await page.getByTestId('rollback-blocked').waitFor();
      // The notice may already stand for "roll back one step" (asked first); the engine's answer for
      // "to v4" is its own request, so wait for it rather than read the button before it lands.
      await expect
        .poll(() => page.getByTestId('rollback-to-button').isDisabled(), { timeout: 15_000 })
        .toBe(true);
      await shot(page, lang, '5-rollback-blocked');
      await expectNoCommandLine(page);
      await page.getByTestId('rollback-restore').click();
      await dialog.getByTestId('restore-compare').waitFor();
      expect(await dialog.getByTestId('restore-compare').getAttribute('data-risks')).toBe('');
      expect(await page.getByTestId('confirm-ok').isEnabled()).toBe(true);
      await page.getByTestId('confirm-ok').click();
      // The headline badge counts the applied set: back before the migration, step 1 is the baseline.
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toMatch(/1 \/ 5/);
      // History survives the restore: the runs before it are still listed, marked as such.
      await page.getByTestId('tab-history').click();
      await expect.poll(() => page.getByTestId('history-before-restore').count()).toBeGreaterThan(0);
      await shot(page, lang, '6-history-after-restore');

      // 800×600: backup names readable, Delete on screen.
      await page.setViewportSize({ width: 800, height: 600 });
      await page.getByTestId('tab-backups').click();
      const row = page.locator('[data-testid="backup-row"][data-origin="paneldb"]').first();
      await row.waitFor();
      const name = await row.locator('td.backup-name').boundingBox();
      expect(name?.width ?? 0).toBeGreaterThan(150);
      const remove = await row.getByTestId('delete-button').boundingBox();
      expect(remove).not.toBeNull();
      expect((remove?.x ?? 0) + (remove?.width ?? 0)).toBeLessThanOrEqual(800);
      await shot(page, lang, '7-backups-800x600');
      await expectNoCommandLine(page);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('opens a damaged file in the limited mode and restores one of its backups from there', async () => {
    const dir = await tempDir();
    const path = await buildFixture('f2-tls-variants', dir);
    await copyFile(path, `${path}.backup.1770000000`);
    await writeFile(path, Buffer.from('SQLite format 3\0'.padEnd(4096, '#')));
    const { url } = await serve([path]);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByTestId('limited-mode').waitFor();
      await page.getByTestId('limited-backup').getByTestId('inspection-counts').waitFor();
      await shot(page, lang, '8-limited-mode');
      await expectNoCommandLine(page);
      await page.getByTestId('limited-restore').click();
      await page.getByTestId('restore-compare').waitFor();
      // The panel's own backup has no PanelDB metadata: restoring it needs that explicit yes too.
      expect(await page.getByTestId('confirm-ok').isDisabled()).toBe(true);
      await page.getByTestId('accept-unverified').check();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('version-badge').waitFor();
      expect(await sha256File(path)).toBe(await sha256File(`${path}.backup.1770000000`));
      await shot(page, lang, '9-restored-from-limited');
    } finally {
      await page.close();
    }
  }, 120_000);

  it('lists the databases of `serve DIR`, opens one, and goes back to the start, also from the demo', async () => {
    const dir = join(await tempDir(), 'panels');
    await mkdir(dir);
    const source = await buildFixture('f2-tls-variants', await tempDir());
    await copyFile(source, join(dir, 'east.db'));
    await copyFile(source, join(dir, 'west.db'));
    const { url } = await serve([dir]);
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.getByTestId('start-screen').waitFor();
      await expect.poll(() => page.getByTestId('recent-file').count()).toBe(2);
      await shot(page, lang, '10-serve-dir');
      await expectNoCommandLine(page);
      await page.getByTestId('recent-file').first().click();
      await page.getByTestId('version-badge').waitFor();
      expect(await page.getByTestId('db-name').innerText()).toBe('east.db');
      await page.getByTestId('back-to-start').click();
      await page.getByTestId('start-screen').waitFor();
      await page.getByTestId('open-demo').click();
      await page.getByTestId('version-badge').waitFor();
      await page.getByTestId('back-to-start').click();
      await page.getByTestId('start-screen').waitFor();
      expect(await page.getByTestId('recent-file').count()).toBe(2);
    } finally {
      await page.close();
    }
  }, 120_000);
});

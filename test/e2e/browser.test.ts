// End to end in Debian's Chromium against `paneldb serve` on a fixture, as an admin would use it:
// open → pending → preview → migrate → history → roll back → restore a backup, in English and in
// Chinese, with a screenshot of each screen in test-output/screenshots. The fixture carries hostile
// text in a remark and a client email: it must show as text and never run.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { servePanel } from '../support/serve-process';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const XSS = '<img src=x onerror=alert(1)>';
/** Hostile strings an attacker with write access to the panel could plant in remarks and emails. */
const XSS_CORPUS = [
  XSS,
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "javascript:alert(4)//'",
  '{{constructor.constructor("alert(5)")()}}',
  '<iframe src="javascript:alert(6)"></iframe>',
];
const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** f2-tls-variants with the corpus in inbound remarks, in client emails inside the JSON, and in a setting. */
async function hostileFixture(): Promise<string> {
  const path = await buildFixture('f2-tls-variants', await tempDir());
  const ids = sqlite3(path, 'SELECT id FROM inbounds ORDER BY id;').trim().split('\n').map(Number);
  const statements = ids.map((id, index) => {
    const payload = XSS_CORPUS[index % XSS_CORPUS.length] ?? XSS;
    const settings = JSON.stringify({ clients: [{ email: payload, flow: '' }], decryption: 'none' });
    return `UPDATE inbounds SET remark = ${sqlText(payload)}, settings = ${sqlText(settings)} WHERE id = ${id};`;
  });
  statements.push(`UPDATE settings SET value = ${sqlText(XSS_CORPUS[1] ?? '')} WHERE key = 'webBasePath';`);
  sqlite3(path, statements.join('\n'));
  return path;
}

const texts = {
  en: { history: 'History', backups: 'Backups' },
  'zh-CN': { history: '历史', backups: '备份' },
} as const;

async function shot(page: Page, lang: string, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${name}.png`), fullPage: true });
}

async function confirm(page: Page) {
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
}

describe.each(['en', 'zh-CN'] as const)('the browser UI in %s', (lang) => {
  const browser = servedBrowser(lang);

  it('opens, previews, migrates, shows history, rolls back and restores a backup', async () => {
    const path = await hostileFixture();
    const served = await servePanel([path]);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    try {
      await page.goto(served.url);
      // The token leaves the address bar once the page has it.
      await expect.poll(() => page.url()).not.toContain('token=');
      await page.getByTestId('version-badge').waitFor();
      // The badge is the applied set (issue 14): step 1 as a baseline and step 5 by its marker.
      expect(await page.getByTestId('version-badge').textContent()).toBe('2 / 5');
      await shot(page, lang, '1-overview');

      await page.getByTestId('tab-pending').click();
      await page.getByTestId('preview-button').click();
      await page.getByTestId('preview').waitFor();
      expect(await page.getByTestId('json-change').count()).toBeGreaterThan(0);
      await shot(page, lang, '2-preview');

      await page.getByTestId('migrate-button').click();
      await page.getByTestId('confirm-dialog').waitFor();
      await shot(page, lang, '3-confirm-migrate');
      await confirm(page);
      await page.getByTestId('run-report').waitFor();
      expect(await page.getByTestId('run-step').count()).toBe(4);
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toMatch(/5/);
      await shot(page, lang, '4-run-report');

      await page.getByTestId('tab-history').click();
      expect(await page.getByRole('tab', { name: texts[lang].history }).getAttribute('aria-selected')).toBe(
        'true',
      );
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(4);
      await shot(page, lang, '5-history');
      await page.getByTestId('rollback-button').click();
      await confirm(page);
      await page.getByTestId('content-hash').waitFor();
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(5);
      await shot(page, lang, '6-rolled-back');

      await page.getByTestId('tab-backups').click();
      expect(await page.getByRole('tab', { name: texts[lang].backups }).getAttribute('aria-selected')).toBe(
        'true',
      );
      const beforeMigrate = page.locator('[data-testid="backup-row"][data-backup-id*="before-migrate"]');
      await beforeMigrate.waitFor();
      await shot(page, lang, '7-backups');
      const backupId = (await beforeMigrate.getAttribute('data-backup-id')) ?? '';
      await beforeMigrate.getByTestId('restore-button').click();
      await confirm(page);
      await expect.poll(() => page.getByTestId('version-badge').textContent()).toBe('2 / 5');
      await shot(page, lang, '8-restored');
      expect(await sha256File(path)).toBe(await sha256File(join(`${path}.backups`, backupId)));

      // Hostile text from the database is shown as text and never runs.
      await page.getByTestId('tab-pending').click();
      await page.getByTestId('preview-button').click();
      await page.getByTestId('preview').waitFor();
      const fullText = page.getByTestId('full-text-toggle').first();
      if (await fullText.count()) await fullText.click();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
      await page
        .getByTestId('error-banner')
        .waitFor({ state: 'detached', timeout: 1000 })
        .catch(() => undefined);
    } finally {
      await page.close();
      expect(await served.stop()).toBe(0);
    }
  }, 120_000);

  it('shows hostile remarks and emails (an XSS corpus) as literal text, running none of them', async () => {
    const path = await hostileFixture();
    const served = await servePanel([path]);
    const page = await browser.newPage();
    let alerted = false;
    page.on('dialog', (dialog) => {
      alerted = true;
      void dialog.dismiss();
    });
    try {
      await page.goto(served.url);
      await page.getByTestId('tab-pending').click();
      await page.getByTestId('preview-button').click();
      await page.getByTestId('preview').waitFor();
      // The preview names each changed inbound by its remark: here, hostile ones, shown verbatim.
      await expect
        .poll(() => page.getByTestId('row-label').filter({ hasText: XSS }).count())
        .toBeGreaterThan(0);
      const labels = await page.getByTestId('row-label').allTextContents();
      for (const label of labels) expect(XSS_CORPUS).toContain(label);
      expect(new Set(labels).size).toBeGreaterThan(1);
      expect(await page.locator('img, svg, iframe').count()).toBe(0);
      expect(alerted).toBe(false);
      await shot(page, lang, '9-hostile-text');
    } finally {
      await page.close();
      await served.stop();
    }
  }, 60_000);
});

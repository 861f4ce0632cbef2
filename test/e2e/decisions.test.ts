// Issue 14 part A in Debian's Chromium against `paneldb serve`, in English and Chinese, with
// screenshots: the lockout walk on the dirty fixture (force, migrate, the password fix, a working
// bcrypt login hash, then "Revert this fix"), the force-version guard on a clean file, the
// plan-changed refusal, and "Set the admin password…" by keyboard with focus returning.
import bcrypt from 'bcryptjs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { servePanel } from '../support/serve-process';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

const PASSWORD = 'secret-admin';

const texts = {
  en: {
    headlineDone: '5 of 5 steps applied',
    pending: '2 of 5 — tls_config, xhttp_flow, reality_target pending',
  },
  'zh-CN': {
    headlineDone: '已应用 5/5 个步骤',
    pending: '已应用 2/5 — 待执行：tls_config, xhttp_flow, reality_target',
  },
} as const;

async function shot(page: Page, lang: string, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${lang}-decisions-${name}.png`), fullPage: true });
}

async function accept(page: Page) {
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-ok').click();
  await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
}

const passwordOf = (path: string) => sqlite3(path, 'SELECT password FROM users WHERE id = 1;').trim();

describe.each(['en', 'zh-CN'] as const)('decisions an admin can trust, in %s', (lang) => {
  const browser = servedBrowser(lang);

  it('walks the lockout: force, migrate, fix the passwords to a working bcrypt hash, and revert the fix', async () => {
    const path = await buildFixture('f6-dirty-3-up-failed', await tempDir());
    sqlite3(path, `UPDATE users SET password = '${PASSWORD}' WHERE id = 1;`);
    const served = await servePanel([path]);
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      const next = page.getByTestId('recommended-action');
      await expect.poll(() => next.getAttribute('data-action')).toBe('repair');
      await shot(page, lang, '1-dirty');
      await next.click();
      // The dirty file's force is a repair: no acknowledgement asked.
      await page.getByTestId('confirm-dialog').waitFor();
      expect(await page.getByTestId('force-guard').count()).toBe(0);
      await accept(page);
      await expect.poll(() => page.getByTestId('dirty-badge').count()).toBe(0);

      await page.getByTestId('tab-pending').click();
      await page.getByTestId('migrate-button').click();
      await accept(page);
      await page.getByTestId('run-report').waitFor();
      await page.getByTestId('tab-overview').click();
      await expect
        .poll(() => page.getByTestId('headline').textContent(), { timeout: 30_000 })
        .toBe(texts[lang].headlineDone);
      // Step 5 counts as applied (the panel's marker), so nothing hashed the password: a lockout, and said so.
      expect(passwordOf(path)).toBe(PASSWORD);
      await page.getByTestId('tab-checks').click();
      const lockout = page.locator('[data-testid="check-row"][data-check="users.password-not-bcrypt"]');
      await lockout.waitFor();
      expect(await lockout.getAttribute('data-severity')).toBe('error');
      expect(
        Number(await page.getByTestId('tab-checks').locator('.tab-count').textContent()),
      ).toBeGreaterThan(0);
      await shot(page, lang, '2-lockout');

      await lockout.getByTestId('fix-button').click();
      await page.getByTestId('fix-diff').waitFor();
      expect(await page.getByTestId('confirm-dialog').textContent()).not.toContain(PASSWORD);
      await shot(page, lang, '3-fix-preview');
      await accept(page);
      await expect
        .poll(() => page.locator('#run-report-heading').textContent(), { timeout: 30_000 })
        .toBe(lang === 'en' ? 'Fix applied' : '修复已应用');
      expect(await bcrypt.compare(PASSWORD, passwordOf(path))).toBe(true);
      await expect.poll(() => lockout.count()).toBe(0);
      await shot(page, lang, '4-fixed');

      const revert = page.locator(
        '[data-testid="revert-fix-button"][data-check="users.password-not-bcrypt"]',
      );
      await revert.click();
      await accept(page);
      await expect.poll(() => passwordOf(path), { timeout: 30_000 }).toBe(PASSWORD);
      await page.getByTestId('tab-history').click();
      await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(4);
      await shot(page, lang, '5-audit-log');
    } finally {
      await page.close();
      await served.stop();
    }
  }, 120_000);

  it('guards a force on a clean file behind an explicit acknowledgement that lists the skipped steps', async () => {
    const path = await buildFixture('f1-legacy-nothing-recorded', await tempDir());
    const before = await sha256File(path);
    const served = await servePanel([path]);
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await page.getByTestId('tab-checks').click();
      await page.getByTestId('force-version-select').selectOption('5');
      await page.getByTestId('force-version-button').click();
      await page.getByTestId('force-guard').waitFor();
      expect(await page.getByTestId('force-skipped-steps').locator('li').count()).toBe(5);
      expect(await page.getByTestId('confirm-ok').isDisabled()).toBe(true);
      await page.getByTestId('force-acknowledge').check();
      expect(await page.getByTestId('confirm-ok').isDisabled()).toBe(false);
      await shot(page, lang, '6-force-guard');
      await page.keyboard.press('Escape');
      await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
      // Focus is back on the control that opened the dialog.
      await expect
        .poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")'))
        .toBe('force-version-button');
      expect(await sha256File(path)).toBe(before);
    } finally {
      await page.close();
      await served.stop();
    }
  }, 60_000);

  it('refuses the migrate it showed when the file changed with the dialog open, then sets the admin password by keyboard', async () => {
    const path = await buildFixture('f0-second-start-pending', await tempDir());
    const served = await servePanel([path]);
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await expect.poll(() => page.getByTestId('headline').textContent()).toBe(texts[lang].pending);
      await page.getByTestId('tab-pending').click();
      await page.getByTestId('migrate-button').click();
      await page.getByTestId('confirm-dialog').waitFor();
      expect(await page.getByTestId('migrate-target').count()).toBe(1);
      // Another step recorded while the dialog is open.
      sqlite3(path, "INSERT INTO history_of_seeders (seeder_name) VALUES ('TlsConfigMigration');");
      const before = await sha256File(path);
      await accept(page);
      await expect
        .poll(() => page.getByTestId('error-code').textContent(), { timeout: 30_000 })
        .toBe('PLAN_CHANGED');
      expect(await sha256File(path)).toBe(before);
      await expect.poll(() => page.getByTestId('announcer').textContent()).not.toBe('');
      await shot(page, lang, '7-plan-changed');
      await page.getByTestId('error-dismiss').click();

      await page.getByTestId('tab-overview').click();
      // The refusal is followed by a fresh status; until it is in, the button is disabled (busy) and
      // takes no focus: on a loaded machine that outlasts the click above.
      await expect.poll(() => page.getByTestId('set-password-button').isEnabled()).toBe(true);
      await page.getByTestId('set-password-button').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('set-password-dialog').waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.type('n3w pass');
      await page.keyboard.press('Tab');
      await page.keyboard.type('n3w pass');
      await shot(page, lang, '8-set-password');
      await page.keyboard.press('Enter');
      await page.getByTestId('set-password-dialog').waitFor({ state: 'detached' });
      await expect
        .poll(async () => bcrypt.compare('n3w pass', passwordOf(path)), { timeout: 30_000 })
        .toBe(true);
      expect(passwordOf(path)).toMatch(/^\$2[aby]\$10\$/);
      await expect
        .poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")'))
        .toBe('set-password-button');
    } finally {
      await page.close();
      await served.stop();
    }
  }, 90_000);
});

// Issue 17 end to end in Debian's Chromium against `paneldb serve`, in English and Chinese: a
// damaged panel file opens in limited mode, "Recover into a new file…" writes a new file beside it
// and shows per-table counts against what the damaged file claims and what went to lost_and_found,
// "Open the recovered file" shows that file's normal status screen; a damaged WAL pair lists its
// commits with the tables each changed, and picking one writes that state. All by keyboard too.
// Screenshots in test-output/screenshots/<lang>-17-*.png.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { englishRuns } from '../support/english-runs';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { sqlite3, sqlite3Json } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';
import { damagedPanel, damagedWalPair } from './recovery-fixtures';

const TABS = ['overview', 'history', 'pending', 'backups', 'checks'] as const;

/** Presses Tab until `testId` has the focus (at most 60 times): the element is reachable by keyboard. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.getAttribute("data-testid") ?? null');
    if (focused === testId) return;
  }
  throw new Error(`${testId} is not reachable with Tab`);
}

const recoveredFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.includes('.recovered-'));

describe.each(['en', 'zh-CN'] as const)('recovering a damaged file in %s', (lang) => {
  const browser = servedBrowser(lang);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${lang}-17-${name}.png`), fullPage: true });
  /** In Chinese, no run of four English words (outside names, paths and identifiers) is on screen. */
  const expectTranslated = async (page: Page) => {
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('paneldb ');
    if (lang === 'zh-CN') expect(englishRuns(text)).toEqual([]);
  };

  it('recovers into a new file by keyboard, shows the counts, and opens the recovered file', async () => {
    const dir = await tempDir();
    const path = await damagedPanel(dir);
    const before = await sha256File(path);
    const panel = await browser.serve([path]);
    const page = await browser.newPage();
    try {
      await page.goto(panel.url);
      await page.getByTestId('limited-mode').waitFor();
      expect(await page.getByTestId('limited-code').innerText()).toBe('DATABASE_CORRUPT');
      await page.getByTestId('recovery-panel').waitFor();
      await shot(page, '1-limited');
      await expectTranslated(page);

      await tabTo(page, 'recovery-recover');
      await page.keyboard.press('Enter');
      const report = page.getByTestId('recovery-report');
      await report.waitFor({ timeout: 60_000 });
      const [name] = await recoveredFiles(dir);
      expect(name).toMatch(/^x-ui\.recovered-\d{8}T\d{6}Z\.db$/);
      expect(await page.getByTestId('recovery-output').innerText()).toBe(join(dir, name!));
      expect(await sha256File(path)).toBe(before);

      // Per table: the rows recovered beside the highest id the damaged file's sqlite_sequence claims.
      const out = join(dir, name!);
      const counted = (table: string) => Number(sqlite3(out, `SELECT count(*) FROM ${table};`).trim());
      const inbounds = report.locator('[data-testid="recovery-row"][data-table="inbounds"]');
      expect(await inbounds.getByTestId('recovery-claimed').innerText()).toBe('60');
      expect(await inbounds.getByTestId('recovery-recovered').innerText()).toBe(String(counted('inbounds')));
      expect(counted('inbounds')).toBeLessThan(60);
      expect(await inbounds.getByTestId('recovery-short').innerText()).toBe(String(60 - counted('inbounds')));
      const clients = report.locator('[data-testid="recovery-row"][data-table="client_traffics"]');
      expect(await clients.getByTestId('recovery-claimed').innerText()).toBe('400');
      // lost_and_found: inbound 7's cut overflow chain at least, as the table in the new file holds.
      const lost = Number(sqlite3(out, 'SELECT count(*) FROM lost_and_found;').trim());
      expect(lost).toBeGreaterThan(0);
      expect(await page.getByTestId('recovery-lost').getAttribute('data-rows')).toBe(String(lost));
      expect(await inbounds.getByTestId('recovery-lost-count').innerText()).not.toBe('0');
      await page.locator('[data-testid="recovery-lost-guess"][data-table="inbounds"]').waitFor();
      await page.getByTestId('recovery-open').scrollIntoViewIfNeeded();
      await shot(page, '2-report');
      await expectTranslated(page);

      // 800×600: the table scrolls inside its box, the page does not; the button stays on screen.
      await page.setViewportSize({ width: 800, height: 600 });
      await page.getByTestId('recovery-open').scrollIntoViewIfNeeded();
      const button = await page.getByTestId('recovery-open').boundingBox();
      expect((button?.x ?? 0) + (button?.width ?? 0)).toBeLessThanOrEqual(800);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
      await shot(page, '2-report-800x600');
      await page.setViewportSize({ width: 1280, height: 820 });

      await page.getByTestId('recovery-report').focus();
      await tabTo(page, 'recovery-open');
      await page.keyboard.press('Enter');
      await page.getByTestId('version-badge').waitFor();
      expect(await page.getByTestId('db-name').innerText()).toBe(name);
      expect(await page.getByTestId('limited-mode').count()).toBe(0);
      for (const tab of TABS) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.getByTestId(`panel-${tab}`).waitFor();
        await page.waitForTimeout(200);
        await shot(page, `3-recovered-${tab}`);
        await expectTranslated(page);
      }
      expect(await sha256File(path)).toBe(before);
    } finally {
      await page.close();
    }
  }, 180_000);

  it('lists the commits of a damaged WAL pair with the tables each changed and writes the chosen state', async () => {
    const dir = await tempDir();
    const path = await damagedWalPair(dir);
    const before = [await sha256File(path), await sha256File(`${path}-wal`)];
    const panel = await browser.serve([path]);
    const page = await browser.newPage();
    try {
      await page.goto(panel.url);
      await page.getByTestId('limited-mode').waitFor();
      const timeline = page.getByTestId('recovery-timeline');
      await timeline.waitFor();
      expect(await timeline.locator('li').count()).toBe(6);
      expect(await page.getByTestId('recovery-commit-1').innerText()).toContain('inbounds');
      expect(await page.getByTestId('recovery-commit-2').innerText()).toContain('client_traffics');
      const broken = page.getByTestId('recovery-commit-3');
      expect(await broken.innerText()).toContain('link_histories');
      expect(await broken.innerText()).toContain('schema_migrations');
      await shot(page, '4-timeline');
      await expectTranslated(page);

      // Commit 2, just before the broken upgrade, by keyboard.
      await page.getByTestId('recovery-commit-1').getByTestId('recovery-pick').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.getAttribute("data-commit") ?? null')).toBe('2');
      await page.keyboard.press('Enter');
      const report = page.getByTestId('recovery-report');
      await report.waitFor({ timeout: 60_000 });
      expect(await report.getAttribute('data-commit')).toBe('2');
      const [name] = await recoveredFiles(dir);
      const out = join(dir, name!);
      expect(sqlite3(out, 'PRAGMA integrity_check;').trim()).toBe('ok');
      expect(sqlite3Json(out, "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'")).toEqual([]);
      expect(sqlite3(out, 'SELECT count(*) FROM inbounds;').trim()).toBe('6');
      expect(sqlite3(out, "SELECT count(*) FROM client_traffics WHERE email = 'new-1';").trim()).toBe('1');
      expect(sqlite3(out, 'SELECT count(*) FROM link_histories;').trim()).toBe('1');
      expect([await sha256File(path), await sha256File(`${path}-wal`)]).toEqual(before);
      await shot(page, '5-commit-written');
      await expectTranslated(page);
    } finally {
      await page.close();
    }
  }, 180_000);
});

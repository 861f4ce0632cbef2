// Every tab, dialog and report of the browser UI in zh-CN on the dirty, legacy, WAL and demo
// fixtures: the page text holds no run of four English words (outside identifiers, paths, quoted
// data and product names), and screenshots in test-output/screenshots/zh-*.png show the screens.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { TRAFFIC_WIPING_TRIGGER } from '../support/panel-db';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { englishRuns } from '../support/english-runs';
import { servePanel } from '../support/serve-process';
import { sqlite3 } from '../support/sqlite-cli';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { tempDir } from '../support/temp-dir';

// Issue 15: files whose reports carry the engine's notes (a trigger's effects and an inexact
// rollback in the history, the wrong-DDL restore reason, the lockout recommendation and evidence).
async function rolledBackWithTrigger(): Promise<string> {
  const path = await buildFixture('f2-tls-variants', await tempDir());
  sqlite3(path, TRAFFIC_WIPING_TRIGGER);
  const engine = createPanelEngine({ dbPath: path });
  expect((await engine.migrate({ to: 2 })).ok).toBe(true);
  expect((await engine.rollBack({ steps: 1 })).ok).toBe(true);
  return path;
}

async function lockedOut(): Promise<string> {
  const path = await buildFixture('f2-tls-variants', await tempDir());
  sqlite3(
    path,
    "UPDATE users SET password = 'admin'; CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool); DELETE FROM schema_migrations; INSERT INTO schema_migrations VALUES (5, 0);",
  );
  return path;
}

const FIXTURES: Record<string, string | null | (() => Promise<string>)> = {
  dirty: 'f6-dirty-3-up-failed',
  legacy: 'f1-legacy-nothing-recorded',
  wal: 'f7-wal-uncheckpointed',
  demo: null,
  'sql-first': 'f10-sql-first-schema',
  'trigger-rollback': rolledBackWithTrigger,
  lockout: lockedOut,
};

async function pathOf(fixture: string | (() => Promise<string>)): Promise<string> {
  return typeof fixture === 'string' ? buildFixture(fixture, await tempDir()) : fixture();
}
const TABS = ['overview', 'history', 'pending', 'backups', 'checks'] as const;

/** The visible text of the page, checked for English runs; the screenshot is taken either way. */
async function screen(page: Page, name: string, found: Record<string, string[]>): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `zh-${name}.png`), fullPage: true });
  const text = await page.locator('body').innerText();
  const runs = englishRuns(text);
  if (runs.length > 0) found[name] = runs;
}

async function clickIfThere(page: Page, testId: string): Promise<boolean> {
  const target = page.getByTestId(testId).first();
  if ((await target.count()) === 0 || !(await target.isEnabled())) return false;
  await target.click();
  return true;
}

describe('the browser UI in zh-CN', () => {
  const browser = servedBrowser('zh-CN');

  for (const [name, fixture] of Object.entries(FIXTURES)) {
    it(`shows every tab, dialog and report of the ${name} fixture in Chinese`, async () => {
      const served = await servePanel(fixture === null ? ['--demo'] : [await pathOf(fixture)]);
      const page = await browser.newPage();
      const found: Record<string, string[]> = {};
      try {
        await page.goto(served.url);
        await page.getByTestId('version-badge').waitFor();
        for (const tab of TABS) {
          await page.getByTestId(`tab-${tab}`).click();
          await page.getByTestId(`panel-${tab}`).waitFor();
          await page.waitForTimeout(300);
          await screen(page, `${name}-${tab}`, found);
          if (tab === 'pending' && (await clickIfThere(page, 'preview-button'))) {
            await page.getByTestId('preview').waitFor();
            await screen(page, `${name}-preview`, found);
            if (await clickIfThere(page, 'migrate-button')) {
              await page.getByTestId('confirm-dialog').waitFor();
              await screen(page, `${name}-confirm-migrate`, found);
              await page.keyboard.press('Escape');
              await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
            }
          }
        }
        await page.getByTestId('tab-overview').click();
        if (await clickIfThere(page, 'recommended-action')) {
          const dialog = page.getByTestId('confirm-dialog');
          if (await dialog.isVisible().catch(() => false)) {
            await screen(page, `${name}-confirm-next`, found);
            await page.keyboard.press('Escape');
          }
        }
      } finally {
        await page.close();
        await served.stop();
      }
      expect(found).toEqual({});
    }, 120_000);
  }
});

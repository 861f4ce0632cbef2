// The UI stays responsive on big panels: a preview of thousands of changed rows renders only what
// is in view, and the page keeps painting (and answering clicks) while a large file loads in the
// engine's worker thread.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedBrowser } from '../support/served-browser';
import { writeBigPanel, writeManyInbounds } from '../support/large-panels';
import { servePanel } from '../support/serve-process';
import { tempDir } from '../support/temp-dir';

const BIG_FILE_MB = Number(process.env.PANELDB_E2E_BIG_MB ?? 300);

interface PageGlobals {
  __frames: number[];
  requestAnimationFrame(callback: (time: number) => void): number;
}

describe('the browser UI on large files', () => {
  const browser = servedBrowser('en');

  it('virtualises a preview of more than 1,000 changed rows and still reaches the last one', async () => {
    const path = writeManyInbounds(join(await tempDir(), 'x-ui.db'), 1500);
    const served = await servePanel([path]);
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await page.getByTestId('tab-pending').click();
      await page.getByTestId('preview-button').click();
      const list = page.locator('[data-testid="preview-changes"][data-virtualized="true"]');
      await list.waitFor();
      expect(await list.getAttribute('data-total')).toBe('1500');
      const rendered = await list.getByTestId('preview-change').count();
      expect(rendered).toBeGreaterThan(0);
      expect(rendered).toBeLessThan(100);
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect
        .poll(() =>
          list
            .getByTestId('row-label')
            .filter({ hasText: /^inbound 1500$/ })
            .count(),
        )
        .toBe(1);
    } finally {
      await page.close();
      await served.stop();
    }
  }, 120_000);

  it(`keeps painting and answering clicks while a ${BIG_FILE_MB} MB file loads`, async () => {
    const path = await writeBigPanel(join(await tempDir(), 'x-ui.db'), BIG_FILE_MB);
    // Serve itself opens and checks the file before it listens: allow for a busy CI machine.
    const served = await servePanel([path], {}, 240_000);
    const page = await browser.newPage();
    try {
      // Count animation frames from the first script on: a frozen page paints none.
      await page.addInitScript(() => {
        // Runs in the page: typed by hand, the test's own types are Node's.
        const page = globalThis as unknown as PageGlobals;
        const frames: number[] = [];
        page.__frames = frames;
        const tick = (time: number) => {
          frames.push(time);
          page.requestAnimationFrame(tick);
        };
        page.requestAnimationFrame(tick);
      });
      await page.goto(served.url);
      // While the worker reads and checks the file, the page answers: switching tabs works.
      await page.getByTestId('tab-history').click();
      expect(await page.getByTestId('tab-history').getAttribute('aria-selected')).toBe('true');
      // ...and that click landed while the file was still loading: no version is shown yet.
      if (BIG_FILE_MB >= 100) expect(await page.getByTestId('version-badge').count()).toBe(0);
      await page.getByTestId('version-badge').waitFor({ timeout: 90_000 });
      const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).__frames);
      const gaps = frames.slice(1).map((time, index) => time - (frames[index] ?? time));
      const loadMs = (frames.at(-1) ?? 0) - (frames[0] ?? 0);
      expect(loadMs).toBeGreaterThan(200); // the load really took a while
      expect(frames.length).toBeGreaterThan(loadMs / 100); // at least 10 frames a second throughout
      expect(Math.max(...gaps)).toBeLessThan(500);
    } finally {
      await page.close();
      await served.stop();
    }
  }, 300_000);
});

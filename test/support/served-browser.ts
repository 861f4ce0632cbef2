// One Chromium per describe block and the `paneldb serve` processes its tests start: the browser is
// launched before the first test, and every server and the browser are stopped after the last, also
// when a test fails half-way.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { servePanel, type ServedPanel } from './serve-process';

export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export interface ServedBrowser {
  newPage(): Promise<Page>;
  serve(args: string[]): Promise<ServedPanel>;
}

export function servedBrowser(lang: 'en' | 'zh-CN'): ServedBrowser {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const served: ServedPanel[] = [];
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium(lang === 'en' ? 'en-US' : 'zh-CN');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(served.splice(0).map((panel) => panel.stop()));
    await browser?.close();
  });
  return {
    newPage() {
      if (browser === undefined) throw new Error('the browser is not launched yet');
      return browser.context.newPage();
    },
    async serve(args) {
      const panel = await servePanel(args);
      served.push(panel);
      return panel;
    },
  };
}

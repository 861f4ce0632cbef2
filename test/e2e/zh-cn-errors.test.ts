// Issue 15 in the browser: a file the engine refuses shows its refusal whole in Chinese — the
// code's explanation and the engine's own sentence (from its catalog key), with no run of four
// English words on the page (the activity log included). Screenshots in test-output/screenshots/zh-error-*.png.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../electron/core/file-system';
import { buildFixture } from '../fixtures/build';
import { SCREENSHOTS, servedBrowser } from '../support/served-browser';
import { englishRuns } from '../support/english-runs';
import { servePanel } from '../support/serve-process';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

/** A folder to serve: a database with a -wal of another page size, and one cut short. */
async function refusedFiles(): Promise<string> {
  const dir = await tempDir();
  const wal = await buildFixture('f7-wal-uncheckpointed', await tempDir());
  const mismatch = join(dir, 'mismatch.db');
  await copyFile(await buildFixture('f1-legacy-nothing-recorded', await tempDir()), mismatch);
  sqlite3(mismatch, 'PRAGMA page_size = 8192; VACUUM;');
  await copyFile(`${wal}-wal`, `${mismatch}-wal`);
  const bytes = await nodeFileSystem.readFile(
    await buildFixture('f1-legacy-nothing-recorded', await tempDir()),
  );
  await writeFile(join(dir, 'truncated.db'), bytes.subarray(0, bytes.length - 4096));
  return dir;
}

describe('the browser UI in zh-CN, refusing a file', () => {
  const browser = servedBrowser('zh-CN');

  it('shows the engine’s refusal in Chinese, whole', async () => {
    const served = await servePanel([await refusedFiles()]);
    const page = await browser.newPage();
    try {
      await page.goto(served.url);
      await page.getByTestId('start-screen').waitFor();
      const cases = [
        {
          file: 'mismatch.db',
          code: 'WAL_MISMATCH',
          sentence: '该 WAL 文件不属于这个数据库：两者的页大小不同。',
        },
        { file: 'truncated.db', code: 'DATABASE_CORRUPT', sentence: '已被截断：文件头记录有' },
      ];
      for (const { file, code, sentence } of cases) {
        await page.getByTestId('recent-file').filter({ hasText: file }).click();
        // A file PanelDB cannot open as a panel database opens in the limited mode (its backups and
        // the recovery), which states the refusal the way the error banner does.
        const limited = page.getByTestId('limited-mode');
        await limited.waitFor();
        await page.screenshot({ path: join(SCREENSHOTS, `zh-error-${code}.png`), fullPage: true });
        expect(await page.getByTestId('limited-code').innerText()).toBe(code);
        expect(await page.getByTestId('limited-message').innerText()).toContain(sentence);
        expect(englishRuns(await page.locator('body').innerText())).toEqual([]);
        await page.getByTestId('limited-close').click();
        await page.getByTestId('start-screen').waitFor();
      }
    } finally {
      await page.close();
      await served.stop();
    }
  }, 120_000);
});

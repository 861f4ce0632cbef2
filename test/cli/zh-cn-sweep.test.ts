// Every fixture scenario (docs/panel-database.md §5 and the non-panel files), through each reading
// command with `--lang zh-CN`: no run of four English words, whatever state the file is in.
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { buildFixture } from '../fixtures/build';
import { SCENARIOS } from '../fixtures/scenarios';
import { englishRuns } from '../support/english-runs';
import { tempDir } from '../support/temp-dir';

async function run(argv: string[]): Promise<string> {
  let all = '';
  await main([...argv, '--lang', 'zh-CN'], {
    stdout: (text) => (all += text),
    stderr: (text) => (all += text),
    env: {},
  });
  return all;
}

describe('paneldb --lang zh-CN on every fixture', () => {
  it.each(SCENARIOS.map((scenario) => [scenario.id]))(
    '%s: status, check, repair, history and migrate --dry-run say it in Chinese',
    async (id) => {
      const path = await buildFixture(id, await tempDir());
      for (const argv of [
        ['status', path],
        ['check', path],
        ['repair', path],
        ['history', path],
        ['migrate', path, '--dry-run'],
      ]) {
        const output = await run(argv);
        expect(englishRuns(output), `${argv[0]} on ${id}:\n${output}`).toEqual([]);
        expect(output, `${argv[0]} on ${id}`).toMatch(/[\u4e00-\u9fff]/u);
      }
    },
  );
});

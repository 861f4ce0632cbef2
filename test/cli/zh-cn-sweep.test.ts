// Every fixture scenario (docs/panel-database.md §5 and the non-panel files), through each reading
// command with `--lang zh-CN`: no run of four English words, whatever state the file is in.
import { describe, it } from 'vitest';
import { buildFixture } from '../fixtures/build';
import { expectChinese, runCli } from '../support/cli-in-process';
import { SCENARIOS } from '../fixtures/scenarios';
import { tempDir } from '../support/temp-dir';

const run = async (argv: string[]) => (await runCli(argv)).all;

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
        expectChinese(output, `${argv[0]} on ${id}:\n${output}`);
      }
    },
  );
});

// Issue 14, point 8: no GUI text contains a command line. The app's texts (both languages) and the
// engine's messages (which the app shows as they are) must not name `paneldb …`, a `--flag` or
// `systemctl`; the CLI adds its own command lines from the engine's hints.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

const COMMAND_LINE = /paneldb |(^|[\s'"`(])--[a-z]|systemctl/;

/** The string literals of a TypeScript file outside comments (enough for the engine's messages). */
function literals(source: string): string[] {
  const code = source
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
    .join('\n');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

describe('texts a person reads in the app', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)('%s names no command line', (_lang, dictionary) => {
    // `err.cli.*`: refusals only the command line prints (`paneldb serve` starting, recover's --out),
    // which may name its own flags; every other key can reach the page.
    const offending = Object.entries(dictionary).filter(
      ([key, text]) => !key.startsWith('err.cli.') && COMMAND_LINE.test(text),
    );
    expect(offending).toEqual([]);
  });

  it('the engine’s messages name no command line', async () => {
    const offending: string[] = [];
    for (const dir of ['electron/core', 'migrations']) {
      for (const name of await readdir(dir)) {
        if (!name.endsWith('.ts')) continue;
        const found = literals(await readFile(join(dir, name), 'utf8')).filter((text) =>
          COMMAND_LINE.test(text),
        );
        offending.push(...found.map((text) => `${dir}/${name}: ${text}`));
      }
    }
    expect(offending).toEqual([]);
  });
});

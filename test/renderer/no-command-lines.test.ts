// Issue 14, point 8: no GUI text contains a command line. The app's texts (both languages) and the
// engine's messages (which the app shows as they are) must not name `paneldb …`, a `--flag` or
// `systemctl`; the CLI adds its own command lines from the engine's hints.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../electron/shared/i18n';

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
    // `cli.*` are the command line's own words (cli-en.ts / cli-zh-CN.ts), which name the commands
    // to type; the next test proves the app never shows one.
    const offending = Object.entries(dictionary).filter(
      ([key, text]) => !key.startsWith('cli.') && COMMAND_LINE.test(text),
    );
    expect(offending).toEqual([]);
  });

  it('the app uses none of the command line’s own texts (cli.*)', async () => {
    expect(Object.keys(en).filter((key) => key.startsWith('cli.')).length).toBeGreaterThan(0);
    const files = (await readdir('renderer/src', { recursive: true })).filter((name) => /\.tsx?$/.test(name));
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const name of files) {
      const source = await readFile(join('renderer/src', name), 'utf8');
      if (/['"`]cli\./.test(source)) offending.push(name);
    }
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

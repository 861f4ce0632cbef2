// Issue 15: the command line speaks from the one catalog. No sentence of either language is left in
// electron/cli (its words are the catalog's cli.* keys), and `--help` of every command reads in
// Chinese with --lang zh-CN and in English without.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { translate, zhCN } from '../../electron/shared/i18n';
import { englishRuns } from '../support/english-runs';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

async function sources(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
}

/** String literals outside comments: what a file could print. */
function literals(source: string): string[] {
  const code = source
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
    .map((line) => line.replace(/\s\/\/\s.*$/, ''))
    .join('\n');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) =>
    m[0].slice(1, -1),
  );
}

const run = async (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
};

/** The command names `paneldb --help` lists (so a new command is covered without editing this). */
async function commandNames(): Promise<string[]> {
  const help = (await run(['--help'])).stdout;
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] ?? '').filter((name) => name !== '');
}

describe('the CLI’s words', () => {
  it('hold no Chinese character in electron/cli: the Chinese is in the catalog', async () => {
    const files = await sources('electron/cli');
    expect(files.length).toBeGreaterThan(20);
    const withChinese: string[] = [];
    for (const file of files) if (CJK.test(await readFile(file, 'utf8'))) withChinese.push(file);
    expect(withChinese).toEqual([]);
    // The same scan finds the Chinese where it now lives.
    expect(CJK.test(await readFile('electron/shared/i18n/cli-zh-CN.ts', 'utf8'))).toBe(true);
  });

  it('hold no English sentence in electron/cli: every literal of four words or more is a catalog text', async () => {
    const sentences: string[] = [];
    for (const file of await sources('electron/cli'))
      for (const text of literals(await readFile(file, 'utf8')))
        sentences.push(...englishRuns(text.replace(/\$\{[^}]*\}/g, ' § ')).map((run) => `${file}: ${run}`));
    expect(sentences).toEqual([]);
    // The same scan finds the English where it now lives.
    const catalog = literals(await readFile('electron/shared/i18n/cli-en.ts', 'utf8'));
    expect(catalog.flatMap((text) => englishRuns(text)).length).toBeGreaterThan(50);
  });
});

describe('the CLI’s counts', () => {
  it('read right in English for one and for many, and need no plural in Chinese', () => {
    expect(translate('en', 'cli.check.summary', { errors: 1, warnings: 2, infos: 0 })).toBe(
      '1 error, 2 warnings, 0 info',
    );
    expect(translate('en', 'cli.recover.lost', { count: 1 })).toBe(
      'lost_and_found: 1 row that could not be placed',
    );
    expect(
      translate('en', 'cli.recover.commit', { index: 2, frames: 1, pages: 3, schema: '', tables: 'x' }),
    ).toBe('#2: 1 frame, 3 pages: x');
    expect(translate('zh-CN', 'cli.check.summary', { errors: 1, warnings: 2, infos: 0 })).toBe(
      '1 个错误，2 个警告，0 条提示',
    );
  });
});

describe('paneldb --help', () => {
  it('lists every command', async () => {
    expect(await commandNames()).toEqual(
      expect.arrayContaining(['status', 'migrate', 'rollback', 'repair', 'check', 'fix', 'recover', 'serve']),
    );
    expect((await commandNames()).length).toBeGreaterThanOrEqual(17);
  });

  it('is Chinese for the program and for every command with --lang zh-CN', async () => {
    for (const argv of [['--help'], ...(await commandNames()).map((name) => [name, '--help'])]) {
      const { code, stdout } = await run([...argv, '--lang', 'zh-CN']);
      expect(code, argv.join(' ')).toBe(0);
      expect(englishRuns(stdout), argv.join(' ')).toEqual([]);
      expect(stdout, argv.join(' ')).toMatch(/^用法：/u);
      expect(stdout, argv.join(' ')).toContain('显示帮助');
    }
    expect((await run(['help', 'migrate', '--lang', 'zh-CN'])).stdout).toContain('先备份，再在内存中执行');
  });

  it('names Fix and Repair with the glossary’s two distinct words, as the UI does', async () => {
    const overview = (await run(['--help', '--lang', 'zh-CN'])).stdout;
    const line = (name: string) => overview.split('\n').find((text) => text.startsWith(`  ${name} `)) ?? '';
    expect(line('fix')).toContain(zhCN['term.fix']);
    expect(line('repair')).toContain(zhCN['term.repair']);
    expect(line('fix')).not.toContain(zhCN['term.repair']);
    expect(zhCN['term.fix']).not.toBe(zhCN['term.repair']);
  });

  it('stays English, commander’s words included, without --lang', async () => {
    for (const argv of [['--help'], ...(await commandNames()).map((name) => [name, '--help'])]) {
      const { stdout } = await run(argv);
      expect(stdout, argv.join(' ')).not.toMatch(CJK);
      expect(stdout, argv.join(' ')).toMatch(/^Usage: paneldb/);
      expect(stdout, argv.join(' ')).toContain('-h, --help');
      expect(stdout, argv.join(' ')).toContain('display help for command');
    }
  });
});

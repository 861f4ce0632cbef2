// `paneldb` run in this process with a language, its output captured: what the CLI tests of the
// Chinese output share.
import { expect } from 'vitest';
import { main } from '../../electron/cli/main';
import type { SecretSource } from '../../electron/cli/commands/set-password';
import { englishRuns } from './english-runs';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr, in that order. */
  all: string;
}

export async function runCli(
  argv: string[],
  lang: 'en' | 'zh-CN' = 'zh-CN',
  secrets?: SecretSource,
): Promise<CliOutput> {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--lang', lang], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    ...(secrets === undefined ? {} : { secrets }),
  });
  return { code, stdout, stderr, all: `${stdout}\n${stderr}` };
}

/** Chinese, with no run of four English words outside names, paths and identifiers. */
export function expectChinese(output: string, label?: string): void {
  expect(englishRuns(output), label ?? output).toEqual([]);
  expect(output, label).toMatch(/[\u4e00-\u9fff]/u);
}

import { lstat, readFile, readdir, realpath } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import type { ErrorCode } from '../../electron/shared/result';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';
import { BAD_INPUTS } from './bad-input-corpus';

const run = async (argv: string[]) => {
  let stdout = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: () => undefined, env: {} });
  return { code, json: stdout.trim() === '' ? null : (JSON.parse(stdout) as Record<string, unknown>) };
};

/** The bytes of the database and its -wal, wherever a symlink points. */
async function originalBytes(path: string): Promise<string> {
  const real = await realpath(path).catch(() => path);
  const hash = createHash('sha256');
  for (const file of [real, `${real}-wal`])
    hash.update(await readFile(file).catch(() => Buffer.from('absent')));
  return hash.digest('hex');
}

function expectOutcome(
  result: { code: number; json: Record<string, unknown> | null },
  expected: string,
  what: string,
) {
  if (expected === 'ok') {
    expect(result.code, `${what}: ${JSON.stringify(result.json?.error)}`).toBe(0);
    return;
  }
  expect((result.json?.error as { code?: string } | undefined)?.code, what).toBe(expected);
  expect(result.code, what).toBe(exitCodeFor(expected as ErrorCode));
}

describe('the bad-input corpus', () => {
  it('holds at least 30 cases', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30));

  for (const input of BAD_INPUTS) {
    it(`${input.name}: status → ${input.status}, migrate → ${input.migrate}, original bytes kept unless migrated`, async () => {
      const dir = await tempDir();
      const path = await input.make(dir);
      const before = await originalBytes(path);

      expectOutcome(await run(['status', path, '--json']), input.status, 'status');
      expect(await originalBytes(path), 'status never changes the file').toBe(before);

      const migrated = await run(['migrate', path, '--json']);
      expectOutcome(migrated, input.migrate, 'migrate');
      if (input.migrate !== 'ok') {
        expect(await originalBytes(path), 'a refused or failed migrate changes nothing').toBe(before);
      } else {
        const real = await realpath(path);
        expect(sqlite3(real, 'PRAGMA integrity_check;', ['-readonly']).trim()).toBe('ok');
        if ((await lstat(path)).isSymbolicLink() === false && path !== real)
          throw new Error('symlink replaced');
      }
      const leftovers = (
        await readdir(dirname(await realpath(path).catch(() => path))).catch(() => [])
      ).filter((name) => /paneldb-(tmp|save)/.test(name));
      expect(leftovers).toEqual([]);
    });
  }
});

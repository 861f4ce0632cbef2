// `paneldb check` and `paneldb fix` (electron/cli/check-command.ts), registered on a program the way
// main.ts registers them, and `status --json` with its checks section.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCheckCommands } from '../../electron/cli/check-command';
import { xhttpFlowMode } from '../../electron/cli/commands/migrate';
import { EXIT, exitCodeFor } from '../../electron/cli/exit-codes';
import { main } from '../../electron/cli/main';
import { createPanelEngine } from '../../electron/app/panel-engine';
import type { Result } from '../../electron/shared/result';
import { buildFixture } from '../fixtures/build';
import { sqlite3 } from '../support/sqlite-cli';
import { sha256File, tempDir } from '../support/temp-dir';

async function run(argv: string[]) {
  let stdout = '';
  let exitCode: number = EXIT.ok;
  const program = new Command().exitOverride();
  registerCheckCommands(program, {
    lang: 'en',
    engineFor: async (db, options) =>
      createPanelEngine({
        dbPath: resolve(db ?? ''),
        backupDir: options.backupDir === undefined ? undefined : resolve(options.backupDir),
      }),
    report: <T>(result: Result<T>, json: boolean | undefined, text: (value: T) => string) => {
      if (!result.ok) {
        exitCode = exitCodeFor(result.error.code);
        stdout += json ? JSON.stringify({ error: result.error }) : `error: ${result.error.message}`;
        return undefined;
      }
      stdout += json ? JSON.stringify(result.value) : `${text(result.value)}\n`;
      return result.value;
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  await program.parseAsync(argv, { from: 'user' });
  return { code: exitCode, stdout };
}

describe('paneldb check and fix', () => {
  it('check exits 0 on a clean file and 4 when an error-severity finding is present', async () => {
    const clean = await run(['check', await buildFixture('f2-tls-variants', await tempDir())]);
    expect(clean).toMatchObject({ code: 0, stdout: expect.stringContaining('No problems found') });
    const broken = await run(['check', await buildFixture('f4-reality-targets', await tempDir()), '--json']);
    expect(broken.code).toBe(4);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      summary: { error: 1, warning: 1 },
      checks: [{ id: 'reality.target-invalid' }, { id: 'reality.legacy-dest' }],
    });
  });

  it('check exits 0 when only warnings are found, and prints the fix command for fixable ones', async () => {
    const path = await buildFixture('f2-tls-variants', await tempDir());
    sqlite3(path, 'DELETE FROM client_traffics WHERE id = 1;');
    const result = await run(['check', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[warn] traffic.missing-row');
    expect(result.stdout).toContain('fix: paneldb fix <db> traffic.missing-row --dry-run');
  });

  it('fix --dry-run writes nothing, fix applies, fix --revert undoes it; exit codes 0', async () => {
    const path = await buildFixture('f3-xhttp-without-flow-recorded', await tempDir());
    const before = await sha256File(path);
    const dry = await run(['fix', path, 'xray.vision-xhttp-without-encryption', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was written');
    expect(await sha256File(path)).toBe(before);
    expect((await run(['fix', path, 'xray.vision-xhttp-without-encryption', '--json'])).code).toBe(0);
    expect((await run(['check', path])).code).toBe(0);
    const reverted = await run(['fix', path, 'xray.vision-xhttp-without-encryption', '--revert']);
    expect(reverted.code).toBe(0);
    expect(reverted.stdout).toContain('content hash = pre-migration');
    expect((await run(['check', path])).code).toBe(4);
  });

  it('fix exits 2 for an unknown or unfixable check and 4 when a revert is refused', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    expect((await run(['fix', path, 'reality.target-invalid'])).code).toBe(2);
    expect((await run(['fix', path, 'no.such-check'])).code).toBe(2);
    expect((await run(['fix', path, 'traffic.missing-row', '--revert'])).code).toBe(4);
  });

  it('parses --xhttp-flow values for migrate', () => {
    expect(xhttpFlowMode('safe')).toBe('safe');
    expect(xhttpFlowMode('panel')).toBe('panel');
    expect(() => xhttpFlowMode('vision')).toThrow(/safe or panel/);
  });

  it('status --json has no checks section unless asked: status runs the quick check only', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    let stdout = '';
    const code = await main(['status', path, '--json'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ checks: null, integrity: 'ok', integrity_check: 'quick' });
  });

  it('status --json --checks --full has the checks section and the full integrity check', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    let stdout = '';
    const code = await main(['status', path, '--json', '--checks', '--full'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      integrity_check: 'full',
      checks: {
        summary: { error: 1, warning: 1 },
        checks: [
          { id: 'reality.target-invalid', severity: 'error' },
          { id: 'reality.legacy-dest', severity: 'warning' },
        ],
      },
    });
  });
});

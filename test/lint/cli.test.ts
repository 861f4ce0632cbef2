// `paneldb lint DIR [--json]`: findings grouped per file with a summary, JSON for scripts, exit 0
// without errors, 3 with errors or a folder that is not there.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { EXIT } from '../../electron/cli/exit-codes';
import { tempDir } from '../support/temp-dir';

const ORIGINAL = join(import.meta.dirname, '../fixtures/panel-sql/original');
const CLEAN = join(import.meta.dirname, '../fixtures/panel-sql/clean');

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr };
};

interface JsonReport {
  dir: string;
  files: { file: string; version: number; direction: string }[];
  findings: { rule: string; severity: string; file: string; line: number; message: string; reason: string }[];
  summary: { error: number; warning: number; info: number };
}

describe('paneldb lint', () => {
  it('prints file:line  rule-id  message grouped per file, the reasons and a summary, and exits 3 on errors', async () => {
    const { code, stdout, stderr } = await run(['lint', ORIGINAL]);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toBe('');
    expect(stdout).toContain(
      "000002_tls_config.up.sql:10  json-replace-brackets  error: REPLACE(inbounds.stream_settings, '[\"'",
    );
    expect(stdout).toContain('000001_simple.up.sql  duplicate-version  error: version 1 up is both');
    expect(stdout).toMatch(
      /000001_init_schema\.up\.sql:80 {2}panel-ddl-mismatch {2}error: .*\n\n000001_simple\.down\.sql/,
    );
    expect(stdout).toContain('\nWhy:\n  down-reverts-by-value: the down rewrites every occurrence');
    expect(stdout).toMatch(/original: 12 migration file\(s\), \d+ error\(s\), \d+ warning\(s\), 0 info\n$/);
  });

  it('prints the whole report as JSON with --json', async () => {
    const { code, stdout } = await run(['lint', ORIGINAL, '--json']);
    expect(code).toBe(EXIT.badInput);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.dir).toBe(ORIGINAL);
    expect(report.files).toHaveLength(12);
    expect(report.summary.error).toBe(report.findings.filter((item) => item.severity === 'error').length);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'password-not-bcrypt',
        severity: 'error',
        file: '000005_user_password_hash.up.sql',
        line: 11,
        reason: expect.stringContaining('bcrypt'),
      }),
    );
  });

  it('exits 0 on the clean files', async () => {
    const text = await run(['lint', CLEAN]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.stdout).toMatch(/clean: 6 migration file\(s\), 0 error\(s\), 0 warning\(s\), 0 info\n$/);
    const json = await run(['lint', CLEAN, '--json']);
    expect(json.code).toBe(EXIT.ok);
    expect((JSON.parse(json.stdout) as JsonReport).findings).toEqual([]);
  });

  it('exits 0 when there are only warnings and info', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, '000006_notes.up.sql'),
      'CREATE TABLE IF NOT EXISTS client_notes (id integer);\n',
    );
    await writeFile(join(dir, 'notes.txt'), 'not a migration\n');
    const { code, stdout } = await run(['lint', dir]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('000006_notes.up.sql  missing-down  warning: version 6 has no .down file');
    expect(stdout).toContain('notes.txt  ignored-file  info:');
    expect(stdout).toContain('1 migration file(s), 0 error(s), 1 warning(s), 1 info');
  });

  it('says so when the folder holds no migration files', async () => {
    const { code, stdout } = await run(['lint', await tempDir()]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('No migration files');
  });

  it('fails with FILE_NOT_FOUND (exit 3) for a missing folder, in text and JSON', async () => {
    const missing = join(await tempDir(), 'migrations');
    const text = await run(['lint', missing]);
    expect(text.code).toBe(EXIT.badInput);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(`paneldb: error: No such folder: ${missing} [FILE_NOT_FOUND]\n`);
    const json = await run(['lint', missing, '--json']);
    expect(json.code).toBe(EXIT.badInput);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'FILE_NOT_FOUND',
        message: `No such folder: ${missing}`,
        msg: { key: 'err.folder.notFound', params: { path: missing } },
      },
    });
  });

  it('asks for the folder when none is given (usage, exit 2)', async () => {
    const { code, stderr } = await run(['lint']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("missing required argument 'dir'");
  });

  it('labels severities and the summary in Chinese', async () => {
    const { stdout } = await run(['lint', ORIGINAL], { LANG: 'zh_CN.UTF-8' });
    expect(stdout).toContain('000005_user_password_hash.up.sql:11  password-not-bcrypt  错误: ');
    expect(stdout).toContain('\n原因:\n');
    expect(stdout).toMatch(/original：12 个迁移文件，\d+ 个错误，\d+ 个警告，0 条提示\n$/);
  });
});

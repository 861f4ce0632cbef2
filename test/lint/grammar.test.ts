// The folder as golang-migrate's file:// source reads it: ^([0-9]+)_(.*)\.(down|up)\.(.*)$, name
// order, duplicates refused, everything else ignored (and reported as info).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigrationSources, lintMigrationsDir } from '../../electron/lint/lint';
import { parseMigrationFileName, type LintFileSystem } from '../../electron/sqlfiles/migration-files';
import type { RuleId } from '../../electron/lint/rules';
import { tempDir } from '../support/temp-dir';

const NOTE = '-- nothing to do\n';
const lint = (...files: string[]) => lintMigrationSources(files.map((file) => ({ file, text: NOTE })));
const only = (report: ReturnType<typeof lint>, rule: RuleId) =>
  report.findings.filter((item) => item.rule === rule);

describe('migration file names', () => {
  it('parse like golang-migrate: leading zeros ignored, any extension, the greedy name', () => {
    expect(parseMigrationFileName('000003_xhttp_flow.up.sql')).toMatchObject({
      version: 3,
      versionText: '000003',
      name: 'xhttp_flow',
      direction: 'up',
      extension: 'sql',
    });
    expect(parseMigrationFileName('7_a.up.b.down.sql.bak')).toMatchObject({
      version: 7,
      name: 'a.up.b',
      direction: 'down',
      extension: 'sql.bak',
    });
    for (const ignored of ['README.md', '000003_x.UP.sql', 'abc_x.up.sql', '000003.up.sql', '3_x.up']) {
      expect(parseMigrationFileName(ignored), ignored).toBeNull();
    }
    // Past uint64 golang-migrate cannot parse the version and skips the file.
    expect(parseMigrationFileName('18446744073709551615_max.up.sql')).not.toBeNull();
    expect(parseMigrationFileName('18446744073709551616_over.up.sql')).toBeNull();
  });
});

describe('the folder rules', () => {
  it('refuse a duplicate version naming both files, leading zeros included', () => {
    const report = lint('000002_a.up.sql', '000002_a.down.sql', '2_b.up.sql');
    const [duplicate, ...rest] = only(report, 'duplicate-version');
    expect(rest).toEqual([]);
    expect(duplicate).toMatchObject({ file: '2_b.up.sql', line: 0, severity: 'error' });
    expect(duplicate?.message).toContain('000002_a.up.sql');
    expect(duplicate?.message).toContain('duplicate migration file: 2_b.up.sql');
    expect(report.versions).toEqual([
      { version: 2, name: 'a', up: '000002_a.up.sql', down: '000002_a.down.sql' },
    ]);
  });

  it('count a .sql.bak copy as a second migration: a duplicate with an unexpected extension', () => {
    const report = lint('000006_x.up.sql', '000006_x.up.sql.bak', '000006_x.down.sql');
    expect(only(report, 'duplicate-version').map((item) => item.file)).toEqual(['000006_x.up.sql.bak']);
    expect(only(report, 'unexpected-extension').map((item) => item.file)).toEqual(['000006_x.up.sql.bak']);
  });

  it('report files that do not match the grammar as info, and skip dot-files silently', () => {
    const report = lint('000006_x.up.sql', '000006_x.down.sql', 'README.md', '000007_y.UP.sql', '.gitkeep');
    const ignored = only(report, 'ignored-file');
    expect(ignored.map((item) => item.file)).toEqual(['000007_y.UP.sql', 'README.md']);
    expect(ignored.every((item) => item.severity === 'info')).toBe(true);
    expect(report.files.map((file) => file.file)).toEqual(['000006_x.down.sql', '000006_x.up.sql']);
    expect(report.summary).toEqual({ error: 0, warning: 0, info: 2 });
  });

  it('report a gap between sequential versions, naming the missing ones', () => {
    const report = lint(
      '1_a.up.sql',
      '1_a.down.sql',
      '2_b.up.sql',
      '2_b.down.sql',
      '5_c.up.sql',
      '5_c.down.sql',
    );
    const gaps = only(report, 'version-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ file: '5_c.up.sql', severity: 'warning' });
    expect(gaps[0]?.message).toContain('3–4 are missing');
    expect(
      only(lint('6_a.up.sql', '6_a.down.sql', '8_b.up.sql', '8_b.down.sql'), 'version-gap')[0]?.message,
    ).toContain('7 is missing');
  });

  it('accept gaps between timestamp versions', () => {
    const report = lint(
      '20240101120000_a.up.sql',
      '20240101120000_a.down.sql',
      '20240315090000_b.up.sql',
      '20240315090000_b.down.sql',
    );
    expect(report.findings).toEqual([]);
  });

  it('warn about a version without its down (irreversible) and a down without its up', () => {
    const report = lint('000006_x.up.sql', '000007_y.down.sql');
    expect(only(report, 'missing-down')).toMatchObject([
      { file: '000006_x.up.sql', severity: 'warning', line: 0 },
    ]);
    expect(only(report, 'missing-down')[0]?.message).toContain('irreversible');
    expect(only(report, 'missing-up')).toMatchObject([{ file: '000007_y.down.sql', severity: 'warning' }]);
    expect(report.summary.error).toBe(0);
  });

  it('warn when the up and down of one version carry different names', () => {
    const report = lint('000006_add_notes.up.sql', '000006_drop_notes.down.sql');
    expect(only(report, 'pair-name-mismatch')).toMatchObject([{ file: '000006_drop_notes.down.sql' }]);
  });
});

describe('lintMigrationsDir', () => {
  it('reads regular files only: subfolders are skipped like golang-migrate does', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '000006_x.up.sql'), 'BEGIN;\n');
    await writeFile(join(dir, '000006_x.down.sql'), NOTE);
    await mkdir(join(dir, '000007_folder.up.sql'));
    const result = await lintMigrationsDir(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.files.map((file) => file.file)).toEqual(['000006_x.down.sql', '000006_x.up.sql']);
    expect(result.value.findings).toMatchObject([
      { rule: 'transaction-statement', file: '000006_x.up.sql', line: 1 },
    ]);
  });

  it('fails with FILE_NOT_FOUND for a missing folder and INVALID_ARGUMENT for a file', async () => {
    const dir = await tempDir();
    const missing = await lintMigrationsDir(join(dir, 'nope'));
    expect(missing).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
    if (!missing.ok) expect(missing.error.message).toContain(join(dir, 'nope'));
    await writeFile(join(dir, 'file.sql'), NOTE);
    expect(await lintMigrationsDir(join(dir, 'file.sql'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('reads through an injected file system', async () => {
    const files: Record<string, string> = { '000006_x.up.sql': 'COMMIT;', '000006_x.down.sql': NOTE };
    const entry = (name: string) => ({ name, isDirectory: () => false, isSymbolicLink: () => false });
    const fs = {
      stat: async () => ({ isDirectory: () => true }),
      readdir: async () => Object.keys(files).map(entry),
      readFile: async (path: string) => files[path.replace(/^\/virtual\//, '')] ?? '',
    } as unknown as LintFileSystem;
    const result = await lintMigrationsDir('/virtual', { fs });
    expect(result.ok && result.value.findings.map((item) => item.rule)).toEqual(['transaction-statement']);
  });
});

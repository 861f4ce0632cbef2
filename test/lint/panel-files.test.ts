// The linter against the panel's own golang-migrate files (recreated in test/fixtures/panel-sql/original
// from docs/panel-database.md §3.6): every S-rule S1–S20 is reported at the file and line §3.6 cites.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintMigrationSources, lintMigrationsDir, type LintReport } from '../../electron/lint/lint';
import type { Finding, RuleId } from '../../electron/lint/rules';

const ORIGINAL = join(import.meta.dirname, '../fixtures/panel-sql/original');
const CLEAN = join(import.meta.dirname, '../fixtures/panel-sql/clean');

let report: LintReport;

beforeAll(async () => {
  const result = await lintMigrationsDir(ORIGINAL);
  if (!result.ok) throw new Error(result.error.message);
  report = result.value;
});

const at = (rule: RuleId, file: string): Finding[] =>
  report.findings.filter((item) => item.rule === rule && item.file === file);
const linesOf = (rule: RuleId, file: string): number[] => at(rule, file).map((item) => item.line);

const expectCited = (findings: Finding[], sid: string) => {
  expect(findings.length).toBeGreaterThan(0);
  for (const item of findings) {
    expect(item.refs).toContain(sid);
    expect(item.message).toMatch(new RegExp(`§3\\.6 .*\\b${sid}\\b`));
  }
};

describe('lint on the panel files 000001–000005', () => {
  it('S1: reports every panel table that 000001_init_schema.up.sql:6-86 creates unlike GORM', () => {
    const findings = at('panel-ddl-mismatch', '000001_init_schema.up.sql');
    expectCited(findings, 'S1');
    expect(findings.map((item) => item.line)).toEqual([6, 15, 37, 46, 52, 60, 80]);
    const byTable = (table: string) =>
      findings.find((item) => item.message.includes(`CREATE TABLE ${table} `));
    expect(byTable('users')?.message).toContain('extra created_at, updated_at');
    expect(byTable('settings')?.message).toContain('no id');
    expect(byTable('outbound_traffics')?.message).toContain('no tag, total');
    expect(byTable('inbound_client_ips')?.message).toContain('no client_email, ips');
    expect(byTable('client_traffics')?.message).toContain(
      'no enable, up, down, all_time, reset, last_online',
    );
    expect(byTable('link_histories')?.message).toContain('extra user_id, link_type, link_content');
    expect(byTable('users')?.message).toContain('IF NOT EXISTS makes it a no-op');
    // history_of_seeders (line 74) is created exactly as GORM does.
    expect(byTable('history_of_seeders')).toBeUndefined();
  });

  it('S2: reports each DROP TABLE of a panel table in 000001_init_schema.down.sql:5-12', () => {
    const findings = at('drop-panel-table', '000001_init_schema.down.sql');
    expectCited(findings, 'S2');
    expect(findings.map((item) => item.line)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(findings.every((item) => item.severity === 'error')).toBe(true);
  });

  it('S3: refuses the second version-1 pair, 000001_simple.*, naming both files', () => {
    const up = at('duplicate-version', '000001_simple.up.sql');
    const down = at('duplicate-version', '000001_simple.down.sql');
    expectCited([...up, ...down], 'S3');
    expect(up[0]?.line).toBe(0);
    expect(up[0]?.message).toContain('000001_init_schema.up.sql');
    expect(up[0]?.message).toContain('duplicate migration file: 000001_simple.up.sql');
    expect(down[0]?.message).toContain('000001_init_schema.down.sql');
  });

  it('S4: reports the bracket stripping of 000002_tls_config.up.sql:6-14 and its text key rename', () => {
    expectCited(at('json-replace-brackets', '000002_tls_config.up.sql'), 'S4');
    expect(linesOf('json-replace-brackets', '000002_tls_config.up.sql')).toEqual([10]);
    const rename = at('json-string-edit', '000002_tls_config.up.sql');
    expect(rename.map((item) => item.line)).toEqual([9]);
    expect(rename[0]?.message).toContain('"verifyPeerCertInNames":');
  });

  it('S5: reports the four allowInsecure removals of 000002_tls_config.up.sql:17-31, the comma-less ones as invalid JSON', () => {
    const findings = at('json-replace-remove-key', '000002_tls_config.up.sql');
    expectCited(findings, 'S5');
    expect(findings.map((item) => item.line)).toEqual([18, 22, 26, 30]);
    expect(findings.filter((item) => item.message.includes('{, or ,}')).map((item) => item.line)).toEqual([
      26, 30,
    ]);
  });

  it('S6: reports the no-op REPLACE of 000002_tls_config.up.sql:34-36', () => {
    expectCited(at('json-replace-noop', '000002_tls_config.up.sql'), 'S6');
    expect(linesOf('json-replace-noop', '000002_tls_config.up.sql')).toEqual([35]);
  });

  it('S7: reports the whole-row ~ → , of 000002_tls_config.up.sql:38-41', () => {
    expectCited(at('json-replace-unanchored', '000002_tls_config.up.sql'), 'S7');
    expect(linesOf('json-replace-unanchored', '000002_tls_config.up.sql')).toEqual([39]);
  });

  it('S8: reports both global ,, → , of 000002_tls_config.up.sql:44-50', () => {
    const findings = at('json-replace-punctuation', '000002_tls_config.up.sql');
    expectCited(findings, 'S8');
    expect(findings.map((item) => item.line)).toEqual([45, 49]);
    expect(findings[0]?.message).toContain("',,'");
  });

  it('S9: reports the schema_migrations write that ends every up and down file of 000002–000005', () => {
    const expected: Record<string, number> = {
      '000002_tls_config.up.sql': 53,
      '000002_tls_config.down.sql': 19,
      '000003_xhttp_flow.up.sql': 47,
      '000003_xhttp_flow.down.sql': 25,
      '000004_reality_target.up.sql': 54,
      '000004_reality_target.down.sql': 54,
      '000005_user_password_hash.up.sql': 17,
      '000005_user_password_hash.down.sql': 15,
    };
    for (const [file, line] of Object.entries(expected)) {
      expectCited(at('schema-migrations-write', file), 'S9');
      expect(linesOf('schema-migrations-write', file)).toEqual([line]);
    }
    expect(at('schema-migrations-write', '000002_tls_config.up.sql')[0]?.message).toMatch(/^INSERT/);
    expect(at('schema-migrations-write', '000002_tls_config.down.sql')[0]?.message).toMatch(/^DELETE/);
  });

  it('S10: reports the allowInsecure injection of 000002_tls_config.down.sql:9-16', () => {
    const findings = at('json-replace-insert-key', '000002_tls_config.down.sql');
    expectCited(findings, 'S10');
    expect(findings.map((item) => item.line)).toEqual([12]);
    expect(findings[0]?.message).toContain('"tlsSettings":{"allowInsecure":false,');
  });

  it('S11: reports the flow insertion before every "email" in 000003_xhttp_flow.up.sql:6-19', () => {
    const findings = at('json-replace-insert-key', '000003_xhttp_flow.up.sql');
    expectCited(findings, 'S11');
    expect(findings.map((item) => item.line)).toEqual([13]);
    expect(findings[0]?.message).toContain('second copy where the key already exists');
  });

  it('S12: reports the no-op REPLACE of 000003_xhttp_flow.up.sql:22-31', () => {
    const findings = at('json-replace-noop', '000003_xhttp_flow.up.sql');
    expectCited(findings, 'S12');
    expect(findings.map((item) => item.line)).toContain(25);
  });

  it("S13: reports the wildcard-less LIKE '\"clients\":[' and the global '}' rewrite in 000003_xhttp_flow.up.sql:34-44", () => {
    expectCited(at('like-without-wildcard', '000003_xhttp_flow.up.sql'), 'S13');
    expect(linesOf('like-without-wildcard', '000003_xhttp_flow.up.sql')).toEqual([43]);
    expect(at('like-without-wildcard', '000003_xhttp_flow.up.sql')[0]?.severity).toBe('error');
    const brace = at('json-replace-punctuation', '000003_xhttp_flow.up.sql');
    expectCited(brace, 'S13');
    expect(brace.map((item) => item.line)).toEqual([37]);
  });

  it('S14: reports the compact-only patterns of the 000003 and 000004 filters', () => {
    expectCited(at('json-compact-pattern', '000003_xhttp_flow.up.sql'), 'S14');
    expect(linesOf('json-compact-pattern', '000003_xhttp_flow.up.sql')).toEqual([17, 29, 41]);
    expect(at('json-compact-pattern', '000003_xhttp_flow.up.sql')[0]?.message).toContain('"network":"xhttp"');
    expect(linesOf('json-compact-pattern', '000003_xhttp_flow.down.sql')).toEqual([9, 15, 21]);
    expectCited(at('json-compact-pattern', '000004_reality_target.up.sql'), 'S14');
    expect(linesOf('json-compact-pattern', '000004_reality_target.up.sql')).toEqual([9, 19, 29, 38, 47]);
  });

  it('S15: reports the flow removals of 000003_xhttp_flow.down.sql:6-22 as undoing by value and, comma-less, as invalid JSON', () => {
    const byValue = at('down-reverts-by-value', '000003_xhttp_flow.down.sql');
    expectCited(byValue, 'S15');
    expect(byValue.map((item) => item.line)).toEqual([7, 13, 19]);
    const removals = at('json-replace-remove-key', '000003_xhttp_flow.down.sql');
    expectCited(removals, 'S15');
    expect(removals.map((item) => item.line)).toEqual([7, 13, 19]);
    expect(removals.find((item) => item.line === 19)?.message).toContain('{, or ,}');
  });

  it('S16: reports the five hard-coded hosts and each unguarded json_extract of 000004_reality_target.up.sql:6-51', () => {
    const unguarded = at('json-function-unguarded', '000004_reality_target.up.sql');
    expectCited(unguarded, 'S16');
    expect(unguarded.map((item) => item.line)).toEqual([13, 23, 33, 42, 51]);
    const hosts = at('hardcoded-host-list', '000004_reality_target.up.sql');
    expectCited(hosts, 'S16');
    expect(hosts.map((item) => item.line)).toEqual([6]);
    for (const host of [
      'www.google.com',
      'www.amazon.com',
      'www.microsoft.com',
      'www.apple.com',
      'www.cloudflare.com',
    ]) {
      expect(hosts[0]?.message).toContain(host);
    }
  });

  it('S17: reports the :443 stripping of 000004_reality_target.down.sql:6-51 as undoing by value over a host list', () => {
    const byValue = at('down-reverts-by-value', '000004_reality_target.down.sql');
    expectCited(byValue, 'S17');
    expect(byValue.map((item) => item.line)).toEqual([9, 19, 29, 38, 47]);
    expect(byValue[0]?.message).toContain('"target":"www.google.com:443"');
    expectCited(at('hardcoded-host-list', '000004_reality_target.down.sql'), 'S17');
    expect(linesOf('hardcoded-host-list', '000004_reality_target.down.sql')).toEqual([6]);
  });

  it("S18: reports 'HASHED:' || password in 000005_user_password_hash.up.sql:9-14", () => {
    const findings = at('password-not-bcrypt', '000005_user_password_hash.up.sql');
    expectCited(findings, 'S18');
    expect(findings.map((item) => item.line)).toEqual([11]);
    expect(findings[0]?.message).toContain("'HASHED:' || password");
  });

  it("S19: reports the unanchored REPLACE(password, 'HASHED:', '') of 000005_user_password_hash.down.sql:9-11", () => {
    const findings = at('unanchored-prefix-strip', '000005_user_password_hash.down.sql');
    expectCited(findings, 'S19');
    expect(findings.map((item) => item.line)).toEqual([10]);
    expect(findings[0]?.message).toContain('substr(password, 8)');
  });

  it('S20: reports each up file 000002–000005 that rewrites the data of a Go seeder', () => {
    const expected: Record<string, [string, number]> = {
      '000002_tls_config.up.sql': ['TlsConfigMigration', 6],
      '000003_xhttp_flow.up.sql': ['XhttpFlowMigration', 6],
      '000004_reality_target.up.sql': ['RealityTargetMigration', 6],
      '000005_user_password_hash.up.sql': ['UserPasswordHash', 9],
    };
    for (const [file, [seeder, line]] of Object.entries(expected)) {
      const findings = at('seeder-overlap', file);
      expectCited(findings, 'S20');
      expect(findings.map((item) => item.line)).toEqual([line]);
      expect(findings[0]?.message).toContain(seeder);
    }
  });

  it('cites an S-id in every error it reports on the panel files', () => {
    const errors = report.findings.filter((item) => item.severity === 'error');
    expect(errors.length).toBeGreaterThan(50);
    for (const item of errors)
      expect(item.refs.length, `${item.file}:${item.line} ${item.rule}`).toBeGreaterThan(0);
    const cited = new Set(report.findings.flatMap((item) => item.refs));
    for (let n = 1; n <= 20; n++) expect(cited).toContain(`S${n}`);
  });

  it('finds no duplicate version in the 80a547d2 folder, where 000001_simple.* is gone', async () => {
    const files = (await readdir(ORIGINAL)).filter((file) => !file.startsWith('000001_simple'));
    const sources = await Promise.all(
      files.map(async (file) => ({ file, text: await readFile(join(ORIGINAL, file), 'utf8') })),
    );
    const later = lintMigrationSources(sources);
    expect(later.findings.filter((item) => item.rule === 'duplicate-version')).toEqual([]);
    expect(later.findings.length).toBe(report.findings.length - 2);
  });
});

describe('lint on clean migration files', () => {
  it('reports nothing on test/fixtures/panel-sql/clean', async () => {
    const result = await lintMigrationsDir(CLEAN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.findings).toEqual([]);
    expect(result.value.summary).toEqual({ error: 0, warning: 0, info: 0 });
    expect(result.value.versions.map((entry) => entry.version)).toEqual([6, 7, 8]);
  });
});

// The health checks (issue 8): each rule on a fixture that triggers it and on clean fixtures that do
// not; fixtures come from test/fixtures plus small sqlite3 edits.
import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { loadSqlJs } from '../../electron/core/sqljs';
import { CHECK_RULES, runChecks } from '../../electron/core/health-checks';
import type { CheckReport } from '../../electron/shared/reports';
import { PANEL_DDL } from '../../electron/panel/panel-schema';
import { buildFixture } from '../fixtures/build';
import { F3A_SETTINGS, F3A_STREAM, F3B_SETTINGS, F3B_STREAM } from '../fixtures/scenarios';
import { sqlite3 } from '../support/sqlite-cli';
import { tempDir } from '../support/temp-dir';

function unwrap<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function checksOf(id: string, edit = ''): Promise<CheckReport> {
  const path = await buildFixture(id, await tempDir());
  if (edit !== '') sqlite3(path, edit);
  return unwrap(await createPanelEngine({ dbPath: path }).check());
}

const ids = (report: CheckReport) => report.checks.map((check) => check.id);
const rowsOf = (report: CheckReport, id: string) => report.checks.find((check) => check.id === id)?.rows;
const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

function inboundSql(id: number, settings: string, stream: string, protocol = 'vless'): string {
  return `INSERT INTO inbounds (id, remark, port, protocol, settings, stream_settings, tag) VALUES (${id}, 'test-${id}', ${30000 + id}, '${protocol}', ${sql(settings)}, ${sql(stream)}, 'inbound-${30000 + id}');`;
}

const VISION_CLIENT = '{"clients":[{"email":"v1","flow":"xtls-rprx-vision","id":"u1"}],"decryption":"none"}';

describe('health checks', () => {
  it('finds nothing on clean fixtures: a fresh file, TLS variants and a bcrypt-only file', async () => {
    for (const id of ['f0-fresh-first-start', 'f2-tls-variants', 'f5-passwords-b']) {
      const report = await checksOf(id);
      expect(report.checks, id).toEqual([]);
      expect(report.summary).toEqual({ error: 0, warning: 0, info: 0, rules: CHECK_RULES.length });
    }
  });

  it('has stable rule ids, each with a severity, a title and a one-line reason', () => {
    expect(CHECK_RULES.map((rule) => rule.id)).toEqual([
      'xray.vision-xhttp-without-encryption',
      'xray.vision-transport',
      'reality.target-invalid',
      'reality.legacy-dest',
      'json.invalid',
      'json.too-deep',
      'json.duplicate-keys',
      'inbounds.duplicate-flow-keys',
      'clients.not-object',
      'clients.duplicate-email',
      'traffic.missing-row',
      'traffic.orphan-row',
      'inbounds.tag-empty',
      'inbounds.tag-duplicate',
      'users.password-hashed-prefix',
      'users.password-not-bcrypt',
      'schema-migrations.multiple-rows',
      'markers.disagree',
    ]);
    for (const rule of CHECK_RULES) {
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.reason).not.toContain('\n');
    }
  });

  it('flags Vision on XHTTP without VLESS Encryption (the F3c client the UI set, a panel-seeded file), with the upstream references', async () => {
    const report = await checksOf('f3-xhttp-without-flow-recorded');
    const finding = report.checks.find((check) => check.id === 'xray.vision-xhttp-without-encryption');
    expect(finding).toMatchObject({
      severity: 'error',
      fixable: true,
      rows: ['inbounds #3 (ui-xhttp-reality): client dave'],
      reference: expect.stringContaining('XTLS/Xray-core issue 5576'),
    });
    expect(finding?.reference).toContain('3x-ui pull request 5185');
  });

  it('does not flag Vision on XHTTP when VLESS Encryption is on (F3b with an ML-KEM decryption)', async () => {
    const withVision = F3B_SETTINGS.replace('"enable":true,', '"enable":true,"flow":"xtls-rprx-vision",');
    const report = await checksOf('f2-tls-variants', inboundSql(50, withVision, F3B_STREAM));
    expect(ids(report)).not.toContain('xray.vision-xhttp-without-encryption');
    expect(ids(report)).not.toContain('xray.vision-transport');
  });

  it('flags Vision on ws, grpc or without security, but not on TCP with REALITY', async () => {
    const ws = '{"network":"ws","security":"tls","wsSettings":{"path":"/"}}';
    const plain = '{"network":"tcp","security":"none"}';
    const tcpReality = F3A_STREAM.replace('"network":"xhttp"', '"network":"tcp"');
    const edit = [
      inboundSql(50, VISION_CLIENT, ws),
      inboundSql(51, VISION_CLIENT.replace('v1', 'v2'), plain),
      inboundSql(52, VISION_CLIENT.replace('v1', 'v3'), tcpReality),
      "INSERT INTO client_traffics (inbound_id, enable, email) VALUES (50, 1, 'v1'), (51, 1, 'v2'), (52, 1, 'v3');",
    ].join('\n');
    const report = await checksOf('f2-tls-variants', edit);
    expect(rowsOf(report, 'xray.vision-transport')).toEqual([
      'inbounds #50 (test-50): ws+tls: client v1',
      'inbounds #51 (test-51): tcp+none: client v2',
    ]);
    expect(ids(report)).toEqual(['xray.vision-transport']);
  });

  it('flags REALITY targets without a port, and legacy dest-only rows, but accepts ports, digit strings and sockets (F4)', async () => {
    const report = await checksOf('f4-reality-targets');
    expect(rowsOf(report, 'reality.target-invalid')).toEqual([
      'inbounds #1 (reality-a): target "www.google.com" (no port)',
      'inbounds #2 (reality-b): target "www.intel.com" (no port)',
      'inbounds #3 (reality-c): target "www.google.com" (no port)',
    ]);
    expect(rowsOf(report, 'reality.legacy-dest')).toEqual([
      'inbounds #7 (reality-g): dest "www.tesla.com:443"',
    ]);
    expect((await checksOf('f1-legacy-nothing-recorded')).checks.map((c) => c.id)).toContain(
      'reality.legacy-dest',
    );
  });

  it('flags a dest-only row whose dest has no port as an invalid target', async () => {
    const stream = F3A_STREAM.replace('"target":"www.google.com:443"', '"dest":"www.google.com"');
    const report = await checksOf('f2-tls-variants', inboundSql(50, '{"clients":[]}', stream));
    expect(rowsOf(report, 'reality.target-invalid')).toEqual([
      'inbounds #50 (test-50): dest "www.google.com" (no port)',
    ]);
  });

  it('flags JSON that does not parse (F4i) and duplicate keys with the S11 flow rows (F8)', async () => {
    expect(rowsOf(await checksOf('f4-reality-invalid-json'), 'json.invalid')).toEqual([
      'inbounds #1 stream_settings',
    ]);
    const branch = await checksOf('f8-branch-version-5');
    expect(rowsOf(branch, 'json.duplicate-keys')).toEqual(['inbounds #2 settings']);
    expect(branch.checks.find((check) => check.id === 'inbounds.duplicate-flow-keys')).toMatchObject({
      fixable: true,
      rows: ['inbounds #2 (oneclick-xhttp-reality)'],
    });
  });

  it('flags client entries that are not objects, and a clients value that is not an array', async () => {
    expect(rowsOf(await checksOf('f10-tgid-string-and-null-client'), 'clients.not-object')).toEqual([
      'inbounds #2 (null-client): clients[1] is null',
    ]);
    const report = await checksOf('f2-tls-variants', inboundSql(50, '{"clients":{"a":1}}', F3B_STREAM));
    expect(rowsOf(report, 'clients.not-object')).toEqual([
      'inbounds #50 (test-50): settings.clients is not an array',
    ]);
  });

  it('flags a client email used in two inbounds', async () => {
    const path = await buildFixture('f3-xhttp-without-flow', await tempDir());
    sqlite3(path, inboundSql(50, F3A_SETTINGS, F3B_STREAM));
    const report = unwrap(await createPanelEngine({ dbPath: path }).check());
    expect(rowsOf(report, 'clients.duplicate-email')).toEqual(['email "x7Kp2QaZ": inbounds #1, #50']);
  });

  it('lists every email used more than once, in the order of its first client, with each inbound that uses it', async () => {
    const clients = (...emails: string[]) =>
      JSON.stringify({ clients: emails.map((email, index) => ({ id: `id-${email}-${index}`, email })) });
    const edit = [
      inboundSql(50, clients('d2', 'once', 'd1'), F3B_STREAM),
      inboundSql(51, clients('d1', 'd3', 'd2'), F3B_STREAM),
      inboundSql(52, clients('d3', 'd2', 'alone'), F3B_STREAM),
    ].join('\n');
    const report = await checksOf('f2-tls-variants', edit);
    expect(rowsOf(report, 'clients.duplicate-email')).toEqual([
      'email "d2": inbounds #50, #51, #52',
      'email "d1": inbounds #50, #51',
      'email "d3": inbounds #51, #52',
    ]);
  });

  it('flags clients without a client_traffics row, and traffic rows that belong to no client (F10 orphans)', async () => {
    const missing = await checksOf('f2-tls-variants', 'DELETE FROM client_traffics WHERE id = 1;');
    expect(missing.checks.find((check) => check.id === 'traffic.missing-row')).toMatchObject({
      severity: 'warning',
      fixable: true,
      rows: [expect.stringMatching(/^inbounds #1 .*: client /)],
    });
    const orphans = await checksOf('f10-orphans');
    expect(rowsOf(orphans, 'traffic.orphan-row')).toHaveLength(2);
    expect(ids(orphans)).not.toContain('traffic.missing-row');
  });

  it('matches traffic rows to clients in any order, an email used twice and a client called null included', async () => {
    const clients = (...emails: string[]) =>
      JSON.stringify({ clients: emails.map((email, index) => ({ id: `id-${email}-${index}`, email })) });
    const edit = [
      inboundSql(50, clients('t1', 't2', 't3', 'null'), F3B_STREAM),
      inboundSql(51, clients('t4', 't1', 't5'), F3B_STREAM),
      // Not in the clients' order; a NULL email tracks the client called "null".
      "INSERT INTO client_traffics (inbound_id, enable, email) VALUES (51, 1, 't5'), (51, 1, 't1'), (50, 1, 'zz'), (50, 1, 't3'), (50, 1, NULL), (51, 1, 't4');",
    ].join('\n');
    const report = await checksOf('f2-tls-variants', edit);
    expect(rowsOf(report, 'clients.duplicate-email')).toEqual(['email "t1": inbounds #50, #51']);
    expect(rowsOf(report, 'traffic.missing-row')).toEqual(['inbounds #50 (test-50): client t2']);
    expect(rowsOf(report, 'traffic.orphan-row')).toEqual([
      expect.stringMatching(/^client_traffics #\d+ \(zz, inbound 50\)$/),
    ]);
  });

  it('flags an empty tag, and a duplicate tag where the table has no UNIQUE constraint', async () => {
    const empty = await checksOf('f2-tls-variants', "UPDATE inbounds SET tag = '' WHERE id = 2;");
    expect(rowsOf(empty, 'inbounds.tag-empty')).toEqual([expect.stringMatching(/^inbounds #2/)]);
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run(PANEL_DDL.inbounds.replace(',CONSTRAINT `uni_inbounds_tag` UNIQUE (`tag`)', ''));
    db.run(
      "INSERT INTO inbounds (id, tag, protocol) VALUES (1, 'inbound-443', 'vless'), (2, 'inbound-443', 'vless')",
    );
    expect(runChecks(db).checks.map((check) => [check.id, check.rows])).toEqual([
      ['inbounds.tag-duplicate', ['tag "inbound-443": inbounds #1, #2']],
    ]);
    db.close();
  });

  it('flags HASHED: passwords as an error and plaintext ones as a warning (F5)', async () => {
    expect(
      (await checksOf('f5-passwords-c')).checks.find((c) => c.id === 'users.password-hashed-prefix'),
    ).toMatchObject({
      severity: 'error',
      rows: ['users #1 (admin)'],
    });
    expect(rowsOf(await checksOf('f5-passwords-a'), 'users.password-not-bcrypt')).toEqual([
      'users #1 (admin): plaintext',
    ]);
  });

  it('flags schema_migrations with more than one row', async () => {
    const report = await checksOf(
      'f8-branch-empty-schema-migrations',
      'DROP INDEX IF EXISTS version_unique; INSERT INTO schema_migrations VALUES (4, 0), (5, 0);',
    );
    expect(rowsOf(report, 'schema-migrations.multiple-rows')).toEqual([
      'version 4 dirty 0; version 5 dirty 0',
    ]);
  });

  it('reports markers that disagree with the data, one finding per marker (F5d, F5f)', async () => {
    expect((await checksOf('f5-passwords-d')).checks.find((c) => c.id.startsWith('markers.'))).toMatchObject({
      id: 'markers.disagree.UserPasswordHash',
      severity: 'error',
    });
    expect(ids(await checksOf('f5-passwords-f'))).toEqual(['markers.disagree.TlsConfigMigration']);
  });

  it('counts findings by severity, and runs on an empty SQLite file without failing', async () => {
    const report = await checksOf('f5-passwords-d');
    // The third error: schema_migrations at 5 claims tls_config, but the TLS rows are still as before it.
    expect(report.summary).toMatchObject({ error: 3, warning: 0, info: 0 });
    expect((await checksOf('empty-sqlite')).checks).toEqual([]);
  });

  it('leaves the checks out of status unless asked, and puts the same ones in when asked', async () => {
    const path = await buildFixture('f4-reality-targets', await tempDir());
    const engine = createPanelEngine({ dbPath: path });
    expect(unwrap(await engine.getStatus()).checks).toBeNull();
    const status = unwrap(await engine.getStatus({ checks: true }));
    if (status.checks === null) throw new Error('checks were asked for');
    const checked = unwrap(await engine.check());
    expect(status.checks).toEqual({ checks: checked.checks, summary: checked.summary });
    expect(status.checks.summary.error).toBe(1);
    expect(status.checks.checks.map((check) => check.id)).toEqual([
      'reality.target-invalid',
      'reality.legacy-dest',
    ]);
  });
});

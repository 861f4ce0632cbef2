// The health checks on two threads (issue 16): a worker parses most inbound rows of a big panel and
// the findings are exactly what one thread finds, in the same order — also for the rows the worker
// cannot vouch for from their bytes (not UTF-8, a BOM, nested too deep, a repeated key, not JSON)
// and when the worker cannot start, dies or fails on its first row.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChecks, runChecksWithWorker } from '../../electron/core/health-checks';
import { startInboundCheckHelper, type InboundCheckWorker } from '../../electron/core/inbound-check-pool';
import { loadSqlJs } from '../../electron/core/sqljs';
import { readFile } from 'node:fs/promises';
import { nodeBundles } from '../../scripts/bundles.mjs';
import { writePanelDb } from '../support/panel-db';
import { tempDir } from '../support/temp-dir';

let workerFile = '';

beforeAll(async () => {
  const out = await tempDir();
  const { node } = nodeBundles(out);
  await build({
    ...node,
    entryPoints: { 'inbound-check-worker': 'electron/core/inbound-check-worker.ts' },
    outdir: out,
    // A temp folder has no package.json saying "type": "module".
    outExtension: { '.js': '.mjs' },
    sourcemap: false,
    logLevel: 'silent',
  });
  workerFile = join(out, 'inbound-check-worker.mjs');
}, 60_000);

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** `count` inbounds of `clients` clients each (emails with non-ASCII text), and their traffic rows. */
function panelSql(count: number, clients: number): string {
  const lines: string[] = [];
  for (let id = 1; id <= count; id += 1) {
    const list = Array.from({ length: clients }, (_, k) => ({
      id: `uuid-${id}-${k}`,
      email: `用户-${id}-${k}`,
      flow: k % 3 === 0 ? 'xtls-rprx-vision' : '',
      comment: 'renew – monthly "gold" \\ plan',
      totalGB: 1073741824,
    }));
    const settings = JSON.stringify({ clients: list, decryption: 'none', fallbacks: [] });
    const network = id % 5 === 0 ? 'ws' : 'tcp';
    const stream = JSON.stringify({
      network,
      security: 'reality',
      realitySettings: { target: 'example.com:443' },
    });
    lines.push(
      `INSERT INTO inbounds (id, remark, port, protocol, settings, stream_settings, tag, sniffing) VALUES (${id}, 'in-${id}', ${20000 + id}, 'vless', ${quoted(settings)}, ${quoted(stream)}, 'inbound-${id}', '{"enabled":true,"destOverride":["http","tls"]}');`,
    );
    // Every client of every tenth inbound lacks its traffic row.
    if (id % 10 !== 0)
      for (let k = 0; k < clients; k += 1)
        lines.push(
          `INSERT INTO client_traffics (inbound_id, enable, email, up, down, all_time, expiry_time, total) VALUES (${id}, 1, ${quoted(`用户-${id}-${k}`)}, 0, 0, 0, 0, 0);`,
        );
  }
  return lines.join('\n');
}

/** The rows a worker must hand back: each needs sql.js's decoding or a rule that reads the text. */
const AWKWARD_ROWS = `
UPDATE inbounds SET settings = CAST(X'7B22636C69656E7473223A5B7B22656D61696C223A2261FF62227D5D7D' AS TEXT) WHERE id = 3;
UPDATE inbounds SET settings = CAST(X'EFBBBF7B7D' AS TEXT) WHERE id = 7;
UPDATE inbounds SET stream_settings = '{"network":"tcp","security":"reality","realitySettings":{"target":${'['.repeat(300)}1${']'.repeat(300)}}}' WHERE id = 11;
UPDATE inbounds SET settings = '{"clients":[{"email":"dup-flow","flow":"","flow":"xtls-rprx-vision","id":"x"}],"decryption":"none"}' WHERE id = 13;
UPDATE inbounds SET settings = '{"clients":[{"email":"broken"' WHERE id = 17;
UPDATE inbounds SET settings = X'7B7D' WHERE id = 19;
UPDATE inbounds SET settings = 42 WHERE id = 23;
UPDATE inbounds SET settings = '{"clients":[1,"two",[3],{"email":"用户-1-0"}]}' WHERE id = 29;
UPDATE inbounds SET stream_settings = '{"network":"tcp","security":"reality","realitySettings":{"dest":"no-port"}}' WHERE id = 31;
UPDATE inbounds SET tag = '' WHERE id = 37;
UPDATE inbounds SET sniffing = NULL WHERE id = 41;
INSERT INTO client_traffics (inbound_id, enable, email, up, down, all_time, expiry_time, total) VALUES (999, 1, 'nobody', 0, 0, 0, 0, 0);
INSERT INTO inbound_client_ips (client_email, ips) VALUES ('用户-1-1', '["1.2.3.4"]'), ('用户-1-2', '{"a":1,"a":2}');
`;

async function openPanel(sql: string): Promise<Database> {
  const path = writePanelDb(join(await tempDir(), 'x-ui.db'), sql);
  const SQL = await loadSqlJs();
  return new SQL.Database(await readFile(path));
}

/** Every row goes to the worker past the first, however small the file. */
const eager = (file: string): InboundCheckWorker => ({ file, minFileBytes: 0, startAfterBytes: 0 });

describe('the health checks with a worker thread', () => {
  it('find exactly what one thread finds, in the same order, with most rows parsed by the worker', async () => {
    const db = await openPanel(`${panelSql(120, 40)}\n${AWKWARD_ROWS}`);
    try {
      const alone = runChecks(db);
      // The fixture triggers the rules it is meant to (so equal reports compare real findings).
      const found = alone.checks.map((check) => check.id);
      expect(found.length).toBeGreaterThanOrEqual(10);
      expect(found).toEqual(
        expect.arrayContaining(['json.invalid', 'inbounds.duplicate-flow-keys', 'traffic.orphan-row']),
      );
      for (let run = 0; run < 3; run += 1) {
        const helper = startInboundCheckHelper(eager(workerFile), 0);
        expect(helper).toBeDefined();
        // Loaded before the rows are read: else this thread may parse every row on a loaded machine.
        await helper?.thread.ready();
        expect(await runChecksWithWorker(db, helper)).toEqual(alone);
        // Not every row: the awkward ones are read again here, and this thread claims rows too.
        expect(helper?.rowsByWorker).toBeGreaterThan(0);
        expect(helper?.rowsByWorker).toBeLessThan(120);
      }
    } finally {
      db.close();
    }
  }, 60_000);

  it('start no worker for a file below the size that pays for one', () => {
    expect(startInboundCheckHelper({ file: workerFile }, 10 * 1024 * 1024)).toBeUndefined();
    expect(startInboundCheckHelper(undefined, 1024 * 1024 * 1024)).toBeUndefined();
    const big = startInboundCheckHelper({ file: workerFile }, 100 * 1024 * 1024);
    expect(big).toBeDefined();
    big?.thread.stop();
  });

  it('leave every row to this thread when the worker cannot start, exits at once or fails on its first row', async () => {
    const dir = await tempDir();
    const exits = join(dir, 'exits.mjs');
    await writeFile(exits, 'process.exit(0);\n');
    const throws = join(dir, 'throws.mjs');
    await writeFile(
      throws,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom'); });\n",
    );
    const db = await openPanel(`${panelSql(30, 20)}\n${AWKWARD_ROWS}`);
    try {
      const alone = runChecks(db);
      for (const file of [join(dir, 'missing.mjs'), exits, throws]) {
        const helper = startInboundCheckHelper(eager(file), 0);
        expect(await runChecksWithWorker(db, helper), file).toEqual(alone);
        expect(helper?.rowsByWorker ?? 0, file).toBe(0);
      }
    } finally {
      db.close();
    }
  }, 60_000);

  it('find the same with no inbounds table, and on a panel too small to hand a row over', async () => {
    const SQL = await loadSqlJs();
    const empty = new SQL.Database();
    try {
      expect(await runChecksWithWorker(empty, startInboundCheckHelper(eager(workerFile), 0))).toEqual(
        runChecks(empty),
      );
    } finally {
      empty.close();
    }
    const db = await openPanel(panelSql(2, 2));
    try {
      const helper = startInboundCheckHelper({ file: workerFile, minFileBytes: 0 }, 0);
      expect(await runChecksWithWorker(db, helper)).toEqual(runChecks(db));
      expect(helper?.rowsByWorker).toBe(0);
    } finally {
      db.close();
    }
  });
});

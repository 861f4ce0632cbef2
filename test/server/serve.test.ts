import { describe, expect, it } from 'vitest';
import { createPanelEngine } from '../../electron/app/panel-engine';
import { CONTENT_SECURITY_POLICY } from '../../electron/server/responses';
import type { BackupEntry, HistoryEntry, RunReport, StatusReport } from '../../electron/shared/reports';
import { buildFixture } from '../fixtures/build';
import { tempDir } from '../support/temp-dir';
import { APP_JS, INDEX_HTML, startTestServer } from './harness';

const fixture = async () => buildFixture('f2-tls-variants', await tempDir('paneldb-serve-fixture-'));

describe('paneldb serve, as the browser uses it', () => {
  it('previews, migrates, lists history, rolls back, lists backups and restores one by id over HTTP', async () => {
    const db = await fixture();
    const { value } = await startTestServer({ db });

    const preview = await value<RunReport>('previewMigrate');
    expect(preview).toMatchObject({ dry_run: true, saved: false, from_version: 0 });
    expect(preview.steps.length).toBeGreaterThan(0);

    const run = await value<RunReport>('migrate');
    expect(run).toMatchObject({ dry_run: false, saved: true, to_version: 5 });
    expect(run.steps.map((step) => step.version)).toEqual(preview.steps.map((step) => step.version));
    expect(run.backup?.reason).toBe('before-migrate');

    const history = await value<HistoryEntry[]>('getHistory');
    expect(history.map((entry) => entry.direction)).toContain('up');

    const rolledBack = await value<RunReport>('rollBack', { steps: 1 });
    expect(rolledBack).toMatchObject({ operation: 'rollback', saved: true });
    expect(rolledBack.to_version).toBeLessThan(5);

    const backups = await value<BackupEntry[]>('listBackups');
    const beforeMigrate = backups.find((entry) => entry.reason === 'before-migrate');
    expect(beforeMigrate).toBeDefined();

    const restored = await value<{ restored_from: string }>('restoreBackup', { backupId: beforeMigrate?.id });
    expect(restored.restored_from).toBe(beforeMigrate?.path);
    expect((await value<StatusReport>('getStatus')).current_version).toBe(0);
  });

  it('answers GET /api/status with the same StatusReport the engine gives `paneldb status --json`', async () => {
    const db = await fixture();
    const { base, server } = await startTestServer({ db });
    const response = await fetch(`${base}/api/status?token=${server.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const engine = await createPanelEngine({ dbPath: db }).getStatus();
    if (!engine.ok) throw new Error(engine.error.message);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(engine.value)));
  });

  it('answers GET /api/status with 503 and a CLI-shaped error while no database is open', async () => {
    const { base, auth } = await startTestServer();
    const response = await fetch(`${base}/api/status`, { headers: auth });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'NO_DATABASE_OPEN',
        message: expect.any(String),
        msg: { key: expect.stringMatching(/^err\./) },
      },
    });
  });

  it('answers GET /api/status with 409 when the file cannot be read any more', async () => {
    const db = await fixture();
    const { base, auth } = await startTestServer({ db });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(db, 'not a database at all, just text that is long enough to be read as a header');
    const response = await fetch(`${base}/api/status`, { headers: auth });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_SQLITE');
  });

  it('streams progress events over /api/events while a migration runs', async () => {
    const db = await fixture();
    const { base, server, call } = await startTestServer({ db });
    const abort = new AbortController();
    const events = await fetch(`${base}/api/events?token=${server.token}`, { signal: abort.signal });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body?.getReader();
    if (reader === undefined) throw new Error('no event stream body');
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain(': connected');

    expect((await call('migrate')).body.ok).toBe(true);
    while (!text.includes('"kind":"step"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    const first = /event: progress\ndata: (.+)\n\n/.exec(text)?.[1];
    expect(JSON.parse(first ?? 'null')).toMatchObject({ kind: 'step', direction: 'up' });
    abort.abort();
  });

  it('keeps an idle event stream open with comment lines', async () => {
    const { base, auth } = await startTestServer({ keepAliveMs: 30 });
    const abort = new AbortController();
    const events = await fetch(`${base}/api/events`, { headers: auth, signal: abort.signal });
    const reader = events.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (reader !== undefined && !text.includes(': keep-alive')) {
      text += decoder.decode((await reader.read()).value);
    }
    expect(text).toContain(': keep-alive\n\n');
    abort.abort();
  });

  it('takes an empty body as no arguments', async () => {
    const { base, auth } = await startTestServer();
    const response = await fetch(`${base}/api/getSession`, { method: 'POST', headers: auth });
    expect(await response.json()).toMatchObject({ ok: true, value: { mode: 'browser', database: null } });
  });

  it('answers a handler that throws with an INTERNAL Result that carries no stack', async () => {
    const { call } = await startTestServer({
      wrapHandlers: (handlers) => ({
        ...handlers,
        getHistory: () => Promise.reject(new Error('secret internals at /home/user/x-ui.db')),
      }),
    });
    const { status, body } = await call('getHistory');
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), msg: { key: expect.stringMatching(/^err\./) } },
    });
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('serves index.html at / with the strict CSP and the security headers', async () => {
    const { base } = await startTestServer();
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('serves built assets with their content type and lists no directory', async () => {
    const { base } = await startTestServer();
    const script = await fetch(`${base}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(APP_JS);
    expect((await fetch(`${base}/assets/`)).status).toBe(404);
    expect((await fetch(`${base}/assets`)).status).toBe(404);
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('says the UI is not built when the site has no index.html', async () => {
    const { base } = await startTestServer({ unbuilt: true });
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/not built.*npm run build/);
  });
});

import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../electron/shared/contract';
import type { ProgressEvent } from '../../electron/shared/reports';
import { createHttpApi, type FetchLike } from '../../renderer/src/transport/http';
import { takeToken, TOKEN_STORAGE_KEY } from '../../renderer/src/transport/token';
import { memoryStore } from '../../renderer/src/store/env';

function recordingFetch(status: number, body: unknown) {
  const requests: Array<{ url: string; init: Parameters<FetchLike>[1] }> = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, init });
    return { status, json: async () => body };
  };
  return { fetch, requests };
}

function fakeEvents() {
  const opened: string[] = [];
  const handlers: Array<(data: string) => void> = [];
  let closed = 0;
  return {
    opened,
    send: (data: string) => handlers.forEach((handler) => handler(data)),
    closed: () => closed,
    openEvents: (url: string) => {
      opened.push(url);
      return {
        onProgress: (handler: (data: string) => void) => void handlers.push(handler),
        close: () => void closed++,
      };
    },
  };
}

describe('the HTTP transport for `paneldb serve`', () => {
  it('has every contract method', () => {
    const api = createHttpApi({
      token: 't',
      fetch: recordingFetch(200, {}).fetch,
      openEvents: fakeEvents().openEvents,
    });
    for (const method of API_METHODS) expect(typeof api[method], method).toBe('function');
  });

  it('POSTs the request as JSON to /api/<method> with the bearer token', async () => {
    const { fetch, requests } = recordingFetch(200, { ok: true, value: { deleted: 'a.db' } });
    const api = createHttpApi({ token: 'abc_123', fetch, openEvents: fakeEvents().openEvents });
    expect(await api.deleteBackup({ backupId: 'a.db' })).toEqual({ ok: true, value: { deleted: 'a.db' } });
    await api.getStatus({});
    expect(requests).toEqual([
      {
        url: '/api/deleteBackup',
        init: {
          method: 'POST',
          headers: { Authorization: 'Bearer abc_123', 'Content-Type': 'application/json' },
          body: '{"backupId":"a.db"}',
        },
      },
      expect.objectContaining({ url: '/api/getStatus', init: expect.objectContaining({ body: '{}' }) }),
    ]);
  });

  it('passes an error Result through, for 4xx answers too', async () => {
    const body = { ok: false, error: { code: 'FORBIDDEN', message: 'bad token', detail: 'x' } };
    const api = createHttpApi({
      token: 't',
      fetch: recordingFetch(403, body).fetch,
      openEvents: fakeEvents().openEvents,
    });
    expect(await api.getSession({})).toEqual(body);
  });

  it("keeps an error's hint and catalog key, as IPC does (a refused rollback's Restore button, Chinese text)", async () => {
    const error = {
      code: 'ROLLBACK_REFUSED',
      message: 'Step 5 user_password_hash is irreversible and has no down.',
      hint: {
        action: 'restore-backup',
        backupId: 'x-ui.db.20261202T101853-690Z.before-migrate.db',
        refusedStep: { version: 5, name: 'user_password_hash', reason: 'irreversible' },
      },
      msg: { key: 'refuse.irreversibleRestore', params: { version: 5, name: 'user_password_hash' } },
    };
    const api = createHttpApi({
      token: 't',
      fetch: recordingFetch(409, { ok: false, error }).fetch,
      openEvents: fakeEvents().openEvents,
    });
    expect(await api.previewRollBack({ to: 4 })).toEqual({ ok: false, error });
  });

  it('drops a malformed hint or catalog key but keeps the error', async () => {
    const api = createHttpApi({
      token: 't',
      fetch: recordingFetch(409, {
        ok: false,
        error: {
          code: 'ROLLBACK_REFUSED',
          message: 'refused',
          hint: { action: 'run-this', command: 'rm -rf /' },
          msg: { key: 'refuse.x', params: { nested: { no: 1 } } },
        },
      }).fetch,
      openEvents: fakeEvents().openEvents,
    });
    expect(await api.previewRollBack({ to: 4 })).toEqual({
      ok: false,
      error: { code: 'ROLLBACK_REFUSED', message: 'refused' },
    });
  });

  it('turns a network failure into an INTERNAL Result', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const api = createHttpApi({ token: 't', fetch, openEvents: fakeEvents().openEvents });
    expect(await api.getStatus({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', detail: 'Failed to fetch' },
    });
  });

  it('turns an answer that is not a Result (HTML, unknown code) into INTERNAL', async () => {
    const html = createHttpApi({
      token: 't',
      fetch: async () => ({ status: 502, json: async () => Promise.reject(new SyntaxError('Unexpected <')) }),
      openEvents: fakeEvents().openEvents,
    });
    expect(await html.getStatus({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('502') },
    });
    const unknown = createHttpApi({
      token: 't',
      fetch: recordingFetch(500, { ok: false, error: { code: 'WHATEVER', message: 'm' } }).fetch,
      openEvents: fakeEvents().openEvents,
    });
    expect(await unknown.getStatus({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'm' },
    });
  });

  it('listens to progress over one EventSource with the token, and closes it when nobody listens', () => {
    const events = fakeEvents();
    const api = createHttpApi({
      token: 'a b',
      fetch: recordingFetch(200, {}).fetch,
      openEvents: events.openEvents,
    });
    const first: ProgressEvent[] = [];
    const second: ProgressEvent[] = [];
    const stopFirst = api.onProgress((event) => first.push(event));
    const stopSecond = api.onProgress((event) => second.push(event));
    expect(events.opened).toEqual(['/api/events?token=a%20b']);
    const step: ProgressEvent = {
      kind: 'step',
      direction: 'up',
      version: 2,
      name: 'tls_config',
      index: 0,
      total: 4,
    };
    events.send(JSON.stringify(step));
    events.send('not json');
    events.send(JSON.stringify({ kind: 'rows', version: 'x' }));
    expect(first).toEqual([step]);
    expect(second).toEqual([step]);
    stopFirst();
    expect(events.closed()).toBe(0);
    stopSecond();
    expect(events.closed()).toBe(1);
  });
});

describe('the token in the page URL', () => {
  it('is read from the fragment, kept in sessionStorage and removed from the address bar', () => {
    const storage = memoryStore();
    const replaced: string[] = [];
    const token = takeToken({
      location: { hash: '#token=XYZ-1_2', pathname: '/', search: '' },
      storage,
      replaceUrl: (url) => replaced.push(url),
    });
    expect(token).toBe('XYZ-1_2');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('XYZ-1_2');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters and the query', () => {
    const replaced: string[] = [];
    takeToken({
      location: { hash: '#token=T&tab=history', pathname: '/index.html', search: '?a=1' },
      storage: null,
      replaceUrl: (url) => replaced.push(url),
    });
    expect(replaced).toEqual(['/index.html?a=1#tab=history']);
  });

  it('after a reload comes from sessionStorage, without touching the URL', () => {
    const replaced: string[] = [];
    const token = takeToken({
      location: { hash: '', pathname: '/', search: '' },
      storage: memoryStore({ [TOKEN_STORAGE_KEY]: 'SAVED' }),
      replaceUrl: (url) => replaced.push(url),
    });
    expect(token).toBe('SAVED');
    expect(replaced).toEqual([]);
  });
});

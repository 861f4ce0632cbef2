import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../electron/shared/result';
import { message } from '../../electron/shared/i18n';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { backup, demoSession, historyEntry, preview } from './fake-data';

describe('the session slice', () => {
  it('starts on the start screen when no database is open, without reading anything else', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().init();
    expect(store.getState().session?.database).toBeNull();
    expect(api.calls.map((call) => call.method)).toEqual(['getSession']);
    expect(store.getState().activity).toEqual([]);
  });

  it('opening the demo loads status, history, backups, then the health checks and the full integrity check', async () => {
    const api = fakeApi({
      getHistory: () => ok([historyEntry(1, 1)]),
      listBackups: () => ok([backup('a.db')]),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    const state = store.getState();
    expect(state.session?.database).toMatchObject({ name: 'x-ui.db', demo: true });
    expect(state.status?.current_version).toBe(0);
    expect(state.history).toHaveLength(1);
    expect(state.backups.map((entry) => entry.id)).toEqual(['a.db']);
    expect(state.repairReport?.recommendation.action).toBe('migrate');
    expect(new Set(api.calls.map((call) => call.method))).toEqual(
      // inspectBackup: each listed backup is read lazily for the Backups tab (issue 14B).
      new Set([
        'openDemo',
        'getStatus',
        'getHistory',
        'listBackups',
        'repair',
        'runChecks',
        'checkIntegrity',
        'listActivity',
        'inspectBackup',
      ]),
    );
    // Status first; the slow reads follow it.
    const methods = api.calls.map((call) => call.method);
    expect(methods.indexOf('runChecks')).toBeGreaterThan(methods.indexOf('getStatus'));
    expect(methods.indexOf('checkIntegrity')).toBeGreaterThan(methods.indexOf('runChecks'));
    expect(state.healthChecks?.summary).toBeDefined();
    expect(state.fullIntegrity).toBe('ok');
    expect(state.activity[0]).toMatchObject({
      operation: 'open',
      outcome: 'ok',
      message: { key: 'activity.opened', params: { name: 'x-ui.db' } },
    });
    expect(state.busy).toBeNull();
    expect(state.loading).toBe(false);
  });

  it('an error Result lands in the error state with its code, and in the activity log', async () => {
    const api = fakeApi({
      openDatabase: () =>
        fail(
          'NOT_A_PANEL_DATABASE',
          message('err.open.notPanel', { path: '/srv/other.db', tables: 'foo, bar' }),
          'tables: foo, bar',
        ),
    });
    const store = createAppStore(api);
    await store.getState().openDatabase();
    const state = store.getState();
    expect(state.error).toEqual({
      code: 'NOT_A_PANEL_DATABASE',
      message:
        '/srv/other.db is a SQLite database but not an X-Panel/3x-ui panel database (tables: foo, bar).',
      detail: 'tables: foo, bar',
      msg: { key: 'err.open.notPanel', params: { path: '/srv/other.db', tables: 'foo, bar' } },
    });
    expect(state.errorOperation).toBe('open');
    expect(state.activity[0]).toMatchObject({ outcome: 'error', error: { code: 'NOT_A_PANEL_DATABASE' } });
    expect(state.session).toBeNull();
    state.dismissError();
    expect(store.getState().error).toBeNull();
    expect(store.getState().activity).toHaveLength(1);
  });

  it('turns a transport that throws into an INTERNAL error instead of an unhandled rejection', async () => {
    const api = fakeApi({
      openDemo: () => {
        throw new Error('socket hang up');
      },
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    expect(store.getState().error).toMatchObject({ code: 'INTERNAL', message: 'socket hang up' });
    expect(store.getState().busy).toBeNull();
  });

  it('opening another database forgets the previous file’s preview, run report and tab', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().loadPreview();
    store.getState().setTab('pending');
    expect(store.getState().preview).not.toBeNull();
    await store.getState().openRecent('r1');
    expect(store.getState().session?.database?.folder).toBe('/srv/x-ui');
    expect(store.getState().preview).toBeNull();
    expect(store.getState().tab).toBe('overview');
  });

  it('keeps everything when the native open dialog is cancelled (same database comes back)', async () => {
    const api = fakeApi({ openDatabase: () => ok(demoSession()) });
    const store = createAppStore(api);
    await store.getState().openDemo();
    store.getState().setTab('pending');
    store.setState({ preview: preview() });
    const logged = store.getState().activity.length;
    await store.getState().openDatabase();
    expect(store.getState().tab).toBe('pending');
    expect(store.getState().preview).not.toBeNull();
    expect(store.getState().activity).toHaveLength(logged);
  });

  it('follows a database opened from the desktop menu, a drop or the command line', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().init();
    for (const listener of api.sessionListeners) listener(ok(demoSession()));
    await vi.waitFor(() => expect(store.getState().status).not.toBeNull());
    expect(store.getState().session?.database?.name).toBe('x-ui.db');
    for (const listener of api.sessionListeners)
      listener(fail('NOT_SQLITE', message('err.sqlite.notSqlite', { path: 'dropped.txt' })));
    await vi.waitFor(() => expect(store.getState().error?.code).toBe('NOT_SQLITE'));
    expect(store.getState().session?.database?.name).toBe('x-ui.db');
    store.dispose();
    expect(api.sessionListeners.size).toBe(0);
  });
});

import type { StepReport } from '../../electron/shared/reports';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../electron/shared/reports';
import { fail, ok } from '../../electron/shared/result';
import { message } from '../../electron/shared/i18n';
import { createAppStore, type AppState } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { migrated, preview, status } from './fake-data';

describe('migrating from the store', () => {
  it('asking to migrate loads the preview and confirms the exact steps before anything runs', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    expect(store.getState().confirm).toEqual({
      kind: 'migrate',
      from: 0,
      to: 5,
      steps: [
        { version: 1, name: 'init_schema', rows: 0 },
        { version: 2, name: 'tls_config', rows: 1 },
        { version: 3, name: 'xhttp_flow', rows: 1 },
        { version: 4, name: 'reality_target', rows: 1 },
      ],
    });
    expect(api.callsTo('previewMigrate')).toEqual([{ xhttpFlow: 'safe' }]);
    expect(api.callsTo('migrate')).toEqual([]);
  });

  it('the confirm question carries the triggers a step sets off and what they changed', async () => {
    const triggered = preview();
    const [first, second, ...rest] = triggered.steps;
    if (first === undefined || second === undefined) throw new Error('fake preview changed');
    const triggers = [{ name: 'wipe_traffic', table: 'inbounds' }];
    const effects = [{ table: 'client_traffics', rows_before: 3, rows_after: 0 }];
    const api = fakeApi({
      previewMigrate: () =>
        ok({ ...triggered, steps: [first, { ...second, triggers, trigger_effects: effects }, ...rest] }),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    const confirm = store.getState().confirm;
    expect(confirm?.kind === 'migrate' ? confirm.steps[1] : null).toEqual({
      version: 2,
      name: 'tls_config',
      rows: 1,
      triggers,
      trigger_effects: effects,
    });
  });

  it('cancelling the confirm dialog runs nothing', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    store.getState().cancelConfirm();
    expect(store.getState().confirm).toBeNull();
    expect(api.callsTo('migrate')).toEqual([]);
  });

  it('shows progress while migrating, then the run report, and reads status, history and backups again', async () => {
    const seen: Array<AppState['progress']> = [];
    let release: (report: RunReport) => void = () => undefined;
    const api = fakeApi({
      migrate: () =>
        new Promise((resolve) => {
          release = (report) => resolve(ok(report));
        }),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    const before = api.callsTo('getStatus').length;
    const running = store.getState().acceptConfirm();
    await Promise.resolve();
    expect(store.getState().confirm).toBeNull();
    expect(store.getState().busy).toBe('migrate');
    seen.push(store.getState().progress);
    api.emit({ kind: 'step', direction: 'up', version: 2, name: 'tls_config', index: 1, total: 4 });
    seen.push(store.getState().progress);
    api.emit({ kind: 'rows', version: 2, done: 1, total: 2 });
    seen.push(store.getState().progress);
    release(migrated());
    await running;

    expect(seen).toEqual([
      { operation: 'migrate', step: null, rows: null },
      {
        operation: 'migrate',
        step: { direction: 'up', version: 2, name: 'tls_config', index: 1, total: 4 },
        rows: null,
      },
      {
        operation: 'migrate',
        step: { direction: 'up', version: 2, name: 'tls_config', index: 1, total: 4 },
        rows: { version: 2, done: 1, total: 2 },
      },
    ]);
    const state = store.getState();
    expect(api.callsTo('migrate')).toEqual([{ to: 5, xhttpFlow: 'safe' }]);
    expect(state.progress).toBeNull();
    expect(state.busy).toBeNull();
    expect(state.lastRun?.saved).toBe(true);
    expect(state.preview).toBeNull();
    expect(api.callsTo('getStatus').length).toBe(before + 1);
    expect(api.callsTo('getHistory').length).toBe(2);
    expect(api.callsTo('listBackups').length).toBe(2);
    expect(state.activity[0]).toMatchObject({
      operation: 'migrate',
      outcome: 'ok',
      message: { key: 'activity.migrated', params: { from: 0, to: 5, steps: 4 } },
    });
  });

  it('ignores progress events when nothing is running', () => {
    const api = fakeApi();
    const store = createAppStore(api);
    api.emit({ kind: 'rows', version: 2, done: 1, total: 2 });
    expect(store.getState().progress).toBeNull();
  });

  it('a failed migration shows its code, keeps no run report, and still refreshes', async () => {
    const api = fakeApi({
      migrate: () =>
        fail(
          'MIGRATION_FAILED',
          message('err.migration.stepFailed', { version: 3, name: 'xhttp_flow', reason: 'bad JSON' }),
          'inbounds #2: bad JSON',
        ),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().migrate(5);
    const state = store.getState();
    expect(state.error?.code).toBe('MIGRATION_FAILED');
    expect(state.errorOperation).toBe('migrate');
    expect(state.lastRun).toBeNull();
    expect(state.progress).toBeNull();
    expect(api.callsTo('getStatus').length).toBe(2);
  });

  it('runs one write at a time: a second migrate while one runs is ignored', async () => {
    let release: () => void = () => undefined;
    const api = fakeApi({
      migrate: () => new Promise((resolve) => (release = () => resolve(ok(migrated())))),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    const first = store.getState().migrate();
    await store.getState().migrate();
    release();
    await first;
    expect(api.callsTo('migrate')).toHaveLength(1);
  });

  it('says there is nothing to migrate instead of opening an empty dialog', async () => {
    const api = fakeApi({ previewMigrate: () => ok({ ...migrated(), dry_run: true, steps: [] }) });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    expect(store.getState().confirm).toBeNull();
    expect(store.getState().activity[0]?.message?.key).toBe('activity.nothingToMigrate');
  });

  it('rolling back confirms the steps the engine says it will undo and sends the same request', async () => {
    const api = fakeApi({
      previewRollBack: () =>
        ok({
          ...migrated(),
          operation: 'rollback',
          dry_run: true,
          saved: false,
          from_version: 5,
          to_version: 2,
          steps: [5, 4, 3].map((version) => ({
            ...(migrated().steps[0] as StepReport),
            version,
            name: `step${version}`,
          })),
        }),
      getStatus: () =>
        ok(
          status({
            current_version: 5,
            pending_count: 0,
            pending: [],
            applied: [1, 2, 3, 4, 5].map((version) => ({
              version,
              name: `step${version}`,
              source: 'schema_migrations',
              applied_at: null,
              duration_ms: null,
            })),
          }),
        ),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askRollBack({ to: 2 });
    expect(api.callsTo('previewRollBack')).toEqual([{ to: 2 }]);
    expect(store.getState().confirm).toMatchObject({
      kind: 'rollback',
      from: 5,
      steps: [
        { version: 5, name: 'step5' },
        { version: 4, name: 'step4' },
        { version: 3, name: 'step3' },
      ],
    });
    await store.getState().acceptConfirm();
    expect(api.callsTo('rollBack')).toEqual([{ to: 2 }]);
    expect(store.getState().lastRun?.operation).toBe('rollback');
    store.getState().dismissRunReport();
    expect(store.getState().lastRun).toBeNull();
  });
});

// A fake WindowApi for the store's tests: canned answers per method (overridable), a record of
// every call, and a way to push progress events as the engine would.
import type {
  ApiMethod,
  ApiRequest,
  ApiResponses,
  ProgressListener,
  SessionChangedListener,
  WindowApi,
} from '../../electron/shared/contract';
import type { ProgressEvent } from '../../electron/shared/reports';
import { ok, type Result } from '../../electron/shared/result';
import {
  backup,
  checkReport,
  demoSession,
  migrated,
  noDatabase,
  preview,
  repairReport,
  review,
  status,
} from './fake-data';
import { recoverReport, walTimeline } from './fake-recover';

type Handler<M extends ApiMethod> = (
  request: ApiRequest<M>,
) => Result<ApiResponses[M]> | Promise<Result<ApiResponses[M]>>;
export type Handlers = { [M in ApiMethod]: Handler<M> };

export interface FakeApi extends WindowApi {
  calls: Array<{ method: ApiMethod; request: unknown }>;
  callsTo(method: ApiMethod): unknown[];
  emit(event: ProgressEvent): void;
  listeners: Set<ProgressListener>;
  sessionListeners: Set<SessionChangedListener>;
}

export function fakeApi(overrides: Partial<Handlers> = {}): FakeApi {
  const defaults: Handlers = {
    getSession: () => ok(noDatabase),
    openDatabase: () => ok(noDatabase),
    openRecent: () => ok(demoSession('/srv/x-ui')),
    openDemo: () => ok(demoSession()),
    getStatus: () => ok(status()),
    previewMigrate: () => ok(preview()),
    migrate: () => ok(migrated()),
    rollBack: () => ok({ ...migrated(), operation: 'rollback', from_version: 5, to_version: 4, steps: [] }),
    getHistory: () => ok([]),
    listBackups: () => ok([]),
    createBackup: () => ok(backup('x-ui.db.manual.db', { reason: 'manual' })),
    verifyBackup: ({ backupId }) =>
      ok({
        path: `/b/${backupId}`,
        ok: true,
        status: 'verified',
        origin: 'paneldb',
        checks: [],
        metadata: null,
      }),
    inspectBackup: ({ backupId }) =>
      ok({
        backup: {
          id: backupId,
          readable: true,
          generation: 'v7.5.9-or-later',
          version_state: { current_version: 5, applied: [1, 2, 3, 4, 5], dirty: false },
          counts: { inbounds: 2, clients: 3, users: 1 },
          panel_can_start: true,
          problems: [],
          missing_tables: [],
        },
        current: {
          id: null,
          readable: true,
          generation: 'v7.5.9-or-later',
          version_state: { current_version: 5, applied: [1, 2, 3, 4, 5], dirty: false },
          counts: { inbounds: 2, clients: 3, users: 1 },
          panel_can_start: true,
          problems: [],
          missing_tables: [],
        },
        risks: [],
      }),
    compareBackup: ({ backupId }) =>
      ok({ backup_id: backupId, changes: [], only_current: {}, only_backup: {}, truncated: false }),
    closeDatabase: () => ok(noDatabase),
    restoreBackup: ({ backupId }) =>
      ok({
        database: '/tmp/paneldb-demo-1/x-ui.db',
        restored_from: `/b/${backupId}`,
        verification: {
          path: `/b/${backupId}`,
          ok: true,
          status: 'verified',
          origin: 'paneldb',
          checks: [],
          metadata: null,
        },
        safety_backup: '/tmp/paneldb-demo-1/x-ui.db.backups/x-ui.db.safety.db',
        moved_aside: [],
      }),
    deleteBackup: ({ backupId }) => ok({ deleted: backupId }),
    repair: () => ok(repairReport()),
    runChecks: () => ok(checkReport()),
    checkIntegrity: () =>
      ok({ database: '/tmp/paneldb-demo-1/x-ui.db', integrity: 'ok', integrity_check: 'full' }),
    previewFix: () => ok({ ...preview(), operation: 'fix' }),
    applyFix: () => ok({ ...migrated(), operation: 'fix' }),
    revertFix: () => ok({ ...migrated(), operation: 'revert-fix' }),
    addMigrationsFolder: () => ok(noDatabase),
    removeMigrationsFolder: () => ok(noDatabase),
    reviewMigrations: () => ok(review()),
    previewRollBack: () =>
      ok({
        ...migrated(),
        operation: 'rollback',
        dry_run: true,
        saved: false,
        from_version: 5,
        to_version: 4,
        steps: [],
      }),
    setPassword: () => ok({ ...migrated(), operation: 'set-password' }),
    listActivity: () => ok([]),
    listWalCommits: () => ok(walTimeline()),
    recoverDatabase: () => ok(recoverReport()),
    openRecoveredDatabase: () =>
      ok({
        ...demoSession('/srv/x-ui'),
        database: {
          name: 'x-ui.recovered-20261202T063000Z.db',
          folder: '/srv/x-ui',
          demo: false,
          limited: null,
        },
      }),
  };
  const handlers = { ...defaults, ...overrides } as Handlers;
  const calls: FakeApi['calls'] = [];
  const listeners = new Set<ProgressListener>();
  const sessionListeners = new Set<SessionChangedListener>();
  const method =
    <M extends ApiMethod>(name: M) =>
    async (request: ApiRequest<M>) => {
      calls.push({ method: name, request });
      return (handlers[name] as Handler<M>)(request);
    };
  const api = Object.fromEntries(
    (Object.keys(defaults) as ApiMethod[]).map((name) => [name, method(name)]),
  ) as unknown as WindowApi;
  return Object.assign(api, {
    calls,
    listeners,
    callsTo: (name: ApiMethod) => calls.filter((call) => call.method === name).map((call) => call.request),
    emit: (event: ProgressEvent) => listeners.forEach((listener) => listener(event)),
    onProgress: (listener: ProgressListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    sessionListeners,
    onSessionChanged: (listener: SessionChangedListener) => {
      sessionListeners.add(listener);
      return () => void sessionListeners.delete(listener);
    },
  });
}

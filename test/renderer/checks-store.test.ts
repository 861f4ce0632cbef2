// Issue 8 in the store: migration 3's mode in the migrate question, and a Fix… per fixable check
// that dry-runs the fix, asks with the rows it would change, and applies it only when accepted.
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../electron/shared/result';
import { createAppStore } from '../../renderer/src/store';
import { fakeApi } from './fake-api';
import { checksSection, preview, status } from './fake-data';

describe('checks and fixes from the store', () => {
  it('sends the chosen migration-3 mode with the preview and the migrate, and recomputes an open question', async () => {
    const api = fakeApi();
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askMigrate();
    expect(store.getState().xhttpFlow).toBe('safe');
    await store.getState().setXhttpFlow('panel');
    expect(api.callsTo('previewMigrate')).toEqual([{ xhttpFlow: 'safe' }, { xhttpFlow: 'panel' }]);
    expect(store.getState().confirm?.kind).toBe('migrate');
    await store.getState().acceptConfirm();
    expect(api.callsTo('migrate')).toEqual([{ to: 5, xhttpFlow: 'panel' }]);
  });

  it('asking to fix a check previews the fix, lists the rows it would change, and applies it only when accepted', async () => {
    const fixPreview = {
      ...preview(),
      operation: 'fix' as const,
      steps: [
        {
          direction: 'up' as const,
          status: 'applied' as const,
          duration_ms: 3,
          skipped: [],
          notes: [],
          hash_before: {},
          hash_after: {},
          version: 0,
          name: 'traffic.missing-row',
          rows_changed: 1,
          changes: [
            {
              table: 'client_traffics',
              rowid: 7,
              column: '*',
              label: 'x7Kp2QaZ',
              before: null,
              after: '{}',
              json_changes: null,
            },
          ],
        },
      ],
    };
    const api = fakeApi({ previewFix: () => ({ ok: true, value: fixPreview }) });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askFix('traffic.missing-row');
    expect(api.callsTo('previewFix')).toEqual([{ checkId: 'traffic.missing-row' }]);
    expect(store.getState().confirm).toMatchObject({
      kind: 'fix',
      checkId: 'traffic.missing-row',
      title: 'Clients without a client_traffics row',
      rows: [{ table: 'client_traffics', rowid: 7, label: 'x7Kp2QaZ' }],
    });
    expect(api.callsTo('applyFix')).toEqual([]);
    await store.getState().acceptConfirm();
    expect(api.callsTo('applyFix')).toEqual([{ checkId: 'traffic.missing-row' }]);
    expect(store.getState().activity[0]?.message?.key).toBe('activity.fixed');
  });

  it('does not ask when the fix would change nothing, or for a check without a fix', async () => {
    const api = fakeApi({
      previewFix: () => ({ ok: true, value: { ...preview(), operation: 'fix', steps: [] } }),
      getStatus: () => ({ ok: true, value: status() }),
    });
    const store = createAppStore(api);
    await store.getState().openDemo();
    await store.getState().askFix('traffic.missing-row');
    expect(store.getState().confirm).toBeNull();
    expect(store.getState().activity[0]?.message?.key).toBe('activity.nothingToFix');
    await store.getState().askFix('reality.target-invalid');
    expect(api.callsTo('previewFix')).toHaveLength(1);
  });

  it('shows status before the health checks and the full integrity check, which say "checking" until they answer', async () => {
    let answerChecks: () => void = () => undefined;
    const api = fakeApi({
      getStatus: () => ok(status({ checks: null })),
      runChecks: () =>
        new Promise((resolve) => {
          answerChecks = () => resolve(ok({ database: 'x', ...checksSection() }));
        }),
      checkIntegrity: () =>
        ok({ database: 'x', integrity: ['row 3 missing from index'], integrity_check: 'full' }),
    });
    const store = createAppStore(api);
    const opening = store.getState().openDemo();
    await vi.waitFor(() => expect(store.getState().healthLoading).toBe(true));
    expect(store.getState().status?.integrity_check).toBe('quick');
    expect(store.getState().healthChecks).toBeNull();
    expect(store.getState().fullIntegrity).toBeNull();
    answerChecks();
    await opening;
    expect(store.getState().healthChecks?.summary.warning).toBe(1);
    expect(store.getState().fullIntegrity).toEqual(['row 3 missing from index']);
    expect(store.getState().integrityLoading).toBe(false);
  });
});

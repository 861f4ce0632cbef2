import { describe, expect, it } from 'vitest';
import { nextAction, rollbackPlan } from '../../renderer/src/store/plans';
import { backup, historyEntry, repairReport, status } from './fake-data';

const applied = (...versions: number[]) =>
  status({
    applied: versions.map((version) => ({
      version,
      name: `step${version}`,
      source: 'schema_migrations',
      applied_at: null,
      duration_ms: null,
    })),
  });

describe('which steps a roll back undoes (the engine’s rule, named before it runs)', () => {
  it('rolls back to a version: every applied step above it, highest first', () => {
    expect(rollbackPlan(applied(1, 2, 3, 5), [], { to: 1 }).map((step) => step.version)).toEqual([5, 3, 2]);
  });

  it('one step: the step PanelDB applied most recently, not simply the highest', () => {
    const history = [historyEntry(1, 5), historyEntry(2, 2), historyEntry(3, 3)];
    expect(rollbackPlan(applied(2, 3, 5), history, { steps: 1 })).toEqual([{ version: 3, name: 'step3' }]);
    expect(rollbackPlan(applied(2, 3, 5), history, { steps: 2 }).map((step) => step.version)).toEqual([3, 2]);
  });

  it('skips steps whose latest log entry is a down', () => {
    const history = [historyEntry(1, 2), historyEntry(2, 3), historyEntry(3, 3, 'down')];
    expect(rollbackPlan(applied(2, 3), history, { steps: 1 }).map((step) => step.version)).toEqual([2]);
  });

  it('on a file PanelDB never migrated, the highest applied step', () => {
    expect(rollbackPlan(applied(1, 5), [], { steps: 1 }).map((step) => step.version)).toEqual([5]);
  });
});

describe('the one recommended next action', () => {
  it('migrates to the latest version when steps are pending', () => {
    expect(nextAction(status(), repairReport(), [])).toEqual({ kind: 'migrate', to: 5 });
  });

  it('repairs first when the file is dirty, to the version the data is at', () => {
    const report = repairReport({
      dirty: true,
      dirty_version: 3,
      data_version: 2,
      recommendation: { action: 'force-version', version: 2, backup: null, reason: 'Force version 2' },
    });
    expect(nextAction(status({ dirty: true, dirty_version: 3 }), report, [])).toEqual({
      kind: 'repair',
      version: 2,
    });
  });

  it('restores the recommended backup, named by its id', () => {
    const entry = backup('x-ui.db.backup.1700000000', { origin: 'panel' });
    const report = repairReport({
      recommendation: { action: 'restore-backup', version: null, backup: entry.path, reason: 'tables gone' },
    });
    expect(nextAction(status(), report, [entry])).toEqual({ kind: 'restore', backupId: entry.id });
    expect(nextAction(status(), report, [])).toEqual({ kind: 'checks' });
  });

  it('does nothing to a file from a newer panel, and nothing when all is applied', () => {
    expect(nextAction(status({ newer_version: 7 }), null, [])).toEqual({ kind: 'newer', version: 7 });
    const done = status({ pending_count: 0, pending: [] });
    expect(
      nextAction(
        done,
        repairReport({ recommendation: { action: 'none', version: null, backup: null, reason: '' } }),
        [],
      ),
    ).toEqual({ kind: 'none' });
    expect(nextAction(status({ integrity: ['page 3: bad'], pending_count: 0 }), null, [])).toEqual({
      kind: 'checks',
    });
  });
});

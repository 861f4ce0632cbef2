import { describe, expect, it } from 'vitest';
import { nextAction } from '../../renderer/src/store/plans';
import { backup, repairReport, status } from './fake-data';

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

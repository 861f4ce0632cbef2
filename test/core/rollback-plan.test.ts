// Which steps a roll back undoes is the engine's rule alone: the confirm dialog shows what
// previewRollBack answers (test/renderer/store-over-engine.test.ts walks it over the real engine).
import { describe, expect, it } from 'vitest';
import { chooseRollbackVersions } from '../../electron/core/rollback';
import type { HistoryEntry, RollbackRequest } from '../../electron/shared/reports';
import { historyEntry } from '../renderer/fake-data';

const applied = (...versions: number[]) => new Set(versions);
const plan = (versions: Set<number>, history: HistoryEntry[], request: RollbackRequest) =>
  chooseRollbackVersions(versions, history, request, 5);

describe('which steps a roll back undoes (the engine’s rule, named before it runs)', () => {
  it('rolls back to a version: every applied step above it, highest first', () => {
    expect(plan(applied(1, 2, 3, 5), [], { to: 1 })).toEqual([5, 3, 2]);
  });

  it('one step: the step PanelDB applied most recently, not simply the highest', () => {
    const history = [historyEntry(1, 5), historyEntry(2, 2), historyEntry(3, 3)];
    expect(plan(applied(2, 3, 5), history, { steps: 1 })).toEqual([3]);
    expect(plan(applied(2, 3, 5), history, { steps: 2 })).toEqual([3, 2]);
  });

  it('skips steps whose latest log entry is a down', () => {
    const history = [historyEntry(1, 2), historyEntry(2, 3), historyEntry(3, 3, 'down')];
    expect(plan(applied(2, 3), history, { steps: 1 })).toEqual([2]);
  });

  it('on a file PanelDB never migrated, the highest applied step', () => {
    expect(plan(applied(1, 5), [], { steps: 1 })).toEqual([5]);
  });
});

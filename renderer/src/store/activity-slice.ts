// What happened and what is happening: the activity log (kept as data, rendered in the chosen
// language), the error on display, the operation in flight and its progress from ProgressEvents.
import type { ProgressEvent } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/result';
import type { Message } from '../i18n';
import type { SliceDeps } from './state';

export type Operation =
  | 'open'
  | 'load'
  | 'preview'
  | 'migrate'
  | 'rollBack'
  | 'createBackup'
  | 'verifyBackup'
  | 'restoreBackup'
  | 'deleteBackup'
  | 'repair'
  | 'forceVersion'
  | 'previewFix'
  | 'fix'
  | 'migrationsFolder'
  | 'review'
  | 'setPassword'
  | 'revertFix';

export interface ActivityEntry {
  id: number;
  at: string;
  operation: Operation;
  outcome: 'ok' | 'error' | 'info';
  message: Message | null;
  error: AppError | null;
}

export interface StepProgress {
  direction: 'up' | 'down';
  version: number;
  name: string;
  index: number;
  total: number;
}

export interface ProgressState {
  operation: Operation;
  step: StepProgress | null;
  rows: { version: number; done: number; total: number } | null;
}

export interface ActivitySlice {
  activity: ActivityEntry[];
  error: AppError | null;
  errorOperation: Operation | null;
  busy: Operation | null;
  progress: ProgressState | null;
  log(operation: Operation, outcome: 'ok' | 'info', message: Message): void;
  fail(operation: Operation, error: AppError): void;
  dismissError(): void;
  startProgress(operation: Operation): void;
  applyProgress(event: ProgressEvent): void;
  finishProgress(): void;
}

/** The log keeps this many entries, newest first. */
export const ACTIVITY_LIMIT = 200;

export function createActivitySlice({ set, env }: SliceDeps): ActivitySlice {
  let nextId = 1;
  const push = (entry: Omit<ActivityEntry, 'id' | 'at'>) =>
    set((state) => ({
      activity: [{ ...entry, id: nextId++, at: env.now().toISOString() }, ...state.activity].slice(
        0,
        ACTIVITY_LIMIT,
      ),
    }));
  return {
    activity: [],
    error: null,
    errorOperation: null,
    busy: null,
    progress: null,
    log: (operation, outcome, message) => push({ operation, outcome, message, error: null }),
    fail: (operation, error) => {
      set({ error, errorOperation: operation });
      push({ operation, outcome: 'error', message: null, error });
    },
    dismissError: () => set({ error: null, errorOperation: null }),
    startProgress: (operation) => set({ progress: { operation, step: null, rows: null } }),
    applyProgress: (event) =>
      set((state) => {
        if (state.progress === null) return {};
        if (event.kind === 'step') {
          const { direction, version, name, index, total } = event;
          return {
            progress: { ...state.progress, step: { direction, version, name, index, total }, rows: null },
          };
        }
        return {
          progress: {
            ...state.progress,
            rows: { version: event.version, done: event.done, total: event.total },
          },
        };
      }),
    finishProgress: () => set({ progress: null }),
  };
}

// Runs engine operations either in this thread (tests, CLI) or in a worker thread (the desktop app
// and `paneldb serve`), so loading a 300 MB file or hashing passwords never blocks the event loop
// that paints the window or answers HTTP. Both runners take the same calls and return Results.
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '../shared/reports';
import { fail, type Result } from '../shared/result';
import { createPanelEngine } from './panel-engine';
import type { Engine } from '../core/index';
import { message, type KeyedText } from '../shared/i18n';

/** The engine operations a UI session uses; each takes at most one argument. */
export type EngineOperation =
  | 'getStatus'
  | 'checkIntegrity'
  | 'listBackups'
  | 'createBackup'
  | 'previewMigrate'
  | 'migrate'
  | 'rollBack'
  | 'getHistory'
  | 'restoreBackupById'
  | 'verifyBackupById'
  | 'deleteBackup'
  | 'repair'
  | 'check'
  | 'previewFix'
  | 'applyFix'
  | 'revertFix'
  | 'checkRoundTrip'
  | 'previewRollBack'
  | 'setPassword'
  | 'listActivity'
  // issue 14B
  | 'inspectBackup'
  | 'compareBackup'
  | 'listWalCommits'
  | 'recoverInto'
  | 'fingerprintFile';

type Awaited2<T> = T extends Promise<infer U> ? U : T;
export type EngineResult<O extends EngineOperation> = Awaited2<ReturnType<Engine[O]>>;
export type EngineArgument<O extends EngineOperation> = Parameters<Engine[O]>[0];

export interface EngineTarget {
  dbPath: string;
  backupDir?: string;
  /** The session's golang-migrate folder, read afresh by every call. */
  migrationsDir?: string;
}

export interface EngineRunner {
  run<O extends EngineOperation>(
    target: EngineTarget,
    operation: O,
    argument: EngineArgument<O>,
    onProgress?: (event: ProgressEvent) => void,
  ): Promise<EngineResult<O>>;
  close(): Promise<void>;
}

/** Calls the engine directly. */
export function inProcessRunner(): EngineRunner {
  return {
    async run(target, operation, argument, onProgress) {
      const engine = createPanelEngine({ ...target, onProgress });
      const method = engine[operation] as (argument: unknown) => Promise<unknown>;
      return (await method(argument)) as never;
    },
    async close() {},
  };
}

export interface WorkerRequest {
  id: number;
  target: EngineTarget;
  operation: EngineOperation;
  argument: unknown;
}

export type WorkerMessage =
  | { id: number; kind: 'progress'; event: ProgressEvent }
  | { id: number; kind: 'result'; result: Result<unknown> };

/** Runs each call in one long-lived worker thread (`dist/node/engine-worker.js`). */
export function workerRunner(workerFile: string): EngineRunner {
  const worker = new Worker(workerFile);
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (result: Result<unknown>) => void; onProgress?: (event: ProgressEvent) => void }
  >();
  const failAll = (text: KeyedText) => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve(fail('INTERNAL', text));
    }
  };
  worker.on('message', (message: WorkerMessage) => {
    const call = pending.get(message.id);
    if (call === undefined) return;
    if (message.kind === 'progress') call.onProgress?.(message.event);
    else {
      pending.delete(message.id);
      call.resolve(message.result);
    }
  });
  worker.on('error', (error) => failAll(message('err.worker.stopped', { reason: error.message })));
  worker.on('exit', (code) => failAll(message('err.worker.exited', { code })));
  return {
    run(target, operation, argument, onProgress) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as (result: Result<unknown>) => void, onProgress });
        const request: WorkerRequest = { id, target, operation, argument };
        worker.postMessage(request);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

// The worker thread side of workerRunner: one engine call per message, progress streamed back.
import { parentPort } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './engine-runner';
import type { Result } from '../shared/result';
import { toFailure, warmUpSqlJs } from '../core/index';
import { createPanelEngine } from './panel-engine';

const port = parentPort;
if (port === null) throw new Error('engine-worker must run in a worker thread');

// Before the first request arrives (messages queue behind it): the first open is then warm.
void warmUpSqlJs().catch(() => undefined);

port.on('message', (request: WorkerRequest) => {
  const engine = createPanelEngine({
    ...request.target,
    onProgress: (event) =>
      port.postMessage({ id: request.id, kind: 'progress', event } satisfies WorkerMessage),
  });
  const method = engine[request.operation] as (argument: unknown) => Promise<Result<unknown>>;
  method(request.argument)
    .catch((thrown: unknown) => toFailure(thrown))
    .then((result) => port.postMessage({ id: request.id, kind: 'result', result } satisfies WorkerMessage));
});

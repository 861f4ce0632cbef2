// The worker thread side of inbound-check-pool.ts: parses inbound rows the engine's thread read into
// shared memory and runs each one's own rules, claiming queue positions from the counter both threads
// share, until the engine's thread says how many rows there are and none is left.
import { parentPort, workerData } from 'node:worker_threads';
import { factsOfRowBytes, type WorkerAnswer, type WorkerRequest } from './inbound-check-pool';
import type { InboundRowBytes } from './inbound-scan';

const port = parentPort;
if (port === null) throw new Error('inbound-check-worker must run in a worker thread');
const { claims } = workerData as { claims: Int32Array };

const received: InboundRowBytes[] = [];
let total: number | undefined;
/** The position this thread claimed and has not parsed yet (its row may not have arrived). */
let claimed: number | undefined;

function factsOf(row: InboundRowBytes): ReturnType<typeof factsOfRowBytes> {
  try {
    return factsOfRowBytes(row);
  } catch {
    // Whatever went wrong here goes wrong (and is reported) the same way in the engine's thread.
    return null;
  }
}

function post(answer: WorkerAnswer): void {
  try {
    port?.postMessage(answer);
  } catch {
    // A value nested too deep to copy between threads: such a row is read again in the engine's thread.
    if ('answers' in answer)
      port?.postMessage({
        answers: answer.answers.map(([position, facts]) => {
          try {
            structuredClone(facts);
            return [position, facts];
          } catch {
            return [position, null];
          }
        }),
      } satisfies WorkerAnswer);
  }
}

/** Parses every claimable row that has arrived; says done once the queue is known and used up. */
function work(): void {
  const answers: Array<[number, ReturnType<typeof factsOf>]> = [];
  for (;;) {
    claimed ??= Atomics.add(claims, 0, 1);
    const row = received[claimed];
    if (row === undefined) break;
    answers.push([claimed, factsOf(row)]);
    claimed = undefined;
  }
  if (answers.length > 0) post({ answers });
  if (total !== undefined && (claimed ?? 0) >= total) post({ done: true });
}

port.on('message', (request: WorkerRequest) => {
  if ('rows' in request) received.push(...request.rows);
  else total = request.total;
  work();
});
port.postMessage({ ready: true } satisfies WorkerAnswer);

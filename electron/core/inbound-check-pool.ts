// The inbounds' own rules on two threads (issue 16: at 100 MB `check` spends most of its time in
// JSON.parse and the Go-compatibility proof of ~60 MB of inbound JSON, which one thread cannot do in
// under a second). The engine's thread reads every row; past the first MB it copies each row's bytes
// into shared memory for a worker (inbound-check-worker.ts), which parses rows from the front. Once
// the rows are read, this thread does the work that needs no inbound, then parses rows from the same
// queue until none is left: each row is claimed by one thread (an atomic counter), so the two share
// the work however fast each one is. What comes back is each inbound's facts (inbound-facts.ts), the
// same as this thread makes; a row the worker cannot vouch for from its bytes alone, and every row it
// claimed when it fails, is read and parsed again here.
import { Worker } from 'node:worker_threads';
import type { Database } from 'sql.js';
import { inboundFacts, type InboundFacts } from './inbound-facts';
import {
  forEachScannedInbound,
  scanInboundBytes,
  splitInboundScan,
  type InboundRowBytes,
} from './inbound-scan';

/** Main thread → worker: rows in scan order (their queue positions follow on), then the total. */
export type WorkerRequest = { rows: InboundRowBytes[] } | { total: number };
/**
 * Worker → main thread: `ready` once loaded, the facts of rows it claimed (null: read it again
 * there), then `done`.
 */
export type WorkerAnswer =
  { ready: true } | { answers: Array<[position: number, facts: InboundFacts | null]> } | { done: true };

export interface InboundCheckWorker {
  /** The built worker (dist/node/inbound-check-worker.js). */
  file: string;
  /** A smaller file is checked on one thread: starting the worker costs more than it saves. */
  minFileBytes?: number;
  /** JSON bytes this thread parses before rows go to the worker. */
  startAfterBytes?: number;
}

// Measured on a 2-core machine: a 10 MB panel's check took 80 ms longer with the worker, a 100 MB
// panel's ~25 % less.
const MIN_FILE_BYTES = 24 * 1024 * 1024;
const START_AFTER_BYTES = 1024 * 1024;

/**
 * The worker, started as the operation begins so that it is ready when the rows are read (starting
 * a Node worker takes a few hundred ms on a loaded machine); none for a file too small to need one.
 */
export function startInboundCheckHelper(
  worker: InboundCheckWorker | undefined,
  fileBytes: number,
): StartedHelper | undefined {
  if (worker === undefined) return undefined;
  const startAfter = worker.startAfterBytes ?? START_AFTER_BYTES;
  if (fileBytes < (worker.minFileBytes ?? MIN_FILE_BYTES)) return undefined;
  const thread = startHelper(worker.file);
  return thread === undefined ? undefined : { thread, startAfter, rowsByWorker: 0 };
}

/** A started worker and the JSON bytes this thread parses before rows go to it. */
export interface StartedHelper {
  thread: HelperThread;
  startAfter: number;
  /** Rows whose facts came from the worker (what the bench and the tests look at). */
  rowsByWorker: number;
}
/** Rows are handed over in batches of about this many bytes (one message each). */
const BATCH_BYTES = 256 * 1024;

/** Every inbound's facts, in rowid order, parsed on this thread only. */
export function inboundFactsHere(db: Database): InboundFacts[] {
  const facts: InboundFacts[] = [];
  forEachScannedInbound(db, (inbound) => facts.push(inboundFacts(inbound)));
  return facts;
}

/** The facts of a row read into shared memory; null when its bytes alone do not vouch for it. */
export function factsOfRowBytes(row: InboundRowBytes): InboundFacts | null {
  const inbound = scanInboundBytes(row);
  return inbound === undefined ? null : inboundFacts(inbound);
}

/**
 * Every inbound's facts, in rowid order, with the started worker's help once the JSON is big enough
 * (the worker is stopped when done). `meanwhile` runs on this thread after the rows are read, while
 * the worker parses.
 */
export async function inboundFactsOf(
  db: Database,
  started: StartedHelper | undefined,
  meanwhile: () => void,
): Promise<InboundFacts[]> {
  const here = () => {
    const facts = inboundFactsHere(db);
    meanwhile();
    return facts;
  };
  if (started === undefined) return here();
  const { thread, startAfter } = started;
  // In rowid order: filled here at once, from the shared queue, or by reading a row again.
  const slots: Array<InboundFacts | undefined> = [];
  const queued: Array<{ slot: number; row: InboundRowBytes }> = [];
  let seen = 0;
  let batch: InboundRowBytes[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length > 0) thread.send({ rows: batch });
    batch = [];
    batchBytes = 0;
  };
  const direct = splitInboundScan(
    db,
    (bytes) => {
      seen += bytes;
      const handOver = seen > startAfter;
      if (handOver) batchBytes += bytes;
      return !handOver;
    },
    (inbound) => slots.push(inboundFacts(inbound)),
    (row) => {
      queued.push({ slot: slots.length, row });
      slots.push(undefined);
      batch.push(row);
      if (batchBytes >= BATCH_BYTES) flush();
    },
  );
  flush();
  if (!direct || queued.length === 0) {
    thread.stop();
    if (!direct) return here();
    meanwhile();
    return slots as InboundFacts[];
  }
  const answers = thread.finish(queued.length);
  meanwhile();
  // This thread's share: whatever the worker has not claimed yet.
  for (let position = thread.claim(); position < queued.length; position = thread.claim()) {
    const entry = queued[position] as (typeof queued)[number];
    slots[entry.slot] = factsOfRowBytes(entry.row) ?? undefined;
  }
  for (const [position, facts] of await answers) {
    const entry = queued[position];
    if (entry === undefined || facts === null) continue;
    slots[entry.slot] = facts;
    started.rowsByWorker += 1;
  }
  // The rows neither thread could vouch for from their bytes, or the worker claimed and never answered.
  const again = new Map<number, number>();
  for (const { slot, row } of queued) if (slots[slot] === undefined) again.set(row.rowid, slot);
  if (again.size > 0)
    forEachScannedInbound(
      db,
      (inbound) => {
        const slot = again.get(inbound.rowid);
        if (slot !== undefined) slots[slot] = inboundFacts(inbound);
      },
      [...again.keys()],
    );
  return slots.filter((facts): facts is InboundFacts => facts !== undefined);
}

/** The worker: rows go to it in order; both threads claim queue positions from one shared counter. */
interface HelperThread {
  send(request: WorkerRequest): void;
  /** The next unclaimed queue position (this thread's claim). */
  claim(): number;
  /** Resolves once the worker has loaded (or has ended without loading). */
  ready(): Promise<void>;
  /**
   * Tells the worker the queue is complete; resolves with the facts of every row it claimed and
   * finished (as far as it got, if it failed: its other rows are read again here).
   */
  finish(total: number): Promise<Array<[number, InboundFacts | null]>>;
  stop(): void;
}

/** The worker, or undefined when it cannot be started (then this thread parses every row). */
function startHelper(file: string): HelperThread | undefined {
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const answers: Array<[number, InboundFacts | null]> = [];
  let settle: (() => void) | undefined;
  let ended = false;
  let loaded: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  const end = () => {
    ended = true;
    loaded();
    settle?.();
  };
  let thread: Worker;
  try {
    thread = new Worker(file, { workerData: { claims } });
  } catch {
    return undefined;
  }
  // A worker left behind must never keep a one-shot CLI process alive.
  thread.unref();
  thread.on('message', (answer: WorkerAnswer) => {
    if ('ready' in answer) loaded();
    else if ('done' in answer) end();
    else answers.push(...answer.answers);
  });
  thread.on('error', end);
  thread.on('exit', end);
  return {
    send: (request) => thread.postMessage(request),
    claim: () => Atomics.add(claims, 0, 1),
    ready: () => ready,
    finish(total) {
      thread.postMessage({ total } satisfies WorkerRequest);
      return new Promise((resolve) => {
        settle = () => {
          void thread.terminate();
          resolve(answers);
        };
        if (ended) settle();
      });
    },
    stop() {
      void thread.terminate();
    },
  };
}

// What bench/measure.ts and bench/paired-op.ts share: one engine operation timed inside its own
// Node process. sql.js is initialised before the clock starts. `warm`: sql.js is warmed up
// (electron/core/warm-up.ts) and the same operation runs once on a throw-away copy first, then the
// measured one — what the desktop app's long-lived worker feels; `cold`: the operation is the first
// thing the process does (the CLI's case). Prints one JSON line: { ms, cpuMs, maxRssKB, detail }.
import { copyFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createPanelEngine } from '../electron/app/panel-engine';
import { tuneWasmFor } from '../electron/cli/wasm-tier';
import type { Engine } from '../electron/core/index';
import { loadSqlJs } from '../electron/core/sqljs';
import { warmUpSqlJs } from '../electron/core/warm-up';
import type { Result } from '../electron/shared/result';

export type Operate = (op: string, engine: Engine, extra: string) => Promise<unknown>;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function measure(operate: Operate, argv: readonly string[]): Promise<void> {
  const [op = '', dbPath = '', backupDir = '', mode = 'cold', extra = ''] = argv;
  // Cold is the CLI's run: bin/paneldb.js sets the same V8 flags for every command but `serve`.
  if (mode === 'cold') tuneWasmFor([op]);
  await loadSqlJs();
  if (mode === 'warm') {
    await warmUpSqlJs();
    const scratch = `${dbPath}.warm-up.db`;
    await copyFile(dbPath, scratch);
    await operate(op, createPanelEngine({ dbPath: scratch, backupDir: `${backupDir}-warm-up` }), extra);
    await rm(scratch, { force: true });
    await rm(`${backupDir}-warm-up`, { recursive: true, force: true });
  }
  const engine = createPanelEngine({ dbPath, backupDir });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const detail = await operate(op, engine, extra);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine it moves less with the load.
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs, maxRssKB: process.resourceUsage().maxRSS, detail })}\n`,
  );
}

/** The process's whole life: `node <bundle> <op> <db> <backupDir> <cold|warm> [extra]`. */
export function runMeasuredOperation(operate: Operate): void {
  measure(operate, process.argv.slice(2)).catch((thrown: unknown) => {
    process.stderr.write(`${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
    process.exit(1);
  });
}

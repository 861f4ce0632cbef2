// One engine operation in a fresh process, for bench/paired.ts. Bundled to plain JavaScript, so two
// builds of the engine (before and after a change) can be run side by side. sql.js is initialised
// before the clock starts. `warm`: sql.js is warmed up and the same operation runs once on a copy
// first (the app's long-lived worker); the second run is measured. Prints { ms, rssKB, detail }.
// restore: the last argument is the backup to restore (paired.ts writes it in a separate process).
import { copyFile, rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createPanelEngine } from '../electron/app/panel-engine';
import type { Engine } from '../electron/core/index';
import { loadSqlJs } from '../electron/core/sqljs';
import { warmUpSqlJs } from '../electron/core/warm-up';
import type { Result } from '../electron/shared/result';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function run(op: string, engine: Engine, extra: string): Promise<unknown> {
  switch (op) {
    case 'check':
      return unwrap(await engine.check()).summary;
    case 'status':
      return unwrap(await engine.getStatus()).integrity;
    case 'backup':
      return unwrap(await engine.createBackup('manual')).size;
    case 'restore':
      return unwrap(await engine.restoreBackup(extra)).safety_backup !== '';
    case 'migrate':
      return unwrap(await engine.migrate()).steps.map((step) => [step.version, step.duration_ms]);
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

async function main(): Promise<void> {
  const [op = '', dbPath = '', backupDir = '', mode = 'cold', extra = ''] = process.argv.slice(2);
  await loadSqlJs();
  if (mode === 'warm') {
    await warmUpSqlJs();
    const scratch = `${dbPath}.warm-up.db`;
    await copyFile(dbPath, scratch);
    await run(op, createPanelEngine({ dbPath: scratch, backupDir: `${backupDir}-warm-up` }), extra);
    await rm(scratch, { force: true });
    await rm(`${backupDir}-warm-up`, { recursive: true, force: true });
  }
  const engine = createPanelEngine({ dbPath, backupDir });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const detail = await run(op, engine, extra);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared machine it moves less with the load.
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, rssKB: process.resourceUsage().maxRSS, detail })}\n`);
}

main().catch((thrown: unknown) => {
  process.stderr.write(`${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
  process.exit(1);
});

// One measured engine operation in its own Node process (bundled to plain JavaScript by bench/run.ts,
// so no TypeScript loader sits in the process being measured). sql.js is initialised before the
// clock starts: the figure is the operation itself.
//
//   node measure.mjs <op> <db> <backupDir> <cold|warm> [extra]
//
// cold: the operation is the first thing the fresh process does (the CLI's case: WebAssembly still
//   in its baseline tier). warm: sql.js is warmed up (electron/core/warm-up.ts) and the same
//   operation runs once on a throw-away copy first, then the measured one runs in the same engine
//   process — what the desktop app's long-lived worker feels.
// Prints one JSON line: { ms, cpuMs, maxRssKB, detail }.
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

async function operate(op: string, engine: Engine, extra: string): Promise<Record<string, unknown>> {
  switch (op) {
    case 'noop':
      return {};
    case 'status':
    case 'status-checks':
    case 'status-full': {
      const status = unwrap(
        await engine.getStatus({ checks: op === 'status-checks', full: op === 'status-full' }),
      );
      return { integrity: status.integrity, wal_frames: status.journal.wal_frames_applied };
    }
    case 'check':
      return { summary: unwrap(await engine.check()).summary };
    case 'backup':
      return { size: unwrap(await engine.createBackup('manual')).size };
    case 'restore':
      return { safety: unwrap(await engine.restoreBackup(extra)).safety_backup };
    case 'migrate':
    case 'rollback': {
      const report = unwrap(op === 'migrate' ? await engine.migrate() : await engine.rollBack({ steps: 3 }));
      return {
        from: report.from_version,
        to: report.to_version,
        steps: report.steps.map((step) => ({ version: step.version, ms: step.duration_ms })),
      };
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

async function main(): Promise<void> {
  const [op = '', dbPath = '', backupDir = '', mode = 'cold', extra = ''] = process.argv.slice(2);
  await loadSqlJs();
  if (mode === 'warm') {
    // The app's worker: warmed at start, and this is not its first operation.
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

main().catch((thrown: unknown) => {
  process.stderr.write(`${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
  process.exit(1);
});

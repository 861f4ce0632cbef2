// One measured engine operation in its own Node process (bundled to plain JavaScript by bench/run.ts,
// so no TypeScript loader sits in the process being measured). sql.js is initialised before the
// clock starts: the figure is the operation itself.
//
//   node measure.mjs <op> <db> <backupDir> <cold|warm> [extra]
//
// cold: the operation is the first thing the fresh process does (the CLI's case: WebAssembly in its
//   baseline tier only, as bin/paneldb.js runs it, electron/cli/wasm-tier.ts). warm: sql.js is warmed up (electron/core/warm-up.ts) and the same
//   operation runs once on a throw-away copy first, then the measured one runs in the same engine
//   process — what the desktop app's long-lived worker feels.
// Prints one JSON line: { ms, cpuMs, maxRssKB, detail }.
import type { Engine } from '../electron/core/index';
import { runMeasuredOperation, unwrap } from './in-process';

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

runMeasuredOperation(operate);

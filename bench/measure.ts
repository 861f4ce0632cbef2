// One measured engine operation in a fresh process (bundled to plain JavaScript by bench/run.ts, so
// no TypeScript loader sits in the process being measured). sql.js is initialised before the clock
// starts: the figure is the operation itself. Prints one JSON line: { ms, maxRssKB, detail }.
import { performance } from 'node:perf_hooks';
import { createPanelEngine } from '../electron/app/panel-engine';
import { loadSqlJs } from '../electron/core/sqljs';
import type { Result } from '../electron/shared/result';

interface Outcome {
  ms: number;
  maxRssKB: number;
  detail: Record<string, unknown>;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function main(): Promise<void> {
  const [op = '', dbPath = '', backupDir = '', extra = ''] = process.argv.slice(2);
  await loadSqlJs();
  const engine = createPanelEngine({ dbPath, backupDir });
  const detail: Record<string, unknown> = {};
  const started = performance.now();
  switch (op) {
    case 'noop':
      break;
    case 'status': {
      const status = unwrap(await engine.getStatus());
      detail.integrity = status.integrity;
      detail.tables = status.tables;
      detail.wal_frames = status.journal.wal_frames_applied;
      break;
    }
    case 'backup': {
      const entry = unwrap(await engine.createBackup('manual'));
      detail.size = entry.size;
      break;
    }
    case 'restore':
      detail.safety = unwrap(await engine.restoreBackup(extra)).safety_backup;
      break;
    case 'migrate':
    case 'rollback': {
      const report = unwrap(op === 'migrate' ? await engine.migrate() : await engine.rollBack({ steps: 3 }));
      detail.from = report.from_version;
      detail.to = report.to_version;
      detail.steps = report.steps.map((step) => ({
        version: step.version,
        ms: step.duration_ms,
        rows: step.rows_changed,
      }));
      break;
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
  const ms = performance.now() - started;
  const outcome: Outcome = { ms, maxRssKB: process.resourceUsage().maxRSS, detail };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().catch((thrown: unknown) => {
  process.stderr.write(`${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
  process.exit(1);
});

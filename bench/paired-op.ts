// One engine operation in a fresh process, for bench/paired.ts. Bundled to plain JavaScript, so two
// builds of the engine (before and after a change) can be run side by side. sql.js is initialised
// before the clock starts. `warm`: sql.js is warmed up and the same operation runs once on a copy
// first (the app's long-lived worker); the second run is measured. Prints { ms, cpuMs, maxRssKB, detail } (bench/in-process.ts).
// restore: the last argument is the backup to restore (paired.ts writes it in a separate process).
import type { Engine } from '../electron/core/index';
import { runMeasuredOperation, unwrap } from './in-process';

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

runMeasuredOperation(run);

// The engine with the panel's built-in migrations: the one place that joins the engine to the
// migration list, so the engine itself takes its steps as a parameter. It also names the health
// checks' worker thread when it is built beside this bundle (the CLI and engine worker in dist/node;
// run from sources there is none, and the checks run on one thread).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../migrations/index';
import { createEngine, type Engine, type EngineOptions } from '../core/index';

export type PanelEngineOptions = Omit<EngineOptions, 'migrations'> &
  Partial<Pick<EngineOptions, 'migrations'>>;

/**
 * dist/node/inbound-check-worker.js beside the bundle this module is in, when there is one (the
 * Electron main process's CommonJS bundle has no import.meta: its engine runs in the engine worker).
 */
function builtCheckWorker(): EngineOptions['checkWorker'] {
  try {
    const file = fileURLToPath(new URL('./inbound-check-worker.js', import.meta.url));
    return existsSync(file) ? { file } : undefined;
  } catch {
    return undefined;
  }
}

export function createPanelEngine(options: PanelEngineOptions): Engine {
  return createEngine({
    checkWorker: builtCheckWorker(),
    ...options,
    migrations: options.migrations ?? MIGRATIONS,
  });
}

// The engine with the panel's built-in migrations: the one place that joins the engine to the
// migration list, so the engine itself takes its steps as a parameter.
import { MIGRATIONS } from '../../migrations/index';
import { createEngine, type Engine, type EngineOptions } from '../core/index';

export type PanelEngineOptions = Omit<EngineOptions, 'migrations'> &
  Partial<Pick<EngineOptions, 'migrations'>>;

export function createPanelEngine(options: PanelEngineOptions): Engine {
  return createEngine({ ...options, migrations: options.migrations ?? MIGRATIONS });
}

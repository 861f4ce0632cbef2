// The headline an admin reads first: the applied set, not golang-migrate's "current version" (which
// is 0 on every real panel file, because the panel never records step 1). Step 1 on a file whose
// panel tables exist is a baseline: it changes nothing there, so it counts as applied and is never
// listed as pending or shown as "version 0".
import type { Detection } from './detect';
import type { Headline } from '../shared/reports';

/** Generations whose panel tables exist as the panel made them (step 1 has nothing to create). */
const NO_BASELINE = new Set(['empty', 'not-panel', 'upstream-v3', 'tables-dropped', 'sql-first-schema']);

export function buildHeadline(detection: Detection): Headline {
  const tablesExist = !NO_BASELINE.has(detection.generation) && detection.tables.includes('inbounds');
  const first = detection.versions.find((state) => state.version === 1);
  const baseline = first !== undefined && !first.applied && tablesExist;
  const counts = (state: Detection['versions'][number]) => state.applied || (baseline && state.version === 1);
  const pending = detection.versions
    .filter((state) => !counts(state))
    .map(({ version, name }) => ({ version, name }));
  const recorded = detection.schemaMigrations?.[0]?.version ?? null;
  const kind: Headline['kind'] =
    detection.newerVersion !== null
      ? 'newer'
      : detection.dirty
        ? 'dirty'
        : pending.length > 0
          ? 'pending'
          : 'complete';
  return {
    kind,
    applied: detection.versions.filter(counts).length,
    total: detection.versions.length,
    pending,
    recorded,
    baseline,
  };
}

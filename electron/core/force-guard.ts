// Forcing the recorded version marks steps applied (or not) without running them. It is the way
// out of a dirty or marker-inconsistent file; anywhere else it is a way to skip the TLS, REALITY
// and password steps for good, so it needs an explicit acknowledgement that names those steps. It
// is never allowed below a version recorded by a newer panel (that would get around the refusal to
// touch a file this PanelDB does not understand).
import type { Detection } from './detect';
import { EngineError } from './engine-error';
import type { OpenedPanel } from './open-panel';
import { planFingerprint } from './plan-fingerprint';
import type { Evidence, ForceOption } from '../shared/reports';
import { message, ref } from '../shared/i18n';

/** Evidence that the markers contradict each other or the data: a force is a repair here. */
const INCONSISTENT = /^(marker-disagrees:|schema-migrations-rows$|markers\.claim-exceeds-data)/;

export function forceIsRepair(detection: Detection, evidence: Evidence[]): boolean {
  return detection.dirty || evidence.some((item) => INCONSISTENT.test(item.id));
}

export function forceOptions(opened: OpenedPanel, evidence: Evidence[]): ForceOption[] {
  const { detection } = opened;
  const repair = forceIsRepair(detection, evidence);
  return Array.from({ length: detection.latestVersion + 1 }, (_, version) => {
    const marks = detection.versions
      .filter((state) => !state.applied && state.version <= version)
      .map(({ version: step, name }) => ({ version: step, name }));
    return {
      version,
      fingerprint: planFingerprint({
        file: opened.image.stateKey,
        operation: 'force',
        steps: marks,
        options: { version },
      }),
      needs_acknowledgement: !repair,
      refused:
        detection.newerVersion !== null ? newerPanelRefusal(detection.newerVersion, version).text : null,
      marks_without_running: marks,
    };
  });
}

const newerPanelRefusal = (newerVersion: number, version: number) =>
  message('err.force.newerPanel', { newerVersion, version });

/** Throws unless this force may run: CONFIRMATION_REQUIRED names the steps that would never run. */
export function assertForceAllowed(
  option: ForceOption,
  acknowledged: boolean,
  newerVersion: number | null,
): void {
  if (option.refused !== null && newerVersion !== null)
    throw new EngineError('CONFIRMATION_REQUIRED', newerPanelRefusal(newerVersion, option.version));
  if (!option.needs_acknowledgement || acknowledged) return;
  const steps =
    option.marks_without_running.length === 0
      ? message('err.force.versionMovesOnly')
      : message('err.force.stepsSkipped', {
          steps: option.marks_without_running.map((step) => `${step.version} ${step.name}`).join(', '),
        });
  throw new EngineError(
    'CONFIRMATION_REQUIRED',
    message('err.force.notARepair', { version: option.version }, { steps: [ref(steps)] }),
  );
}

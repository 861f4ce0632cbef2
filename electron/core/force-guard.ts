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
        file: opened.image.sha256,
        operation: 'force',
        steps: marks,
        options: { version },
      }),
      needs_acknowledgement: !repair,
      refused:
        detection.newerVersion !== null
          ? `schema_migrations records version ${detection.newerVersion}, written by a newer panel than this PanelDB knows; forcing it to ${version} would hide that. Use a newer PanelDB or restore a backup.`
          : null,
      marks_without_running: marks,
    };
  });
}

/** Throws unless this force may run: CONFIRMATION_REQUIRED names the steps that would never run. */
export function assertForceAllowed(option: ForceOption, acknowledged: boolean): void {
  if (option.refused !== null) throw new EngineError('CONFIRMATION_REQUIRED', option.refused);
  if (!option.needs_acknowledgement || acknowledged) return;
  const steps =
    option.marks_without_running.length === 0
      ? 'no step is marked applied, but the recorded version moves'
      : `steps ${option.marks_without_running.map((step) => `${step.version} ${step.name}`).join(', ')} will count as applied without running (their changes — TLS settings, REALITY targets, password hashes — will never be made)`;
  throw new EngineError(
    'CONFIRMATION_REQUIRED',
    `The file is clean and its markers agree: forcing version ${option.version} is not a repair here; ${steps}. To do it anyway, confirm explicitly that these steps will not run.`,
  );
}

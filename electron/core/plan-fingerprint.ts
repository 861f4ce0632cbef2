// "What you confirm is what runs": a preview and its confirm dialog carry a fingerprint of the plan
// (the file's state key, the operation, the ordered steps, the options); the write, given the
// fingerprint it was confirmed with, computes it again just before anything runs and refuses when
// it differs — another step recorded, a row edited, a different mode chosen.
import { createHash } from 'node:crypto';
import { EngineError } from './engine-error';
import { message } from '../shared/i18n';

export interface PlanParts {
  /**
   * The file's state key (LoadedImage.stateKey: its identity, times and header, and its -wal's):
   * any write between the preview and the write changes it, and a preview need not hash the whole
   * file. That the bytes saved over are the bytes loaded is the save's own proof (save.ts).
   */
  file: string;
  operation: string;
  steps: Array<{ version: number; name: string }>;
  options?: Record<string, string | number | boolean | null | undefined>;
}

/** 24 hex digits: short enough to paste after `--expect`, far too long to collide by accident. */
export function planFingerprint(parts: PlanParts): string {
  const options = Object.entries(parts.options ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = JSON.stringify([
    parts.file,
    parts.operation,
    parts.steps.map((step) => [step.version, step.name]),
    options,
  ]);
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** Refuses with PLAN_CHANGED when a fingerprint was given and the plan is not that one any more. */
export function assertExpectedPlan(expected: string | undefined, actual: string): void {
  if (expected === undefined || expected === actual) return;
  throw new EngineError('PLAN_CHANGED', message('err.plan.changed', { expected, actual }));
}

// What one line of the results holds, and how a line is judged against its target (issue 16): every
// line says its target and, when missed, by how much.
import type { Dataset } from './datasets';
import type { EngineSample, Mode, Sample } from './processes';
import { fmtMs, median } from './stats';

export type Target =
  /** PanelDB's median wall time ≤ max × the native median of the same run. */
  | { kind: 'ratio'; max: number }
  /** PanelDB's median wall time ≤ max milliseconds. */
  | { kind: 'ms'; max: number };

export interface Row {
  dataset: Dataset;
  op: string;
  mode: Mode;
  engine: EngineSample[];
  native: Sample[] | null;
  nativeLabel: string;
  target: Target | null;
}

/** A migrate's memory and what it adds to the file (measured on its cold runs). */
export interface GrowthRow {
  dataset: Dataset;
  rssKB: number[];
  /** File size after − before. */
  fileGrowth: number[];
  /** Of that, the migrated JSON columns' own growth (new fields such as step 3's flow). */
  dataGrowth: number[];
  /** Free pages in the migrated file (space the rewrites freed; later writes reuse it). */
  freeBytes: number[];
  /** The pages paneldb_history occupies. */
  historyBytes: number[];
  /** The bytes its rows hold (without the pages' unused space). */
  historyPayload: number[];
  /** UTF-8 bytes of the changed values' before-images the history row keeps. */
  beforeValues: number[];
}

export const ratioOf = (row: Row): number | null => {
  if (row.native === null) return null;
  const native = median(row.native.map((s) => s.ms));
  return native > 0 ? median(row.engine.map((s) => s.ms)) / native : null;
};

export const cpuRatioOf = (row: Row): number | null => {
  if (row.native === null) return null;
  const native = median(row.native.map((s) => s.cpuMs));
  // time -v counts in 10 ms steps: below a few steps the ratio says nothing.
  return native >= 30 ? median(row.engine.map((s) => s.cpuMs)) / native : null;
};

/** "≤ 1.5×" and whether it is met, or by how much it is missed. */
export function verdict(target: Target | null, value: number | null): { target: string; result: string } {
  if (target === null) return { target: '—', result: '' };
  const label = target.kind === 'ratio' ? `≤ ${target.max}×` : `≤ ${fmtMs(target.max)}`;
  if (value === null || Number.isNaN(value)) return { target: label, result: '?' };
  if (value <= target.max) return { target: label, result: '✅ met' };
  const over = (value / target.max - 1) * 100;
  const by =
    target.kind === 'ratio' ? `${over.toFixed(0)}%` : `${fmtMs(value - target.max)} (${over.toFixed(0)}%)`;
  return { target: label, result: `❌ missed by ${by}` };
}

export const judged = (row: Row) =>
  verdict(row.target, row.target?.kind === 'ms' ? median(row.engine.map((s) => s.ms)) : ratioOf(row));

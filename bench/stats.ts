// Medians, spreads and the units the results table prints.
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Half the min–max range, relative to the median, in percent. */
export const spread = (values: readonly number[]): number => {
  const m = median(values);
  return m === 0 || values.length < 2 ? 0 : ((Math.max(...values) - Math.min(...values)) / 2 / m) * 100;
};

export const fmtMs = (ms: number): string =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(0)} ms`;

export const fmtMB = (bytes: number): string =>
  Math.abs(bytes) < 1e6 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;

export const fmtSpread = (values: readonly number[]): string =>
  `${fmtMs(median(values))} ±${spread(values).toFixed(0)}%`;

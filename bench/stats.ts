/** Small statistics for the bench: percentiles of millisecond samples. */
export type Summary = { n: number; median: number; p95: number; mean: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

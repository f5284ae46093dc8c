/** The nearest-rank percentile of ascending `sorted` samples: the smallest one with p% at or below it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

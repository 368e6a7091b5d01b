// Medians, targets and the verdicts printed beside them (never asserted: benchmarks are not tests).

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Verdict {
  what: string;
  figure: string;
  target: string;
  pass: boolean;
}

/** Every verdict printed in this run, for the summary at the end of `npm run bench`. */
export const verdicts: Verdict[] = [];

/** Records a verdict and returns its words, `PASS (target …)` or `FAIL (target …)`. */
export function verdict(what: string, figure: string, target: string, pass: boolean): string {
  verdicts.push({ what, figure, target, pass });
  return `${pass ? 'PASS' : 'FAIL'} (target ${target})`;
}

export const ms = (n: number): string => `${n.toFixed(0)} ms`;
export const mb = (n: number): string => `${n.toFixed(0)} MB`;

// Binomial probabilities for the distribution-free quantile interval and the
// Basel traffic light. Internal: not exported from index.ts.

/** Terms below this fraction of the mode's probability are dropped (they underflow anyway). */
const RELATIVE_CUTOFF = 1e-300;

/**
 * Probabilities P(X = k), X ~ Binomial(n, p), for k in [lo, lo + pmf.length),
 * the range outside which every term is below 1e-300 times the largest.
 *
 * Computed relative to the mode m = floor((n + 1) p) with the ratios
 *   P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p),  P(k−1)/P(k) = k/(n−k+1) · (1−p)/p
 * and normalised by their sum: no factorials, no underflow of (1 − p)^n for
 * large n, relative error a few ulps per step.
 */
export function binomialPmf(n: number, p: number): { lo: number; pmf: Float64Array } {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${String(p)}`);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / (1 - p);
  const below: number[] = [];
  let term = 1;
  for (let k = mode; k > 0; k--) {
    term *= (k / (n - k + 1)) / odds;
    if (term < RELATIVE_CUTOFF) break;
    below.push(term);
  }
  const above: number[] = [];
  term = 1;
  for (let k = mode; k < n; k++) {
    term *= ((n - k) / (k + 1)) * odds;
    if (term < RELATIVE_CUTOFF) break;
    above.push(term);
  }
  const lo = mode - below.length;
  const pmf = new Float64Array(below.length + 1 + above.length);
  for (let i = 0; i < below.length; i++) pmf[below.length - 1 - i] = below[i];
  pmf[below.length] = 1;
  for (let i = 0; i < above.length; i++) pmf[below.length + 1 + i] = above[i];
  let total = 0;
  for (let i = 0; i < pmf.length; i++) total += pmf[i];
  for (let i = 0; i < pmf.length; i++) pmf[i] /= total;
  return { lo, pmf };
}

/** Cumulative P(X <= k), k an integer, X ~ Binomial(n, p); summed from the lower end. */
export function binomialCdf(k: number, n: number, p: number): number {
  const { lo, pmf } = binomialPmf(n, p);
  if (k < lo) return 0;
  let sum = 0;
  const last = Math.min(k - lo, pmf.length - 1);
  for (let i = 0; i <= last; i++) sum += pmf[i];
  return Math.min(sum, 1);
}

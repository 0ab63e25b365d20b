// Distribution-free confidence interval for a quantile from order statistics.
// Internal: not exported from index.ts.
import { binomialPmf } from './binomial.js';

/**
 * 1-based ranks [r, s] such that, for an i.i.d. sample of size n from a
 * continuous distribution with α-quantile ξ,
 *
 *   P(X_(r) > ξ) = P(B <= r − 1) <= (1 − level)/2,
 *   P(X_(s) < ξ) = P(B >= s)     <= (1 − level)/2,   B ~ Binomial(n, α),
 *
 * so P(X_(r) <= ξ <= X_(s)) >= level (the classical binomial interval,
 * e.g. Conover, Practical Nonparametric Statistics, §3.2). r is the largest
 * and s the smallest rank meeting its bound; r = 0 (no lower bound) or
 * s = n + 1 (no upper bound) when the sample is too small for that tail.
 */
export function quantileRankInterval(n: number, alpha: number, level: number): [number, number] {
  const gamma = (1 - level) / 2;
  const { lo, pmf } = binomialPmf(n, alpha);
  // cdf(k) = P(B <= k); terms outside [lo, lo + pmf.length) are < 1e-300 of the mode.
  let r = lo; // P(B <= lo − 1) ≈ 0 <= gamma, so rank lo qualifies (when lo >= 1)
  let cdf = 0;
  for (let i = 0; i < pmf.length; i++) {
    cdf += pmf[i]; // P(B <= lo + i)
    if (cdf <= gamma) r = lo + i + 1;
    else break;
  }
  let s = n + 1;
  let upper = 0; // P(B >= k) accumulated from the top
  for (let i = pmf.length - 1; i >= 0; i--) {
    upper += pmf[i]; // P(B >= lo + i)
    if (upper <= gamma) s = lo + i;
    else break;
  }
  // Ranks beyond the computed window: P(B >= lo + pmf.length) ≈ 0 <= gamma.
  if (s === n + 1 && lo + pmf.length <= n) s = lo + pmf.length;
  return [Math.max(r, 0), Math.min(s, n + 1)];
}

// Upper tail probabilities of the χ² distributions used by the backtests.
// Internal: not exported from index.ts.
import { erfc } from './erfc.js';

const SQRT_2_OVER_PI = 0.7978845608028654; // √(2/π)

/**
 * P(X > x) for X ~ χ²(df), df a positive integer, by the closed forms of the
 * integer-order incomplete gamma function (no series truncation):
 *   df even: exp(−x/2) Σ_{k=0}^{df/2−1} (x/2)^k / k!
 *   df odd:  erfc(√(x/2)) + √(2/π) exp(−x/2) Σ_{k=1}^{(df−1)/2} x^{k−1/2} / (1·3·…·(2k−1))
 * (df = 1: erfc(√(x/2)); df = 2: exp(−x/2)). 1 for x <= 0, NaN for NaN.
 * The terms are built by recurrence from exp(−x/2), so for x above about
 * 1400 the result underflows to 0 (true value below 1e-300 for df <= 200).
 */
export function chiSquaredSurvival(x: number, df: number): number {
  if (!Number.isSafeInteger(df) || df < 1) throw new RangeError(`df must be a positive integer, got ${String(df)}`);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const e = Math.exp(-x / 2);
  if (df % 2 === 0) {
    let term = e;
    let sum = e;
    for (let k = 1; k < df / 2; k++) {
      term *= x / 2 / k;
      sum += term;
    }
    return Math.min(sum, 1);
  }
  let sum = erfc(Math.sqrt(x / 2));
  if (df > 1) {
    let term = SQRT_2_OVER_PI * e * Math.sqrt(x); // k = 1: x^{1/2} / 1
    sum += term;
    for (let k = 2; k <= (df - 1) / 2; k++) {
      term *= x / (2 * k - 1);
      sum += term;
    }
  }
  return Math.min(sum, 1);
}

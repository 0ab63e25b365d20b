// Upper tail probabilities of the χ² distributions used by the backtests.
// Internal: not exported from index.ts.
import { erfc } from './erfc.js';

/**
 * P(X > x) for X ~ χ²(df), df 1 or 2:
 *   df = 1: P(|Z| > √x) = erfc(√(x/2));   df = 2: exp(−x/2).
 * 1 for x <= 0.
 */
export function chiSquaredSurvival(x: number, df: 1 | 2): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return df === 1 ? erfc(Math.sqrt(x / 2)) : Math.exp(-x / 2);
}

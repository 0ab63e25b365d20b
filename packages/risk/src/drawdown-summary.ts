import { mean, quantileSorted } from 'simple-statistics';
import type { DrawdownSummary } from './types.js';
import { checkFiniteSample } from './validate.js';

/**
 * Summary statistics of per-path maximum drawdowns (as from `simulatePortfolio`).
 *
 * - mean: simple-statistics `mean` (Kahan–Babuška compensated sum / n).
 * - median, p95, p99: simple-statistics `quantileSorted` on a sorted copy at
 *   p = 0.5, 0.95, 0.99. In simple-statistics 7.12.1 (the locked version;
 *   read from its src/quantile_sorted.js) that is linear interpolation, R
 *   type 7 / numpy's default: with the sorted sample x_0 <= ... <= x_{n−1} (0-based) and
 *   h = (n − 1) p, Q(p) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌈h⌉ − x_⌊h⌋). Note this differs
 *   from the no-interpolation convention of `valueAtRisk`. Older 7.x releases
 *   (before the switch to type 7) used a different, non-interpolating rule;
 *   the tests pin the type-7 values.
 * - max: the largest drawdown.
 *
 * @param maxDrawdowns per-path drawdowns (finite, at least one; NaN, as produced
 *   for portfolios with V_0 <= 0, is rejected)
 * @throws {RangeError} if empty or holding a non-finite value
 * @example
 * drawdownSummary(Float64Array.of(0.1, 0.4, 0.2, 0, 0.3));
 * // => { mean: 0.2, median: 0.2, p95: 0.38, p99: 0.396, max: 0.4 }
 */
export function drawdownSummary(maxDrawdowns: Float64Array): DrawdownSummary {
  checkFiniteSample(maxDrawdowns, 'maxDrawdowns');
  const sorted = Float64Array.from(maxDrawdowns).sort();
  // simple-statistics is typed for number[] but only reads .length and [i],
  // so a typed array works as is and avoids a boxed copy.
  const xs = sorted as unknown as number[];
  return {
    mean: mean(xs),
    median: quantileSorted(xs, 0.5),
    p95: quantileSorted(xs, 0.95),
    p99: quantileSorted(xs, 0.99),
    max: sorted[sorted.length - 1],
  };
}

import { checkFiniteSample, checkWeights } from './validate.js';

/**
 * Probability that a path's maximum drawdown reaches a limit, under the
 * (weighted) scenario distribution:
 *
 *   P_w(MDD >= limit) = Σ_{i: d_i >= limit} w_i / Σ_i w_i
 *
 * (equal weights when omitted). Non-increasing in the limit; 1 for a limit
 * <= the smallest drawdown.
 *
 * @param maxDrawdowns per-path maximum drawdowns (finite, at least one)
 * @param limit drawdown limit as a fraction of the peak, e.g. 0.2
 * @param weights optional path weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid input (NaN drawdowns from V_0 <= 0 included) or a NaN limit
 * @example
 * breachProbability([0.1, 0.4, 0.2, 0, 0.3], 0.2); // => 0.6 (0.2, 0.4, 0.3)
 */
export function breachProbability(maxDrawdowns: ArrayLike<number>, limit: number, weights?: ArrayLike<number>): number {
  checkFiniteSample(maxDrawdowns, 'maxDrawdowns');
  if (typeof limit !== 'number' || Number.isNaN(limit)) {
    throw new RangeError(`limit must be a number, got ${String(limit)}`);
  }
  const n = maxDrawdowns.length;
  if (weights === undefined) {
    let hits = 0;
    for (let i = 0; i < n; i++) if (maxDrawdowns[i] >= limit) hits++;
    return hits / n;
  }
  const total = checkWeights(weights, n);
  let mass = 0;
  for (let i = 0; i < n; i++) if (maxDrawdowns[i] >= limit) mass += weights[i];
  return Math.min(1, mass / total); // rounding of the two sums must not push it above 1
}

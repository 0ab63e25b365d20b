import { checkFiniteSample, checkWeights } from './validate.js';

/**
 * Probability integral transform of a realized P&L under a forecast given as
 * a simulated (or historical) P&L sample: the (weighted) share of scenarios
 * whose P&L is at or below the realized one,
 *
 *   u = Σ_i w_i 1{X_i <= x} / Σ_i w_i,
 *
 * i.e. F̂(x) for the forecast's empirical CDF F̂ (equal weights when omitted).
 * u = 0 when the realized P&L is below every scenario (a loss beyond the
 * whole forecast), 1 when above all. Feeds `cumulativeViolations` and the
 * Du–Escanciano tests. With N scenarios u is a multiple of 1/N, so the
 * α-tail is resolved only to 1/N (use N >> 1/α).
 *
 * @param sample forecast P&L scenarios (finite, at least one)
 * @param realized the realized P&L x (finite)
 * @param weights optional scenario weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid sample, weights or realized value
 * @example
 * pitFromSample([-3, -1, 0, 2], -1); // => 0.5 (−3 and −1 are <= −1)
 */
export function pitFromSample(sample: ArrayLike<number>, realized: number, weights?: ArrayLike<number>): number {
  checkFiniteSample(sample, 'sample');
  if (!Number.isFinite(realized)) throw new RangeError(`realized must be a finite number, got ${String(realized)}`);
  const n = sample.length;
  if (weights === undefined) {
    let count = 0;
    for (let i = 0; i < n; i++) if (sample[i] <= realized) count++;
    return count / n;
  }
  const total = checkWeights(weights, n);
  let below = 0;
  for (let i = 0; i < n; i++) if (sample[i] <= realized) below += weights[i];
  return Math.min(below / total, 1);
}

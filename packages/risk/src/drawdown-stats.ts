import { TRACKER_STATE_SIZE, trackerFinish, trackerStart, trackerStep, trackerUndefined } from './drawdown-tracker.js';
import type { DrawdownStats } from './types.js';
import { checkCount } from './validate.js';

/**
 * Maximum drawdown, its duration and its recovery for every path of a
 * row-major block of value paths (`steps` values per path, V_0 included, as
 * `simulatePortfolio({ keepValuePaths: true }).valuePaths` with steps =
 * horizon + 1). Steps are 0-based indices into the path.
 *
 * - maxDrawdown: MDD = max_t (peak_t − V_t) / peak_t, peak_t = max_{s<=t} V_s,
 *   as in `maxDrawdown` (the first, earliest trough wins ties).
 * - Peak of the episode: the latest step at or before the trough where the
 *   running peak value was attained (a path that returns exactly to its high
 *   starts a new episode there).
 * - recovered: 1 when some step after the trough has V_t >= that peak value.
 *   A path that never falls (MDD = 0) counts as recovered, with duration and
 *   time to recovery 0.
 * - drawdownDuration: recovery step − peak step, or (steps − 1) − peak step
 *   when not recovered (a lower bound: the drawdown is still open at the end).
 * - timeToRecovery: recovery step − trough step; NaN when not recovered.
 *
 * A relative drawdown needs V_0 > 0: a path starting at or below zero gets NaN
 * in every statistic and recovered = 0 (as `simulatePortfolio` does for MDD).
 *
 * @param valuePaths nPaths × steps values, row-major by path
 * @param nPaths number of paths
 * @param steps values per path, V_0 included (>= 1)
 * @throws {RangeError} on inconsistent dimensions or a non-finite value
 * @example
 * drawdownStats(Float64Array.of(100, 120, 90, 110, 60, 130, 117), 1, 7);
 * // => maxDrawdown [0.5] (120 → 60), drawdownDuration [4] (t = 1 → 5),
 * //    timeToRecovery [1] (t = 4 → 5), recovered [1]
 */
export function drawdownStats(valuePaths: Float64Array, nPaths: number, steps: number): DrawdownStats {
  checkCount(nPaths, 'nPaths');
  checkCount(steps, 'steps');
  if (steps < 1) throw new RangeError('steps must be >= 1 (V_0 is one of the values)');
  if (valuePaths.length !== nPaths * steps) {
    throw new RangeError(
      `valuePaths has length ${valuePaths.length}, expected nPaths × steps = ${nPaths} × ${steps} = ${nPaths * steps}`,
    );
  }
  const out: DrawdownStats = {
    maxDrawdown: new Float64Array(nPaths),
    drawdownDuration: new Float64Array(nPaths),
    timeToRecovery: new Float64Array(nPaths),
    recovered: new Uint8Array(nPaths),
  };
  const state = new Float64Array(TRACKER_STATE_SIZE);
  for (let p = 0, offset = 0; p < nPaths; p++, offset += steps) {
    for (let t = 0; t < steps; t++) {
      if (!Number.isFinite(valuePaths[offset + t])) {
        throw new RangeError(`valuePaths[${offset + t}] must be a finite number, got ${valuePaths[offset + t]}`);
      }
    }
    const v0 = valuePaths[offset];
    if (!(v0 > 0)) {
      trackerUndefined(p, out);
      continue;
    }
    trackerStart(state, v0);
    for (let t = 1; t < steps; t++) trackerStep(state, t, valuePaths[offset + t]);
    trackerFinish(state, steps - 1, p, out);
  }
  return out;
}

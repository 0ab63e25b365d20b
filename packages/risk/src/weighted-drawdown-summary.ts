import { drawdownAtRisk } from './drawdown-at-risk.js';
import { drawdownSummary } from './drawdown-summary.js';
import type { DrawdownSummary } from './types.js';

/**
 * Drawdown summary of weighted paths: mean = Σ w·d / Σ w; median, p95, p99 =
 * weighted lower quantiles (drawdownAtRisk: inf{d : P_w(MDD ≤ d) ≥ q}, no
 * interpolation, unlike the type-7 quantiles of the unweighted
 * drawdownSummary); max = the largest drawdown of any path. Without weights
 * it is drawdownSummary.
 *
 * @example
 * weightedDrawdownSummary(Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(1, 1, 2));
 * // => { mean: 0.225, median: 0.2, p95: 0.3, p99: 0.3, max: 0.3 }
 */
export function weightedDrawdownSummary(maxDrawdowns: Float64Array, weights?: Float64Array): DrawdownSummary {
  if (weights === undefined) return drawdownSummary(maxDrawdowns);
  const base = drawdownSummary(maxDrawdowns);
  let sw = 0, s = 0;
  for (let i = 0; i < maxDrawdowns.length; i++) {
    sw += weights[i];
    s += weights[i] * maxDrawdowns[i];
  }
  return {
    mean: s / sw,
    median: drawdownAtRisk(maxDrawdowns, 0.5, weights),
    p95: drawdownAtRisk(maxDrawdowns, 0.95, weights),
    p99: drawdownAtRisk(maxDrawdowns, 0.99, weights),
    max: base.max,
  };
}

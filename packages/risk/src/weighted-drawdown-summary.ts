import { mean } from 'simple-statistics';
import { drawdownAtRisk } from './drawdown-at-risk.js';
import type { DrawdownSummary } from './types.js';
import { checkFiniteSample } from './validate.js';

/**
 * Drawdown summary of a run's paths, weighted or not, with ONE quantile
 * convention: mean = Σ w·d / Σ w (w = 1 without weights); median, p95, p99 =
 * lower quantiles of the (weighted) distribution, no interpolation
 * (drawdownAtRisk: inf{d : P_w(MDD ≤ d) ≥ q}, as VaR's default `lower`
 * method, DaR and CDaR); max = the largest drawdown of any path. Unlike
 * `drawdownSummary`, whose unweighted percentiles interpolate (type 7), so
 * the run's figures do not change convention when the paths carry weights.
 *
 * @example
 * weightedDrawdownSummary(Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(1, 1, 2));
 * // => { mean: 0.225, median: 0.2, p95: 0.3, p99: 0.3, max: 0.3 }
 * weightedDrawdownSummary(Float64Array.of(0.1, 0.4, 0.2, 0, 0.3));
 * // => { mean: 0.2, median: 0.2, p95: 0.4, p99: 0.4, max: 0.4 }
 */
export function weightedDrawdownSummary(maxDrawdowns: Float64Array, weights?: Float64Array): DrawdownSummary {
  checkFiniteSample(maxDrawdowns, 'maxDrawdowns');
  let max = -Infinity;
  for (let i = 0; i < maxDrawdowns.length; i++) if (maxDrawdowns[i] > max) max = maxDrawdowns[i];
  let m: number;
  if (weights === undefined) {
    m = mean(maxDrawdowns as unknown as number[]);
  } else {
    let sw = 0, s = 0;
    for (let i = 0; i < maxDrawdowns.length; i++) {
      sw += weights[i];
      s += weights[i] * maxDrawdowns[i];
    }
    m = s / sw;
  }
  return {
    mean: m,
    median: drawdownAtRisk(maxDrawdowns, 0.5, weights),
    p95: drawdownAtRisk(maxDrawdowns, 0.95, weights),
    p99: drawdownAtRisk(maxDrawdowns, 0.99, weights),
    max,
  };
}

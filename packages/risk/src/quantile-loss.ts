import { checkProbability } from './backtest-validate.js';
import { checkForecastSeries, forecastAt, type ForecastSeries } from './forecast-series.js';
import type { ScoringLossResult } from './types.js';
import { checkFiniteSample } from './validate.js';

/**
 * Quantile ("tick", pinball) loss of VaR forecasts, the strictly consistent
 * scoring function for a quantile (Gneiting 2011). Lower is better.
 *
 * For a P&L X_t and its forecast α-quantile q_t the loss is
 * (α − 1{X_t < q_t}) (X_t − q_t). With VaR in loss units (positive = loss),
 * q_t = −VaR_t and α the tail probability (0.01 for 99% VaR):
 *
 *   L_t = (α − 1{X_t < −VaR_t}) (X_t + VaR_t)  >= 0,
 *
 * i.e. α (X_t + VaR_t) on a day without exception and
 * (1 − α)(−VaR_t − X_t) on an exception day.
 *
 * @param realizedPnl realized P&L X_1..X_T (finite, at least one)
 * @param varForecast VaR_t per day, or one number for all days (finite)
 * @param alpha tail probability α in (0, 1)
 * @returns per-day losses L_t and their mean
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * // α = 0.1, VaR 1: X = 2 → 0.1 · 3 = 0.3;  X = −3 → 0.9 · 2 = 1.8; mean 1.05
 * quantileLoss([2, -3], 1, 0.1); // => { losses: Float64Array [0.3, 1.8], mean: 1.05 }
 */
export function quantileLoss(realizedPnl: ArrayLike<number>, varForecast: ForecastSeries, alpha: number): ScoringLossResult {
  checkFiniteSample(realizedPnl, 'realizedPnl');
  checkProbability(alpha, 'alpha');
  const T = realizedPnl.length;
  checkForecastSeries(varForecast, T, 'varForecast');
  const losses = new Float64Array(T);
  let sum = 0;
  for (let t = 0; t < T; t++) {
    const u = realizedPnl[t] + forecastAt(varForecast, t);
    const l = u < 0 ? (alpha - 1) * u : alpha * u;
    losses[t] = l;
    sum += l;
  }
  return { losses, mean: sum / T };
}

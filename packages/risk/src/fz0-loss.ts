import { checkProbability } from './backtest-validate.js';
import { checkForecastSeries, forecastAt, type ForecastSeries } from './forecast-series.js';
import type { ScoringLossResult } from './types.js';
import { checkFiniteSample } from './validate.js';

/**
 * FZ0 joint loss of VaR and ES forecasts: the homogeneous-of-degree-zero
 * member of the Fissler–Ziegel (2016) class of strictly consistent scoring
 * functions for (VaR, ES), in the form of Patton, Ziegel & Chen (2019),
 * "Dynamic semiparametric models for expected shortfall (and Value-at-Risk)",
 * J. Econometrics 211(2). Lower is better; compare models by the
 * average loss (e.g. with `dieboldMariano`).
 *
 * Patton–Ziegel–Chen write it for returns Y, with v and e the α-quantile and
 * α-tail mean of Y (negative numbers, e < 0):
 *
 *   L(Y, v, e) = −1/(α e) · 1{Y <= v} (v − Y) + v/e + ln(−e) − 1.
 *
 * tailforge's convention: X_t the realized P&L (gains positive), VaR_t and
 * ES_t forecasts in loss units (positive = loss), α the tail probability
 * (0.025 for 97.5%). Substituting v = −VaR_t, e = −ES_t:
 *
 *   L_t = 1{X_t < −VaR_t} (−VaR_t − X_t) / (α ES_t) + VaR_t / ES_t + ln(ES_t) − 1.
 *
 * (The indicator's boundary case X_t = −VaR_t adds 0.) ES_t must be > 0 (the
 * logarithm); the score is for tails that are losses. Rescaling X, VaR and ES
 * by c adds ln c to every L_t, so loss differences between models do not
 * depend on the unit of money, but levels are only comparable in one unit.
 *
 * @param realizedPnl realized P&L X_1..X_T (finite, at least one)
 * @param varForecast VaR_t per day, or one number for all days (finite)
 * @param esForecast ES_t per day, or one number for all days (finite, > 0)
 * @param alpha tail probability α in (0, 1)
 * @returns per-day losses L_t and their mean
 * @throws {RangeError} on invalid input, mismatched lengths or ES <= 0
 * @example
 * // α = 0.1, VaR 1, ES 2. Day 1: X = 0.5 (no exception) → 1/2 + ln 2 − 1 = 0.193147…
 * // Day 2: X = −3 → (−1 + 3)/(0.1 · 2) + 1/2 + ln 2 − 1 = 10.193147…; mean 5.193147…
 * fz0Loss([0.5, -3], 1, 2, 0.1); // => { losses: Float64Array [0.19314…, 10.19314…], mean: 5.19314… }
 */
export function fz0Loss(
  realizedPnl: ArrayLike<number>,
  varForecast: ForecastSeries,
  esForecast: ForecastSeries,
  alpha: number,
): ScoringLossResult {
  checkFiniteSample(realizedPnl, 'realizedPnl');
  checkProbability(alpha, 'alpha');
  const T = realizedPnl.length;
  checkForecastSeries(varForecast, T, 'varForecast');
  checkForecastSeries(esForecast, T, 'esForecast');
  const losses = new Float64Array(T);
  let sum = 0;
  for (let t = 0; t < T; t++) {
    const v = forecastAt(varForecast, t);
    const e = forecastAt(esForecast, t);
    if (!(e > 0)) throw new RangeError(`esForecast[${t}] must be > 0 for the FZ0 loss (a loss in the tail), got ${e}`);
    const x = realizedPnl[t];
    const shortfall = x < -v ? -v - x : 0;
    const l = shortfall / (alpha * e) + v / e + Math.log(e) - 1;
    losses[t] = l;
    sum += l;
  }
  return { losses, mean: sum / T };
}

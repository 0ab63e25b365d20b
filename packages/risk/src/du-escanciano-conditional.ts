import { chiSquaredSurvival } from './chi-squared.js';
import { cumulativeViolations } from './cumulative-violations.js';
import type { DuEscancianoConditionalResult } from './types.js';

/**
 * Du–Escanciano (2017) conditional backtest of Expected Shortfall: a
 * Box–Pierce test that the cumulative violations H_t
 * (`cumulativeViolations`) are uncorrelated over time (tail losses do not
 * cluster). With the null mean α/2,
 *
 *   γ_j = (1/(T − j)) Σ_{t=j+1}^{T} (H_t − α/2)(H_{t−j} − α/2),   ρ_j = γ_j / γ_0,
 *   C_ES(m) = T Σ_{j=1}^{m} ρ_j²   ~ χ²(m) under H0,
 *
 * p-value P(χ²(m) > C_ES). The paper reports m = 1 and m = 5; the default is
 * m = 5. Forecasts are taken as given (no parameter-estimation correction).
 * γ_0 = 0 only if every H_t equals α/2 (u_t = α(1 − α/2) on every day); the
 * statistic is then NaN.
 *
 * @param pit u_1..u_T, each in [0, 1], with T > lags
 * @param alpha tail probability α in (0, 1)
 * @param lags m, a positive integer (default 5)
 * @throws {RangeError} on a PIT outside [0, 1], T <= m, or invalid α / m
 * @example
 * // α = 0.5, u = 0, 0, 1, 1: H = 1, 1, 0, 0; H − 1/4 = 3/4, 3/4, −1/4, −1/4
 * // γ0 = (9/16 + 9/16 + 1/16 + 1/16)/4 = 5/16; γ1 = (9/16 − 3/16 + 1/16)/3 = 7/48
 * // ρ1 = 7/15; C = 4 · 49/225 = 0.87111…, p = P(χ²(1) > C) = 0.35066…
 * duEscancianoConditional([0, 0, 1, 1], 0.5, 1); // => { statistic: 0.87111…, pValue: 0.35064…, … }
 */
export function duEscancianoConditional(pit: ArrayLike<number>, alpha: number, lags = 5): DuEscancianoConditionalResult {
  if (!Number.isSafeInteger(lags) || lags < 1) throw new RangeError(`lags must be a positive integer, got ${String(lags)}`);
  const h = cumulativeViolations(pit, alpha);
  const T = h.length;
  if (T <= lags) throw new RangeError(`the conditional test with ${lags} lags needs more than ${lags} days, got ${T}`);
  const dev = new Float64Array(T);
  for (let t = 0; t < T; t++) dev[t] = h[t] - alpha / 2;
  let g0 = 0;
  for (let t = 0; t < T; t++) g0 += dev[t] * dev[t];
  g0 /= T;
  const autocorrelations = new Float64Array(lags);
  let sumSq = 0;
  for (let j = 1; j <= lags; j++) {
    let g = 0;
    for (let t = j; t < T; t++) g += dev[t] * dev[t - j];
    const rho = g / (T - j) / g0;
    autocorrelations[j - 1] = rho;
    sumSq += rho * rho;
  }
  const statistic = T * sumSq;
  return { statistic, pValue: chiSquaredSurvival(statistic, lags), lags, autocorrelations, observations: T };
}

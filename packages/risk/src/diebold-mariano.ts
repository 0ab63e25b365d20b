import { erfc } from './erfc.js';
import { neweyWestDefaultLag, neweyWestVariance } from './newey-west-variance.js';
import type { DieboldMarianoOptions, DieboldMarianoResult } from './types.js';
import { checkFiniteSample } from './validate.js';

/**
 * Diebold–Mariano (1995) test of equal predictive accuracy of two forecasts
 * from their per-day losses (e.g. `fz0Loss(...).losses` or
 * `quantileLoss(...).losses` of two models on the same days).
 *
 * With the loss differential d_t = L^A_t − L^B_t (t = 1..T), its mean d̄ and
 * its Newey–West long-run variance σ²_LR (`neweyWestVariance`, Bartlett
 * weights, bandwidth L = floor(4 (T/100)^{2/9}) unless `lag` is given; use
 * at least h − 1 for h-day forecasts):
 *
 *   DM = d̄ / √(σ²_LR / T)   ~ N(0, 1) under H0: E[d_t] = 0.
 *
 * Two-sided p-value = erfc(|DM| / √2). DM < 0: A has the lower average loss;
 * `better` names the winner ('first' = A, 'second' = B) when the p-value is
 * below `significance` (default 0.05), else 'neither'. No small-sample
 * (Harvey–Leybourne–Newbold) correction is applied.
 *
 * Degenerate cases do not throw:
 * - identical losses (every d_t = 0): the statistic is 0/0; returned as
 *   statistic NaN, pValue NaN, status 'identical', better 'neither';
 * - a constant non-zero differential (one model better by the same amount
 *   every day): σ²_LR = 0, statistic ±Infinity, pValue 0, status
 *   'zero-variance', better the model with the lower loss.
 *
 * @param lossA per-day losses of model A (finite, at least 2)
 * @param lossB per-day losses of model B, same length
 * @param options lag (bandwidth L), significance (default 0.05)
 * @throws {RangeError} on non-finite losses, mismatched lengths, fewer than 2 days or invalid options
 * @example
 * // d = 1, 2, 3, 4: d̄ = 2.5; L = 1: σ²_LR = 1.5625 (see neweyWestVariance); DM = 2.5/√(1.5625/4) = 4
 * dieboldMariano([2, 3, 5, 6], [1, 1, 2, 2], { lag: 1 }); // => { statistic: 4, pValue: 6.334…e-5, better: 'second', … }
 */
export function dieboldMariano(
  lossA: ArrayLike<number>,
  lossB: ArrayLike<number>,
  options: DieboldMarianoOptions = {},
): DieboldMarianoResult {
  checkFiniteSample(lossA, 'lossA');
  checkFiniteSample(lossB, 'lossB');
  const T = lossA.length;
  if (lossB.length !== T) throw new RangeError(`lossB must have one loss per day of lossA (${T}), got length ${lossB.length}`);
  if (T < 2) throw new RangeError(`the Diebold–Mariano test needs at least 2 days, got ${T}`);
  const significance = options.significance ?? 0.05;
  if (!(significance > 0 && significance < 1)) {
    throw new RangeError(`significance must be a number strictly between 0 and 1, got ${String(significance)}`);
  }
  const lag = Math.min(options.lag ?? neweyWestDefaultLag(T), T - 1);
  const d = new Float64Array(T);
  let sum = 0;
  let allZero = true;
  let constant = true;
  for (let t = 0; t < T; t++) {
    d[t] = lossA[t] - lossB[t];
    sum += d[t];
    if (d[t] !== 0) allZero = false;
    if (d[t] !== d[0]) constant = false;
  }
  const meanDifference = sum / T;
  const base = { meanDifference, lag, observations: T };
  if (allZero) {
    return { ...base, statistic: NaN, pValue: NaN, longRunVariance: 0, better: 'neither', status: 'identical' };
  }
  if (constant) {
    return {
      ...base,
      statistic: d[0] > 0 ? Infinity : -Infinity,
      pValue: 0,
      longRunVariance: 0,
      better: d[0] > 0 ? 'second' : 'first',
      status: 'zero-variance',
    };
  }
  const longRunVariance = neweyWestVariance(d, lag);
  const statistic = meanDifference / Math.sqrt(longRunVariance / T);
  const pValue = erfc(Math.abs(statistic) / Math.SQRT2);
  const better = pValue < significance ? (statistic < 0 ? 'first' : 'second') : 'neither';
  return { ...base, statistic, pValue, longRunVariance, better, status: 'ok' };
}

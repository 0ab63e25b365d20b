import type { Moments } from './types.js';
import { checkFiniteSample, checkWeights } from './validate.js';

/**
 * Weighted mean, standard deviation, skewness and excess kurtosis of a P&L
 * sample (the inputs of `cornishFisherVaR` / `cornishFisherES`).
 *
 * With weights w_i >= 0 (equal when omitted) and W = Σ w_i:
 *
 *   mean = Σ w_i x_i / W,   m_k = Σ w_i (x_i − mean)^k / W  (k = 2, 3, 4)
 *   sd = √m_2,   skewness = m_3 / m_2^{3/2},   excessKurtosis = m_4 / m_2² − 3
 *
 * the moments of the weighted empirical distribution itself (population
 * moments: no small-sample bias correction, which is negligible at scenario
 * counts and undefined for general weights). Two passes: the mean first, then
 * the central moments, to avoid cancellation. Skewness and kurtosis are those
 * of the P&L (not of the loss): a long left P&L tail gives negative skewness.
 * When every value is equal (m_2 = 0) they are undefined and returned as NaN.
 *
 * @param pnl sample (finite numbers, at least one)
 * @param weights optional weights (finite, >= 0, positive sum)
 * @throws {RangeError} on an invalid sample or weights
 * @example
 * momentsOf([1, 2, 3, 10]);
 * // => { mean: 4, sd: 3.5355… (√12.5), skewness: 1.0182… (45 / 12.5^1.5), excessKurtosis: −0.7696 (348.5 / 156.25 − 3) }
 */
export function momentsOf(pnl: ArrayLike<number>, weights?: ArrayLike<number>): Moments {
  checkFiniteSample(pnl, 'pnl');
  const n = pnl.length;
  const total = weights === undefined ? n : checkWeights(weights, n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (weights === undefined ? 1 : weights[i]) * pnl[i];
  const mean = sum / total;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i];
    const d = pnl[i] - mean;
    const d2 = d * d;
    m2 += w * d2;
    m3 += w * d2 * d;
    m4 += w * d2 * d2;
  }
  m2 /= total;
  m3 /= total;
  m4 /= total;
  if (m2 === 0) return { mean, sd: 0, skewness: NaN, excessKurtosis: NaN };
  return { mean, sd: Math.sqrt(m2), skewness: m3 / (m2 * Math.sqrt(m2)), excessKurtosis: m4 / (m2 * m2) - 3 };
}

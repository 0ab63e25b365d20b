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
 * counts and undefined for general weights). Corrected two-pass: the mean
 * first (refined by its own rounding residual), then the central moments, to
 * avoid cancellation. Skewness and kurtosis are those
 * of the P&L (not of the loss): a long left P&L tail gives negative skewness.
 * When every value with positive weight is equal (m_2 = 0) the mean is that
 * value, sd is exactly 0, and skewness and kurtosis are undefined: NaN.
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
  const w = (i: number): number => (weights === undefined ? 1 : weights[i]);
  // A constant sample (over the paths that carry weight) has sd 0 exactly: Σ x / n is
  // not x in floating point (0.1 · 3 / 3 = 0.10000000000000002), so it is detected, not computed.
  let first = NaN;
  let constant = true;
  for (let i = 0; i < n && constant; i++) {
    if (w(i) === 0) continue;
    if (Number.isNaN(first)) first = pnl[i];
    else if (pnl[i] !== first) constant = false;
  }
  if (constant) return { mean: first, sd: 0, skewness: NaN, excessKurtosis: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w(i) * pnl[i];
  let mean = sum / total;
  // Corrected two-pass: the rounding error left in the mean is Σ w (x − mean) / W; adding
  // it back makes the central sums below free of the cancellation a shifted mean causes.
  let residual = 0;
  for (let i = 0; i < n; i++) residual += w(i) * (pnl[i] - mean);
  mean += residual / total;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w(i);
    const d = pnl[i] - mean;
    const d2 = d * d;
    m2 += wi * d2;
    m3 += wi * d2 * d;
    m4 += wi * d2 * d2;
  }
  m2 /= total;
  m3 /= total;
  m4 /= total;
  if (m2 === 0) return { mean, sd: 0, skewness: NaN, excessKurtosis: NaN };
  return { mean, sd: Math.sqrt(m2), skewness: m3 / (m2 * Math.sqrt(m2)), excessKurtosis: m4 / (m2 * m2) - 3 };
}

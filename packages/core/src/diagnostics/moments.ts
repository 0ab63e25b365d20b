import { assetColumn, type WindowSet } from './window-set.js';

/** Per-asset moments of daily returns (pooled over all windows and days). */
export interface AssetMoments {
  readonly mean: Float64Array;
  /** Sample standard deviation, √(Σ(x − x̄)² / (n − 1)). */
  readonly std: Float64Array;
  /** Moment skewness g1 = m3 / m2^{3/2}, with m_k = Σ(x − x̄)^k / n. */
  readonly skew: Float64Array;
  /** Moment excess kurtosis g2 = m4 / m2² − 3 (0 for a normal distribution). */
  readonly excessKurtosis: Float64Array;
}

/**
 * Moments of one sample: mean x̄, sample std (n − 1 denominator), moment
 * skewness m3/m2^{3/2} and excess kurtosis m4/m2² − 3 with central moments
 * m_k = Σ(x − x̄)^k / n. A constant sample has skewness and kurtosis 0.
 */
export function sampleMoments(x: ArrayLike<number>): { mean: number; std: number; skew: number; excessKurtosis: number } {
  const n = x.length;
  if (n < 2) throw new RangeError(`sampleMoments needs at least 2 values, got ${n}`);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const std = Math.sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return { mean, std: 0, skew: 0, excessKurtosis: 0 };
  return { mean, std, skew: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** {@link sampleMoments} of every asset's daily returns, pooled over the windows. */
export function assetMoments(w: WindowSet): AssetMoments {
  const A = w.nAssets;
  const out = { mean: new Float64Array(A), std: new Float64Array(A), skew: new Float64Array(A), excessKurtosis: new Float64Array(A) };
  for (let a = 0; a < A; a++) {
    const m = sampleMoments(assetColumn(w, a));
    out.mean[a] = m.mean;
    out.std[a] = m.std;
    out.skew[a] = m.skew;
    out.excessKurtosis[a] = m.excessKurtosis;
  }
  return out;
}

import { checkFiniteSample } from './validate.js';

/**
 * Newey–West (1987) long-run variance of a series x_1..x_T: the variance of
 * √T · x̄ allowing for autocorrelation up to `lag` L, with Bartlett weights
 *
 *   γ_k = (1/T) Σ_{t=k+1}^{T} (x_t − c)(x_{t−k} − c)
 *   σ²_LR = γ_0 + 2 Σ_{k=1}^{L} (1 − k/(L + 1)) γ_k
 *
 * where the centre c is the sample mean x̄ unless `center` is given (a
 * hypothesised mean, as in a score test). The Bartlett weights make σ²_LR >= 0
 * for any series. The default bandwidth is the Newey–West (1994) rule of thumb
 * L = floor(4 (T/100)^{2/9}), capped at T − 1 (e.g. 4 at T = 250, 5 at T = 500).
 *
 * @param x the series (finite, at least one value)
 * @param lag L, a non-negative integer (default: the rule above); values >= T are capped at T − 1
 * @param center c (default: the sample mean)
 * @throws {RangeError} on a non-finite value, an empty series or an invalid lag
 * @example
 * // x = 1, 2, 3, 4, mean 2.5, deviations −1.5 −0.5 0.5 1.5:
 * // γ0 = 5/4, γ1 = (0.75 − 0.25 + 0.75)/4 = 5/16, L = 1: 5/4 + 2 · (1/2) · (5/16) = 1.5625
 * neweyWestVariance([1, 2, 3, 4], 1); // => 1.5625
 */
export function neweyWestVariance(x: ArrayLike<number>, lag?: number, center?: number): number {
  checkFiniteSample(x, 'x');
  const T = x.length;
  const L = Math.min(lag === undefined ? neweyWestDefaultLag(T) : checkLag(lag), T - 1);
  let c: number;
  if (center === undefined) {
    c = 0;
    for (let t = 0; t < T; t++) c += x[t];
    c /= T;
  } else {
    if (!Number.isFinite(center)) throw new RangeError(`center must be a finite number, got ${String(center)}`);
    c = center;
  }
  const dev = new Float64Array(T);
  for (let t = 0; t < T; t++) dev[t] = x[t] - c;
  let variance = 0;
  for (let t = 0; t < T; t++) variance += dev[t] * dev[t];
  for (let k = 1; k <= L; k++) {
    let g = 0;
    for (let t = k; t < T; t++) g += dev[t] * dev[t - k];
    variance += 2 * (1 - k / (L + 1)) * g;
  }
  variance /= T;
  return variance > 0 ? variance : 0; // >= 0 in exact arithmetic; rounding may dip below
}

/** Newey–West (1994) rule-of-thumb bandwidth floor(4 (T/100)^{2/9}). */
export function neweyWestDefaultLag(T: number): number {
  return Math.floor(4 * Math.pow(T / 100, 2 / 9));
}

function checkLag(lag: number): number {
  if (!Number.isSafeInteger(lag) || lag < 0) throw new RangeError(`lag must be a non-negative integer, got ${String(lag)}`);
  return lag;
}

import type { WindowSet } from './window-set.js';

/**
 * Return over each whole window of an equal-weight portfolio bought at the
 * window's start: R_w = (1/A) Σ_a (exp(Σ_t r_{w,t,a}) − 1), a simple return
 * (−0.1 = lost 10%), with r daily log returns.
 */
export function equalWeightWindowReturns(w: WindowSet): Float64Array {
  const { nWindows, horizon: H, nAssets: A, values } = w;
  const out = new Float64Array(nWindows);
  const cum = new Float64Array(A);
  for (let win = 0; win < nWindows; win++) {
    cum.fill(0);
    for (let t = 0; t < H; t++) {
      const base = (win * H + t) * A;
      for (let a = 0; a < A; a++) cum[a] += values[base + a];
    }
    let s = 0;
    for (let a = 0; a < A; a++) s += Math.expm1(cum[a]);
    out[win] = s / A;
  }
  return out;
}

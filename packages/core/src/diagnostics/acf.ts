import type { WindowSet } from './window-set.js';

/**
 * Serial dependence within windows, pooled over windows. Pairs never cross a
 * window boundary (consecutive windows of generated paths are not consecutive
 * days), so for one window spanning a whole series these are the usual sample
 * statistics.
 */

/**
 * Autocorrelation of each asset's returns (`abs` false) or absolute returns
 * (`abs` true) at lags 1..maxLag: ρ_k = c_k / c_0 with
 * c_k = mean over all pairs (t, t+k) inside a window of (y_t − ȳ)(y_{t+k} − ȳ),
 * c_0 = mean of (y_t − ȳ)², ȳ the mean of all values. Result is A × maxLag,
 * row-major (`out[a * maxLag + k − 1]`); NaN where a lag has no pairs.
 */
export function acfByAsset(w: WindowSet, maxLag: number, abs: boolean): Float64Array {
  const { nWindows, horizon: H, nAssets: A, values } = w;
  const out = new Float64Array(A * maxLag);
  const y = new Float64Array(nWindows * H);
  for (let a = 0; a < A; a++) {
    let mean = 0;
    for (let i = 0, j = a; i < y.length; i++, j += A) {
      const v = abs ? Math.abs(values[j]) : values[j];
      y[i] = v;
      mean += v;
    }
    mean /= y.length;
    let c0 = 0;
    for (let i = 0; i < y.length; i++) {
      y[i] -= mean;
      c0 += y[i] * y[i];
    }
    c0 /= y.length;
    for (let k = 1; k <= maxLag; k++) {
      if (k >= H) {
        out[a * maxLag + k - 1] = NaN;
        continue;
      }
      let ck = 0;
      for (let win = 0; win < nWindows; win++) {
        const base = win * H;
        for (let t = 0; t + k < H; t++) ck += y[base + t] * y[base + t + k];
      }
      ck /= nWindows * (H - k);
      out[a * maxLag + k - 1] = c0 > 0 ? ck / c0 : 0;
    }
  }
  return out;
}

/**
 * Leverage effect: corr(r_t, |r_{t+k}|) for k = 1..maxLag per asset, the
 * covariance of the return with the later absolute return (pairs inside a
 * window, centred on the pooled means) over the product of their standard
 * deviations. Negative in equity data: falls are followed by higher volatility.
 * A × maxLag row-major, NaN where a lag has no pairs.
 */
export function leverageByAsset(w: WindowSet, maxLag: number): Float64Array {
  const { nWindows, horizon: H, nAssets: A, values } = w;
  const n = nWindows * H;
  const out = new Float64Array(A * maxLag);
  const r = new Float64Array(n);
  const m = new Float64Array(n);
  for (let a = 0; a < A; a++) {
    let mr = 0, mm = 0;
    for (let i = 0, j = a; i < n; i++, j += A) {
      r[i] = values[j];
      m[i] = Math.abs(values[j]);
      mr += r[i];
      mm += m[i];
    }
    mr /= n;
    mm /= n;
    let vr = 0, vm = 0;
    for (let i = 0; i < n; i++) {
      r[i] -= mr;
      m[i] -= mm;
      vr += r[i] * r[i];
      vm += m[i] * m[i];
    }
    const scale = Math.sqrt((vr / n) * (vm / n));
    for (let k = 1; k <= maxLag; k++) {
      if (k >= H) {
        out[a * maxLag + k - 1] = NaN;
        continue;
      }
      let c = 0;
      for (let win = 0; win < nWindows; win++) {
        const base = win * H;
        for (let t = 0; t + k < H; t++) c += r[base + t] * m[base + t + k];
      }
      c /= nWindows * (H - k);
      out[a * maxLag + k - 1] = scale > 0 ? c / scale : 0;
    }
  }
  return out;
}

/** Mean over assets of an A × L row-major table, per lag (NaN entries skipped). */
export function meanOverAssets(table: Float64Array, nAssets: number, nLags: number): Float64Array {
  const out = new Float64Array(nLags);
  for (let k = 0; k < nLags; k++) {
    let s = 0, n = 0;
    for (let a = 0; a < nAssets; a++) {
      const v = table[a * nLags + k];
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    }
    out[k] = n > 0 ? s / n : NaN;
  }
  return out;
}

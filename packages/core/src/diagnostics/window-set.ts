/**
 * Windows of daily log returns in the path layout used everywhere in
 * tailforge: `values[(w * horizon + t) * nAssets + a]` is the return of asset
 * `a` on day `t` of window `w`. Real held-out windows, generated paths and
 * baseline paths all take this form, so one set of statistics serves all.
 */
export interface WindowSet {
  readonly values: Float32Array | Float64Array;
  readonly nWindows: number;
  readonly horizon: number;
  readonly nAssets: number;
}

/** Checks the shape of a window set (a programming error, not user input). */
export function checkWindowSet(w: WindowSet, what = 'window set'): void {
  if (!Number.isInteger(w.nWindows) || !Number.isInteger(w.horizon) || !Number.isInteger(w.nAssets) || w.nWindows < 1 || w.horizon < 1 || w.nAssets < 1) {
    throw new RangeError(`${what}: nWindows, horizon and nAssets must be positive integers`);
  }
  if (w.values.length !== w.nWindows * w.horizon * w.nAssets) {
    throw new RangeError(`${what}: ${w.values.length} values, expected ${w.nWindows} × ${w.horizon} × ${w.nAssets}`);
  }
}

/** The daily returns of one asset across all windows and days, in window order. */
export function assetColumn(w: WindowSet, asset: number): Float64Array {
  const n = w.nWindows * w.horizon;
  const out = new Float64Array(n);
  for (let i = 0, j = asset; i < n; i++, j += w.nAssets) out[i] = w.values[j];
  return out;
}

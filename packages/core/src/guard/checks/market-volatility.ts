import type { DataCheckContext } from './context.js';

/** Half-width of the centred window of the market volatility: 10 rows each side (21 rows, about a trading month). */
export const VOL_HALF_WINDOW = 10;
/** A date whose market volatility is at or above this percentile of the whole history is in a high-volatility period. */
export const HIGH_VOL_PERCENTILE = 0.9;

/**
 * The market's volatility around each date, as a percentile of its own
 * history. The market return m_t is the equal-weight mean of the assets' log
 * returns on row t, leaving out returns that start or end on a filled price
 * (a filled day's flat return and the catch-up jump after it); its
 * volatility v_t = √(mean of m² over the rows t − 10 … t + 10) (not demeaned,
 * fewer rows at the ends). The percentile of v_t is the share of rows with
 * volatility ≤ v_t. Returns one percentile per price row (row 0 takes row 1's).
 */
export function marketVolatilityPercentile(ctx: DataCheckContext): Float64Array {
  const { returns, nReturns: n, filled, table } = ctx;
  const A = table.symbols.length;
  const T = table.dates.length;
  const m2 = new Float64Array(n);
  const has = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    let k = 0;
    for (let a = 0; a < A; a++) {
      if (filled[t * A + a] === 1 || filled[(t + 1) * A + a] === 1) continue;
      s += returns[t * A + a];
      k++;
    }
    if (k > 0) {
      const m = s / k;
      m2[t] = m * m;
      has[t] = 1;
    }
  }
  const vol = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    let k = 0;
    for (let u = Math.max(0, t - VOL_HALF_WINDOW); u <= Math.min(n - 1, t + VOL_HALF_WINDOW); u++) {
      if (has[u] === 1) {
        s += m2[u];
        k++;
      }
    }
    vol[t] = k > 0 ? Math.sqrt(s / k) : 0;
  }
  const sorted = Float64Array.from(vol).sort();
  const out = new Float64Array(T);
  for (let t = 0; t < n; t++) out[t + 1] = upperRank(sorted, vol[t]) / n;
  if (T > 1) out[0] = out[1];
  return out;
}

/** Number of values ≤ x in a sorted array. */
function upperRank(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per-position P&L matrices (scenarios × assets, row-major) and sums over a
 * subset of the assets: the P&L with only those risk factors shocked (the
 * positions are linear in their own price, so holding a factor at today's
 * value drops its column).
 */
export interface PositionPnl {
  /** rows × nAssets, row-major. */
  readonly values: Float64Array;
  readonly rows: number;
  readonly nAssets: number;
  /** Scenario weights (importance sampling); equal weights when absent. */
  readonly weights?: Float64Array;
}

/**
 * Today's positions under the overlapping h-day windows of days
 * first..first+count+h−2 of a T × A log-return matrix: row w, asset a holds
 * exposures[a] · (exp(Σ_{t=first+w}^{first+w+h−1} r[t,a]) − 1), as
 * `historicalPnl` computes per portfolio.
 */
export function historicalPositionPnl(returns: Float64Array, nAssets: number, exposures: Float64Array, horizon: number, first: number, count: number): PositionPnl {
  const values = new Float64Array(count * nAssets);
  const sums = new Float64Array(nAssets);
  for (let t = first; t < first + horizon; t++) for (let a = 0; a < nAssets; a++) sums[a] += returns[t * nAssets + a];
  for (let w = 0; w < count; w++) {
    if (w > 0) {
      const out = first + w - 1;
      const into = first + w + horizon - 1;
      for (let a = 0; a < nAssets; a++) sums[a] += returns[into * nAssets + a] - returns[out * nAssets + a];
    }
    for (let a = 0; a < nAssets; a++) values[w * nAssets + a] = exposures[a] * Math.expm1(sums[a]);
  }
  return { values, rows: count, nAssets };
}

/** P&L per scenario of the assets with include[a] true (the others held at today's value). */
export function subsetPnl(m: PositionPnl, include: ArrayLike<boolean>): Float64Array {
  const out = new Float64Array(m.rows);
  const A = m.nAssets;
  for (let p = 0; p < m.rows; p++) {
    let s = 0;
    for (let a = 0; a < A; a++) if (include[a]) s += m.values[p * A + a];
    out[p] = s;
  }
  return out;
}

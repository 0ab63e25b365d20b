/**
 * Model-independent features of the market state the anomaly score works on,
 * from daily log returns r[t, a] over the `stateWindow` days up to and
 * including the state's date. With m_t = (1/A) Σ_a r[t, a] the equal-weight
 * market return and lv(x) = ½·ln(mean(x²) + 1e-10) a log realised volatility
 * (not demeaned), in this order:
 *
 *   0            lv(m) over the stateWindow days        market volatility regime
 *   1            lv(m) over the last RECENT_DAYS days   the market's short-term volatility
 *   2 .. 1+A     lv(r[·, a]) over the stateWindow days  each asset's volatility regime
 *   2+A .. 6+A   m over the last RECENT_DAYS days, oldest first
 *   7+A .. 6+2A  Σ r[·, a] over the last RECENT_DAYS days, each asset's recent move
 *
 * They need no fitted model, so any history can be scored; a conditional
 * model's own state (the cgan's filtered volatilities) is a function of the
 * same returns.
 */
export const RECENT_DAYS = 5;
const VOL_FLOOR = 1e-10;

export function marketStateSize(nAssets: number): number {
  return 2 * nAssets + 2 + RECENT_DAYS;
}

/** Names of the features in order, e.g. `logVol20.market`, `logVol20.IBM`, `return5.IBM`. */
export function marketStateNames(symbols: readonly string[], stateWindow: number): string[] {
  const names = [`logVol${stateWindow}.market`, `logVolRecent${RECENT_DAYS}.market`];
  for (const s of symbols) names.push(`logVol${stateWindow}.${s}`);
  for (let k = RECENT_DAYS; k >= 1; k--) names.push(`return.market.t-${k - 1}`);
  for (const s of symbols) names.push(`return${RECENT_DAYS}.${s}`);
  return names;
}

/**
 * Writes the features computed from rows [end − stateWindow, end) of a
 * row-major T × A matrix of log returns into `out[offset ..]`.
 * Needs end ≥ stateWindow ≥ RECENT_DAYS.
 */
export function marketStateFromRows(rows: ArrayLike<number>, nAssets: number, end: number, stateWindow: number, out: Float64Array, offset = 0): void {
  const A = nAssets;
  const first = end - stateWindow;
  const recentFirst = end - RECENT_DAYS;
  let m2 = 0;
  let m2Recent = 0;
  const o = offset;
  for (let a = 0; a < A; a++) {
    out[o + 2 + a] = 0;
    out[o + 2 + A + RECENT_DAYS + a] = 0;
  }
  for (let t = first; t < end; t++) {
    const base = t * A;
    let m = 0;
    for (let a = 0; a < A; a++) {
      const r = rows[base + a];
      m += r;
      out[o + 2 + a] += r * r;
      if (t >= recentFirst) out[o + 2 + A + RECENT_DAYS + a] += r;
    }
    m /= A;
    m2 += m * m;
    if (t >= recentFirst) {
      m2Recent += m * m;
      out[o + 2 + A + (t - recentFirst)] = m;
    }
  }
  out[o] = 0.5 * Math.log(m2 / stateWindow + VOL_FLOOR);
  out[o + 1] = 0.5 * Math.log(m2Recent / RECENT_DAYS + VOL_FLOOR);
  for (let a = 0; a < A; a++) out[o + 2 + a] = 0.5 * Math.log(out[o + 2 + a] / stateWindow + VOL_FLOOR);
}

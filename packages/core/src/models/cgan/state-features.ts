import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import type { ConditioningState } from '../model.js';

/**
 * The cgan's conditioning state: what the market looked like just before a
 * window starts, computed from daily log returns r[t, a] over the
 * `stateWindow` days up to and including the state's date. With
 * m_t = (1/A) Σ_a r[t, a] the equal-weight market return and
 * lv(x) = ½·ln(mean(x²) + 1e-10) a log realised volatility (not demeaned),
 * the values are, in this order:
 *
 *   0            lv(m) over the stateWindow days        market volatility regime
 *   1            lv(m) over the last RECENT_DAYS days   the market's short-term volatility
 *   2 .. 1+A     lv(r[·, a]) over the stateWindow days  each asset's volatility regime
 *   2+A .. 6+A   m over the last RECENT_DAYS days, oldest first
 *   7+A .. 6+2A  Σ r[·, a] over the last RECENT_DAYS days, each asset's recent move
 *
 * States are in these natural units (a log volatility of −4 is about 1.8% a
 * day), so a user can write or edit one; the model standardises them inside.
 */

export const RECENT_DAYS = 5;
const VOL_FLOOR = 1e-10;

export function stateSize(nAssets: number): number {
  return 2 * nAssets + 2 + RECENT_DAYS;
}

/** Names of the state's values in order, e.g. `logVol20.market`, `logVol20.IBM`, `return5.IBM`. */
export function stateFeatureNames(symbols: readonly string[], stateWindow: number): string[] {
  const names = [`logVol${stateWindow}.market`, `logVolRecent${RECENT_DAYS}.market`];
  for (const s of symbols) names.push(`logVol${stateWindow}.${s}`);
  for (let k = RECENT_DAYS; k >= 1; k--) names.push(`return.market.t-${k - 1}`);
  for (const s of symbols) names.push(`return${RECENT_DAYS}.${s}`);
  return names;
}

/**
 * Writes the state computed from rows [end − stateWindow, end) of a row-major
 * T × A matrix of log returns into `out[offset ..]`. Needs end ≥ stateWindow ≥ RECENT_DAYS.
 */
export function stateFromRows(
  rows: ArrayLike<number>,
  nAssets: number,
  end: number,
  stateWindow: number,
  out: Float64Array | Float32Array,
  offset = 0,
): void {
  const A = nAssets;
  const first = end - stateWindow;
  const recentFirst = end - RECENT_DAYS;
  let m2 = 0, m2Recent = 0;
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

/**
 * The state as of the close of date index `t` (its stateWindow returns end
 * with day t's), for the window that starts the next day. InputError when
 * fewer than stateWindow returns lead up to t.
 */
export function stateAt(returns: ReturnsMatrix, t: number, stateWindow: number): ConditioningState {
  const T = returns.dates.length;
  if (!Number.isInteger(t) || t < 0 || t >= T) throw new InputError(`date index ${t} is outside the returns (0..${T - 1})`);
  if (t + 1 < stateWindow) {
    throw new InputError(`the state on ${returns.dates[t]} needs ${stateWindow} daily returns up to it, the data has ${t + 1}`);
  }
  const values = new Float64Array(stateSize(returns.symbols.length));
  stateFromRows(returns.values, returns.symbols.length, t + 1, stateWindow, values);
  return { values, label: returns.dates[t] };
}

/** The state as of the last date of `returns`, labelled `latest`. */
export function latestState(returns: ReturnsMatrix, stateWindow: number): ConditioningState {
  const s = stateAt(returns, returns.dates.length - 1, stateWindow);
  return { values: s.values, label: 'latest' };
}

/**
 * A quantile of the historical states: among every date with a full state,
 * the one whose market volatility regime (value 0) is the lower empirical
 * q-quantile (the ⌈q·n⌉-th smallest). It is a state that really occurred, so
 * its values are mutually consistent. Label `p99` for q = 0.99.
 */
export function historicalStateQuantile(
  returns: ReturnsMatrix,
  q: number,
  stateWindow: number,
): { state: ConditioningState; index: number; date: string } {
  if (!(q >= 0 && q <= 1)) throw new InputError(`state quantile must be in [0, 1], got ${q}`);
  const T = returns.dates.length;
  const A = returns.symbols.length;
  const n = T - stateWindow + 1;
  if (n < 1) throw new InputError(`state quantiles need at least ${stateWindow} daily returns, got ${T}`);
  const vol = new Float64Array(n);
  const tmp = new Float64Array(stateSize(A));
  for (let i = 0; i < n; i++) {
    stateFromRows(returns.values, A, stateWindow + i, stateWindow, tmp);
    vol[i] = tmp[0];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => vol[x] - vol[y] || x - y);
  const k = Math.max(1, Math.ceil(q * n - 1e-12)) - 1;
  const index = order[k] + stateWindow - 1;
  const s = stateAt(returns, index, stateWindow);
  const pct = Math.round(q * 1000) / 10;
  return { state: { values: s.values, label: `p${pct}` }, index, date: returns.dates[index] };
}

/** Checks a user-given state: right length, finite values. */
export function checkState(state: ConditioningState, nAssets: number): void {
  const n = stateSize(nAssets);
  const where = state.label !== undefined ? ` ("${state.label}")` : '';
  if (!(state.values instanceof Float64Array) || state.values.length !== n) {
    throw new InputError(`a cgan state${where} for ${nAssets} assets has ${n} values, got ${state.values?.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(state.values[i])) throw new InputError(`cgan state${where}: value ${i} is not finite (${state.values[i]})`);
  }
}

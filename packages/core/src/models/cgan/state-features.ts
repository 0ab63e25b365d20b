import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import type { ConditioningState } from '../model.js';
import { arResiduals, type ArCoefficients } from './ar-mean.js';
import { gjrLongRunVariance, gjrNext, type GjrParams } from './gjr-garch.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { ceil: M_ceil, log: M_log, max: M_max, round: M_round } = Math;

/**
 * The volatility filter and the conditioning state of the cgan.
 *
 * Filter: per asset a, r_t = μ_a + Σ_{j=1..p} φ_{a,j}(r_{t−j} − μ_a) + ε_t,
 * ε_t = σ_t·z_t with a GJR-GARCH(1,1) variance of ε (gjr-garch.ts); μ_a is the
 * training mean, φ the autoregressive mean (ar-mean.ts; p = the `arLags`
 * parameter, none in models saved before it). Run over any returns matrix,
 * the recursion starts at the long-run variance ω/(1 − π) and the AR lags at
 * zero deviation on its first day (it forgets the start at rate β per day).
 *
 * State as of the close of day t (for paths starting on day t + 1), in natural
 * units so a user can read or edit one:
 *
 *   0         (1/A)·Σ_a ln(σ_{a,t+1}/σ̄_a)   the market's volatility level against its long run (σ̄_a = √(long-run variance))
 *   1         Σ over the last stateWindow days of the equal-weight mean log return  (recent market move)
 *   2 .. 1+A  ln σ_{a,t+1}                    each asset's filtered volatility for tomorrow (daily, log)
 *
 * Values 2.. start the volatility recursion of generated paths; value 0 is
 * their average relative level (it ranks states for `--regime`); the
 * generator sees value 0, value 1 and ln(σ_a/σ̄_a) per asset, standardised.
 */

export interface VolFilter {
  /** Training mean return per asset (the `historical` drift). */
  readonly mean: Float64Array;
  readonly omega: Float64Array;
  readonly alpha: Float64Array;
  readonly gamma: Float64Array;
  readonly beta: Float64Array;
  /** AR coefficients of the mean, A × p row-major (ar-mean.ts); absent: no AR term (p = 0, models saved before it). */
  readonly ar?: ArCoefficients;
}

/** Lags p of the filter's AR mean (0 without one). */
export function arOrder(f: VolFilter): number {
  return f.ar === undefined ? 0 : f.ar.length / f.mean.length;
}

export function assetGjr(f: VolFilter, a: number): GjrParams {
  return { omega: f.omega[a], alpha: f.alpha[a], gamma: f.gamma[a], beta: f.beta[a] };
}

export function longRunVariances(f: VolFilter): Float64Array {
  return Float64Array.from(f.mean, (_, a) => gjrLongRunVariance(assetGjr(f, a)));
}

export function stateSize(nAssets: number): number {
  return nAssets + 2;
}

/** Names of the state's values in order. */
export function stateFeatureNames(symbols: readonly string[], stateWindow: number): string[] {
  return ['volLevel.market', `return${stateWindow}.market`, ...symbols.map((s) => `logVol.${s}`)];
}

/**
 * Conditional variances σ²_t of every day t = 0..T−1 and of day T (row T),
 * (T + 1) × A row-major, filtering `values` (T × A log returns): the GJR
 * recursion on the AR residuals ε (ar-mean.ts).
 */
export function filterVariances(values: ArrayLike<number>, T: number, f: VolFilter): Float64Array {
  const A = f.mean.length;
  const out = new Float64Array((T + 1) * A);
  const lr = longRunVariances(f);
  // Without an AR mean ε = r − μ (computed in the loop, as before the AR term existed).
  const eps = f.ar === undefined ? undefined : arResiduals(values, T, A, f.mean, f.ar);
  for (let a = 0; a < A; a++) {
    const p = assetGjr(f, a);
    let s2 = lr[a];
    for (let t = 0; t < T; t++) {
      out[t * A + a] = s2;
      s2 = gjrNext(p, s2, eps === undefined ? values[t * A + a] - f.mean[a] : eps[t * A + a]);
    }
    out[T * A + a] = s2;
  }
  return out;
}

/**
 * Writes the state for next-day variances `nextVar` (A values) and the
 * returns `recent` (the last stateWindow days, row-major) into out[offset..].
 */
export function stateFrom(nextVar: ArrayLike<number>, recent: ArrayLike<number>, logLongRunVol: Float64Array, out: Float64Array | Float32Array, offset = 0): void {
  const A = logLongRunVol.length;
  let level = 0, move = 0;
  for (let a = 0; a < A; a++) {
    const lv = 0.5 * M_log(nextVar[a]);
    out[offset + 2 + a] = lv;
    level += lv - logLongRunVol[a];
  }
  for (let i = 0; i < recent.length; i++) move += recent[i];
  out[offset] = level / A;
  out[offset + 1] = move / A;
}

export function logLongRunVols(f: VolFilter): Float64Array {
  return longRunVariances(f).map((v) => 0.5 * M_log(v));
}

/** Every state of a returns matrix: state i is as of day stateWindow − 1 + i (n = T − stateWindow + 1 of them), n × S. */
export function allStates(returns: ReturnsMatrix, f: VolFilter, stateWindow: number): { states: Float64Array; first: number; n: number } {
  const A = returns.symbols.length, T = returns.dates.length, S = stateSize(A);
  const n = T - stateWindow + 1;
  if (n < 1) throw new InputError(`a cgan state needs ${stateWindow} daily returns, the data has ${T}`);
  const v = filterVariances(returns.values, T, f);
  const llr = logLongRunVols(f);
  const states = new Float64Array(n * S);
  for (let i = 0; i < n; i++) {
    const t = stateWindow - 1 + i;
    stateFrom(v.subarray((t + 1) * A, (t + 2) * A), returns.values.subarray((t + 1 - stateWindow) * A, (t + 1) * A), llr, states, i * S);
  }
  return { states, first: stateWindow - 1, n };
}

/** The state as of the close of date index t (InputError when fewer than stateWindow returns lead up to it). */
export function stateAt(returns: ReturnsMatrix, t: number, f: VolFilter, stateWindow: number): ConditioningState {
  const T = returns.dates.length, A = returns.symbols.length;
  if (!Number.isInteger(t) || t < 0 || t >= T) throw new InputError(`date index ${t} is outside the returns (0..${T - 1})`);
  if (t + 1 < stateWindow) throw new InputError(`the state on ${returns.dates[t]} needs ${stateWindow} daily returns up to it, the data has ${t + 1}`);
  const v = filterVariances(returns.values.subarray(0, (t + 1) * A), t + 1, f);
  const values = new Float64Array(stateSize(A));
  stateFrom(v.subarray((t + 1) * A), returns.values.subarray((t + 1 - stateWindow) * A, (t + 1) * A), logLongRunVols(f), values);
  return { values, label: returns.dates[t] };
}

/**
 * A quantile of the historical states: among every date with a full state, the
 * one whose volatility level (value 0) is the lower empirical q-quantile (the
 * ⌈q·n⌉-th smallest): a state that really occurred. Label `p99` for q = 0.99.
 */
export function historicalStateQuantile(returns: ReturnsMatrix, q: number, f: VolFilter, stateWindow: number): { state: ConditioningState; index: number; date: string } {
  if (!(q >= 0 && q <= 1)) throw new InputError(`state quantile must be in [0, 1], got ${q}`);
  const S = stateSize(returns.symbols.length);
  const { states, first, n } = allStates(returns, f, stateWindow);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => states[x * S] - states[y * S] || x - y);
  const k = M_max(1, M_ceil(q * n - 1e-12)) - 1;
  const i = order[k];
  const pct = M_round(q * 1000) / 10;
  return { state: { values: states.slice(i * S, (i + 1) * S), label: `p${pct}` }, index: first + i, date: returns.dates[first + i] };
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

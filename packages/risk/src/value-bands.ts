import type { PathCube } from './types.js';

/** Day-wise quantiles of the portfolio value along the scenario paths, for the fan chart. */
export interface ValueBands {
  /** Probabilities of the bands' edges, ascending. */
  readonly probs: readonly number[];
  /** Steps per path; days run 0..horizon (day 0 is today's value). */
  readonly horizon: number;
  /** (horizon + 1) × probs.length quantiles, row-major by day: quantiles[t · P + k] is the probs[k]-quantile of V_t. */
  readonly quantiles: Float64Array;
  /** Paths the quantiles were taken over (evenly spaced through the set when it is larger than the budget). */
  readonly sampledPaths: number;
  readonly totalPaths: number;
}

export const DEFAULT_BAND_PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Values kept at most while computing: (horizon + 1) × sampled paths doubles (16 MB). */
const DEFAULT_MAX_VALUES = 2_000_000;

/**
 * Day-wise quantiles of the portfolio value
 *
 *   V_0 = Σ_a e_a,   V_t = Σ_a e_a · exp(Σ_{s<t} r[p,s,a])   (t = 1..H)
 *
 * (as `simulatePortfolio`), over paths p. The quantile is the lower one used
 * for VaR: Q(q) = inf{ v : F(v) ≥ q } of the (weighted) empirical
 * distribution, i.e. with equal weights the ⌈q·n⌉-th smallest of n values.
 *
 * Memory stays bounded for huge runs: when nPaths × (H + 1) exceeds
 * `maxValues`, the quantiles are taken over m = ⌊maxValues / (H + 1)⌋ paths
 * p_i = ⌊i · nPaths / m⌋ (evenly spaced, deterministic; paths are i.i.d. so
 * this is a plain subsample). Exact when all paths fit.
 *
 * @param paths log-return cube `values[(p · H + t) · A + a]`
 * @param exposures market value per asset (aligned with the cube's assets)
 * @example
 * // one asset worth 100, two one-day paths with log returns ln 1.1 and ln 0.9
 * valueBands({ values: Float64Array.of(Math.log(1.1), Math.log(0.9)), nPaths: 2, horizon: 1, nAssets: 1 }, Float64Array.of(100), { probs: [0.5] });
 * // => quantiles [100, 90] (day 0, day 1: the lower median of {90, 110})
 */
export function valueBands(
  paths: PathCube,
  exposures: Float64Array,
  options: { probs?: readonly number[]; weights?: Float64Array; maxValues?: number } = {},
): ValueBands {
  const { values, nPaths, horizon: H, nAssets: A } = paths;
  const probs = [...(options.probs ?? DEFAULT_BAND_PROBS)];
  for (const q of probs) if (!(q > 0 && q < 1)) throw new RangeError(`band probabilities must be in (0, 1), got ${q}`);
  if (exposures.length !== A) throw new RangeError(`exposures has length ${exposures.length}, expected ${A}`);
  const stride = H + 1;
  const m = Math.max(1, Math.min(nPaths, Math.floor((options.maxValues ?? DEFAULT_MAX_VALUES) / stride)));
  let v0 = 0;
  for (let a = 0; a < A; a++) v0 += exposures[a];

  // Day-major: byDay[t · m + i] = V_t of the i-th sampled path, so each day is one contiguous slice to sort.
  const byDay = new Float64Array(stride * m);
  const w = options.weights !== undefined ? new Float64Array(m) : undefined;
  const mult = new Float64Array(A);
  for (let i = 0; i < m; i++) {
    const p = m === nPaths ? i : Math.floor((i * nPaths) / m);
    if (w !== undefined) w[i] = (options.weights as Float64Array)[p];
    mult.fill(1);
    byDay[i] = v0;
    let off = p * H * A;
    for (let t = 1; t <= H; t++) {
      let v = 0;
      for (let a = 0; a < A; a++) {
        const x = mult[a] * Math.exp(values[off + a]);
        mult[a] = x;
        v += exposures[a] * x;
      }
      off += A;
      byDay[t * m + i] = v;
    }
  }

  const P = probs.length;
  const quantiles = new Float64Array(stride * P);
  const order = w !== undefined ? new Uint32Array(m) : undefined;
  let totalW = 0;
  if (w !== undefined) for (let i = 0; i < m; i++) totalW += w[i];
  for (let t = 0; t < stride; t++) {
    const day = byDay.subarray(t * m, (t + 1) * m);
    if (w === undefined || order === undefined) {
      day.sort();
      for (let k = 0; k < P; k++) {
        // ⌈q·m⌉ with a guard against q·m landing a rounding error above an integer.
        const rank = Math.max(1, Math.ceil(Math.round(probs[k] * m * 1e9) / 1e9));
        quantiles[t * P + k] = day[rank - 1];
      }
    } else {
      for (let i = 0; i < m; i++) order[i] = i;
      order.sort((x, y) => day[x] - day[y]);
      let k = 0;
      let cum = 0;
      for (let j = 0; j < m && k < P; j++) {
        cum += w[order[j]];
        while (k < P && cum >= probs[k] * totalW * (1 - 1e-12)) quantiles[t * P + k++] = day[order[j]];
      }
      for (; k < P; k++) quantiles[t * P + k] = day[order[m - 1]];
    }
  }
  return { probs, horizon: H, quantiles, sampledPaths: m, totalPaths: nPaths };
}

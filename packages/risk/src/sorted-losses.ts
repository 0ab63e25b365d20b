// The weighted empirical loss distribution behind valueAtRisk, expectedShortfall
// and riskAtLevels: sorted once, then read at any number of confidence levels.
// Internal: not exported from index.ts.
import type { QuantileMethod } from './types.js';
import { checkConfidence, checkFiniteSample, checkWeights } from './validate.js';

/**
 * Slack on the probability scale when testing F_L(l) >= α. Products such as
 * 0.07 * 100 = 7.000000000000001 or running sums of weights carry rounding
 * error of order 1e-16 relative; without slack VaR would skip one order
 * statistic. 1e-12 is far above that noise and far below any meaningful
 * difference between confidence levels.
 */
export const PROBABILITY_SLACK = 1e-12;

/** Losses L = −P&L sorted ascending; `weights` in the same order, null for equal weights. */
export interface SortedLosses {
  readonly losses: Float64Array;
  readonly weights: Float64Array | null;
  readonly totalWeight: number;
}

/** Validates `pnl` (and `weights`) and returns the losses sorted ascending. */
export function sortLosses(pnl: ArrayLike<number>, weights?: ArrayLike<number>): SortedLosses {
  checkFiniteSample(pnl, 'pnl');
  const n = pnl.length;
  const losses = new Float64Array(n);
  // 0 - x rather than -x so that a zero P&L gives +0, not -0.
  for (let i = 0; i < n; i++) losses[i] = 0 - pnl[i];
  if (weights === undefined) {
    losses.sort();
    return { losses, weights: null, totalWeight: n };
  }
  const totalWeight = checkWeights(weights, n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => losses[i] - losses[j]);
  const sortedLosses = new Float64Array(n);
  const sortedWeights = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    sortedLosses[r] = losses[order[r]];
    sortedWeights[r] = weights[order[r]];
  }
  return { losses: sortedLosses, weights: sortedWeights, totalWeight };
}

/**
 * 0-based position k of VaR_α = inf{ l : F_L(l) >= α } in the sorted losses:
 * the first k whose cumulative weight reaches α (up to PROBABILITY_SLACK).
 * Equal weights: k + 1 = ceil(α N).
 */
export function varIndex(sorted: SortedLosses, alpha: number): number {
  const n = sorted.losses.length;
  const target = alpha - PROBABILITY_SLACK;
  const w = sorted.weights;
  if (w === null) {
    const k = Math.ceil(n * target) - 1;
    return k < 0 ? 0 : k >= n ? n - 1 : k;
  }
  const threshold = target * sorted.totalWeight;
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    cumulative += w[k];
    if (cumulative >= threshold) return k;
  }
  return n - 1; // only reachable through rounding in the running sum
}

/** VaR_α and ES_α (Acerbi–Tasche) of the sorted losses, see `expectedShortfall`. */
export function tailRisk(sorted: SortedLosses, alpha: number): { var: number; es: number } {
  checkConfidence(alpha);
  const { losses, weights, totalWeight } = sorted;
  const n = losses.length;
  const k = varIndex(sorted, alpha);
  const v = losses[k];
  // ES = VaR + Σ_{i>k} w_i (L_i − VaR) / ((1 − α) W): the Acerbi–Tasche formula
  // rewritten with Σ_{i<=k} w_i + Σ_{i>k} w_i = W. Every term is >= 0, so
  // ES >= VaR holds exactly in floating point too.
  let excess = 0;
  if (weights === null) {
    for (let i = k + 1; i < n; i++) excess += losses[i] - v;
  } else {
    for (let i = k + 1; i < n; i++) excess += weights[i] * (losses[i] - v);
  }
  return { var: v, es: v + excess / ((1 - alpha) * totalWeight) };
}

/**
 * Hyndman–Fan type 7 α-quantile of the sorted losses (equal weights):
 * h = (N − 1) α, Q = L_(⌊h⌋+1) + (h − ⌊h⌋) (L_(⌊h⌋+2) − L_(⌊h⌋+1)) (1-based order
 * statistics), as R's `quantile(type = 7)` and NumPy's `quantile(method = 'linear')`.
 * Weighted samples are refused unless every weight is equal: type 7 has no
 * standard weighted form.
 */
export function type7Quantile(sorted: SortedLosses, alpha: number): number {
  const { losses, weights } = sorted;
  const n = losses.length;
  if (weights !== null) {
    for (let i = 1; i < n; i++) {
      if (weights[i] !== weights[0]) throw new RangeError("quantileMethod 'type7' is defined for equal weights only; use 'lower' for a weighted sample");
    }
  }
  const h = (n - 1) * alpha;
  const j = Math.floor(h);
  if (j >= n - 1) return losses[n - 1];
  return losses[j] + (h - j) * (losses[j + 1] - losses[j]);
}

/** VaR_α of the sorted losses by `method` (see `valueAtRisk`). */
export function varOf(sorted: SortedLosses, alpha: number, method: QuantileMethod = 'lower'): number {
  if (method === 'lower') return sorted.losses[varIndex(sorted, alpha)];
  if (method === 'type7') return type7Quantile(sorted, alpha);
  throw new RangeError(`quantileMethod must be 'lower' or 'type7', got ${String(method)}`);
}

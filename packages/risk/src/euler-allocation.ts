// Shared pieces of the Euler allocations (componentES / componentVaR and the
// marginals). Internal: not exported from index.ts.
import { sortLosses, varIndex, type SortedLosses } from './sorted-losses.js';
import { checkConfidence, checkCount } from './validate.js';

/** Validates the position P&L block against the portfolio P&L and returns the sorted losses. */
export function prepareAllocation(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  nAssets: number,
  confidence: number,
  weights?: ArrayLike<number>,
): SortedLosses {
  checkConfidence(confidence);
  checkCount(nAssets, 'nAssets');
  if (nAssets < 1) throw new RangeError('nAssets must be >= 1');
  const sorted = sortLosses(pnl, weights);
  if (positionPnl.length !== pnl.length * nAssets) {
    throw new RangeError(
      `positionPnl has length ${positionPnl.length}, expected pnl.length × nAssets = ` +
        `${pnl.length} × ${nAssets} = ${pnl.length * nAssets}`,
    );
  }
  for (let i = 0; i < positionPnl.length; i++) {
    if (!Number.isFinite(positionPnl[i])) {
      throw new RangeError(`positionPnl[${i}] must be a finite number, got ${String(positionPnl[i])}`);
    }
  }
  return sorted;
}

/**
 * Acerbi–Tasche tail allocation: Σ_i θ_i · (−positionPnl[i, a]) with
 * θ_i = w_i / ((1 − α) W) for L_i > VaR and the rest of the (1 − α) mass,
 * 1 − Σ_{L>VaR} w / ((1 − α) W), shared by the paths with L_i = VaR in
 * proportion to their weights. Σ_i θ_i = 1 and Σ_i θ_i L_i = ES exactly
 * (in exact arithmetic), so the components add up to ES.
 */
export function tailAllocation(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  nAssets: number,
  confidence: number,
  sorted: SortedLosses,
  weights?: ArrayLike<number>,
): Float64Array {
  const n = pnl.length;
  const v = sorted.losses[varIndex(sorted, confidence)];
  const tailScale = 1 / ((1 - confidence) * sorted.totalWeight);
  let strictMass = 0;
  let atomMass = 0;
  for (let i = 0; i < n; i++) {
    const loss = 0 - pnl[i]; // as in sortLosses, so ties compare equal to v
    const w = weights === undefined ? 1 : weights[i];
    if (loss > v) strictMass += w;
    else if (loss === v) atomMass += w;
  }
  // Not clamped at 0: with the 1e-12 slack of varIndex the atom may carry a
  // tiny negative share, which keeps Σ components = ES to rounding.
  const atomShare = 1 - strictMass * tailScale;
  const atomScale = atomMass > 0 ? atomShare / atomMass : 0;
  const components = new Float64Array(nAssets);
  for (let i = 0; i < n; i++) {
    const loss = 0 - pnl[i];
    if (loss < v) continue;
    const w = weights === undefined ? 1 : weights[i];
    const theta = loss > v ? w * tailScale : w * atomScale;
    if (theta === 0) continue;
    const row = i * nAssets;
    for (let a = 0; a < nAssets; a++) components[a] -= theta * positionPnl[row + a];
  }
  return components;
}

/**
 * Relative tolerance under which two losses count as tied in the VaR window:
 * far above rounding (1e-16 relative, the noise of summing positions into a
 * path's P&L) and far below any difference a scenario set resolves.
 */
export const TIE_RELATIVE_TOLERANCE = 1e-9;

/** TIE_RELATIVE_TOLERANCE times the largest absolute loss of the sample (0 when every loss is 0). */
export function tieTolerance(sorted: SortedLosses): number {
  const n = sorted.losses.length;
  return TIE_RELATIVE_TOLERANCE * Math.max(Math.abs(sorted.losses[0]), Math.abs(sorted.losses[n - 1]));
}

/**
 * Default half-width of the VaR window: max(1, floor(√n / 2)) order
 * statistics on each side, a bandwidth that shrinks relative to n (√n/n) while
 * the number of paths averaged (≈ √n) grows.
 */
export function defaultVaRWindow(n: number): number {
  return Math.max(1, Math.floor(Math.sqrt(n) / 2));
}

/**
 * E_w[−positionPnl_a | L_(k−m) <= L <= L_(k+m)], the weighted mean of the
 * position losses over the paths whose loss lies between the (k − m)-th and
 * (k + m)-th order statistics (inclusive, ties included; k = VaR index,
 * clipped to the sample), rescaled so the components add up to VaR. Losses
 * within `tieTolerance` of either end count as ties, so the window never
 * splits a group of losses that differ only by rounding.
 */
export function windowAllocation(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  nAssets: number,
  confidence: number,
  sorted: SortedLosses,
  window: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const n = pnl.length;
  const k = varIndex(sorted, confidence);
  const v = sorted.losses[k];
  // Losses within the tie tolerance of the window's ends count as ties and are all in:
  // a perturbation at rounding level must not split a group of (near-)equal losses.
  const tol = tieTolerance(sorted);
  const lo = sorted.losses[Math.max(0, k - window)] - tol;
  const hi = sorted.losses[Math.min(n - 1, k + window)] + tol;
  const raw = new Float64Array(nAssets);
  let mass = 0;
  for (let i = 0; i < n; i++) {
    const loss = 0 - pnl[i];
    if (loss < lo || loss > hi) continue;
    const w = weights === undefined ? 1 : weights[i];
    if (w === 0) continue;
    mass += w;
    const row = i * nAssets;
    for (let a = 0; a < nAssets; a++) raw[a] -= w * positionPnl[row + a];
  }
  let total = 0;
  for (let a = 0; a < nAssets; a++) {
    raw[a] /= mass;
    total += raw[a];
  }
  // Rescale to VaR: Σ raw is the window's mean loss, close to VaR. A window
  // whose mean loss is exactly 0 cannot be rescaled and is returned as is.
  if (total !== 0) {
    const scale = v / total;
    for (let a = 0; a < nAssets; a++) raw[a] *= scale;
  }
  return raw;
}

/** Component / exposure per asset; NaN where the exposure is 0 (no position, no per-unit sensitivity). */
export function perUnitExposure(components: Float64Array, exposures: ArrayLike<number>): Float64Array {
  const out = new Float64Array(components.length);
  for (let a = 0; a < components.length; a++) {
    const e = exposures[a];
    if (!Number.isFinite(e)) throw new RangeError(`exposures[${a}] must be a finite number, got ${String(e)}`);
    out[a] = e === 0 ? NaN : components[a] / e;
  }
  return out;
}

import { defaultVaRWindow, prepareAllocation, windowAllocation } from './euler-allocation.js';
import type { ComponentVaROptions } from './types.js';

/**
 * Euler allocation of VaR to positions, VaR_a = E[ −positionPnl_a | L = VaR_α ],
 * estimated on a window of order statistics around VaR (a single scenario at
 * the quantile is far too noisy):
 *
 *   raw_a = Σ_{i ∈ window} w_i (−positionPnl[i, a]) / Σ_{i ∈ window} w_i,
 *   window = paths with L_(k−m) − τ <= L_i <= L_(k+m) + τ  (ties included),
 *   VaR_a = raw_a · VaR_α / Σ_b raw_b,
 *
 * where L = −pnl, L_(1) <= … <= L_(n) the sorted losses, k the rank of VaR_α
 * (lower α-quantile, as `valueAtRisk`; ranks clipped to 1..n) and m the
 * half-width (`options.window`, default max(1, floor(√n / 2)): ±158 paths at
 * n = 100,000). The rescaling makes the components add up to VaR exactly (up
 * to rounding); it is skipped in the degenerate case Σ raw = 0. Weights enter
 * the average, not the choice of the window. τ = 1e-9 · max|L| groups losses
 * equal up to rounding: without it a 1e-15 perturbation of the P&L can split a
 * group of tied losses at the window's edge and move a component by percents.
 * Positive = the position loses
 * around the quantile; a position with zero P&L contributes 0.
 *
 * @param pnl portfolio P&L per path (finite, at least one)
 * @param positionPnl pnl.length × nAssets position P&L, row-major by path, rows summing to pnl
 * @param nAssets number of positions
 * @param confidence α in (0, 1)
 * @param weights optional path weights (finite, >= 0, positive sum)
 * @param options window: half-width m in order statistics (integer >= 0)
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * // losses sorted 1, 2, 3, 4 (paths 3, 2, 1, 0); α = 0.5 → VaR = 2 (k = 2), m = 1 → paths with 1 <= L <= 3
 * componentVaR([-4, -3, -2, -1], [-3, -1, -1, -2, -1, -1, -1, 0], 2, 0.5, undefined, { window: 1 });
 * // raw = [(1 + 1 + 1)/3, (2 + 1 + 0)/3] = [1, 1], Σ = 2 = VaR → Float64Array [1, 1]
 */
export function componentVaR(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  nAssets: number,
  confidence: number,
  weights?: ArrayLike<number>,
  options: ComponentVaROptions = {},
): Float64Array {
  const sorted = prepareAllocation(pnl, positionPnl, nAssets, confidence, weights);
  const window = options.window ?? defaultVaRWindow(pnl.length);
  if (!Number.isSafeInteger(window) || window < 0) {
    throw new RangeError(`window must be a non-negative integer, got ${String(window)}`);
  }
  return windowAllocation(pnl, positionPnl, nAssets, confidence, sorted, window, weights);
}

import { prepareAllocation, tailAllocation } from './euler-allocation.js';

/**
 * Euler allocation of Expected Shortfall to positions: the contribution of
 * position a is its expected loss over the Acerbi–Tasche tail,
 *
 *   ES_a = E_w[ −positionPnl_a | tail ] = Σ_i θ_i · (−positionPnl[i, a]),
 *   θ_i = w_i / ((1 − α) W)                                   if L_i > VaR_α,
 *   θ_i = w_i / W_atom · (1 − Σ_{L_j > VaR} w_j / ((1 − α) W))  if L_i = VaR_α,
 *
 * with L = −pnl, VaR_α the lower α-quantile of `valueAtRisk`, W = Σ w and
 * W_atom the weight of the paths at VaR (equal weights when omitted): the
 * paths strictly beyond VaR with full weight plus the paths at VaR sharing
 * the fractional rest of the (1 − α) mass. Since Σ θ_i = 1 and
 * Σ_a positionPnl[i, a] = pnl[i], the components add up to
 * `expectedShortfall(pnl, α, weights)` exactly, up to rounding. Positive = the
 * position loses in the tail (same sign as ES); a position with zero P&L
 * (zero exposure) contributes 0.
 *
 * For a linear book this is exposure_a · ∂ES/∂exposure_a (Tasche 1999), the
 * risk contribution that satisfies the full-allocation property.
 *
 * @param pnl portfolio P&L per path (finite, at least one)
 * @param positionPnl pnl.length × nAssets position P&L, row-major by path,
 *   rows summing to pnl (as `simulatePortfolio(…, { keepPositionPnl: true })`)
 * @param nAssets number of positions
 * @param confidence α in (0, 1)
 * @param weights optional path weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * // 4 paths × 2 positions; α = 0.5 → tail = the two worst paths (losses 5 and 3)
 * componentES([-5, -3, 1, 2], [-4, -1, -1, -2, 0, 1, 1, 1], 2, 0.5); // => Float64Array [2.5, 1.5]
 */
export function componentES(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  nAssets: number,
  confidence: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const sorted = prepareAllocation(pnl, positionPnl, nAssets, confidence, weights);
  return tailAllocation(pnl, positionPnl, nAssets, confidence, sorted, weights);
}

import { componentVaR } from './component-var.js';
import { perUnitExposure } from './euler-allocation.js';
import type { ComponentVaROptions } from './types.js';

/**
 * Marginal VaR per unit of exposure: `componentVaR` (window estimate,
 * rescaled to VaR) divided by the exposure,
 *
 *   mVaR_a = VaR_a / exposure_a ≈ ∂VaR/∂exposure_a.
 *
 * NaN where the exposure is 0. Sign as VaR: positive = adding exposure adds risk.
 *
 * @param pnl portfolio P&L per path
 * @param positionPnl pnl.length × exposures.length position P&L, row-major by path
 * @param exposures market value of each position (finite)
 * @param confidence α in (0, 1)
 * @param weights optional path weights
 * @param options window half-width, as `componentVaR`
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * marginalVaR([-4, -3, -2, -1], [-3, -1, -1, -2, -1, -1, -1, 0], Float64Array.of(10, 20), 0.5, undefined, { window: 1 });
 * // => Float64Array [0.1, 0.05] (components 1, 1 over 10, 20)
 */
export function marginalVaR(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  exposures: ArrayLike<number>,
  confidence: number,
  weights?: ArrayLike<number>,
  options: ComponentVaROptions = {},
): Float64Array {
  return perUnitExposure(componentVaR(pnl, positionPnl, exposures.length, confidence, weights, options), exposures);
}

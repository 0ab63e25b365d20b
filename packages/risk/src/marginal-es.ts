import { componentES } from './component-es.js';
import { perUnitExposure } from './euler-allocation.js';

/**
 * Marginal ES per unit of exposure: `componentES` divided by the exposure,
 *
 *   mES_a = ES_a / exposure_a ≈ ∂ES/∂exposure_a,
 *
 * the ES added per currency unit of extra exposure to asset a (for P&L linear
 * in the exposure; with positionPnl = exposure · (gross return − 1) exactly
 * so). NaN where the exposure is 0: the position P&L carries no information
 * about the asset then. Sign as ES: positive = adding exposure adds risk.
 *
 * @param pnl portfolio P&L per path
 * @param positionPnl pnl.length × exposures.length position P&L, row-major by path
 * @param exposures market value of each position (finite)
 * @param confidence α in (0, 1)
 * @param weights optional path weights
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * marginalES([-5, -3, 1, 2], [-4, -1, -1, -2, 0, 1, 1, 1], Float64Array.of(100, 50), 0.5);
 * // => Float64Array [0.025, 0.03] (components 2.5, 1.5 over 100, 50)
 */
export function marginalES(
  pnl: ArrayLike<number>,
  positionPnl: ArrayLike<number>,
  exposures: ArrayLike<number>,
  confidence: number,
  weights?: ArrayLike<number>,
): Float64Array {
  return perUnitExposure(componentES(pnl, positionPnl, exposures.length, confidence, weights), exposures);
}

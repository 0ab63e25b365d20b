import { sortLosses, varOf } from './sorted-losses.js';
import type { VaROptions } from './types.js';
import { checkConfidence } from './validate.js';

/**
 * Value-at-Risk of a P&L sample at confidence α.
 *
 * Losses are L = −P&L under the weighted empirical distribution (weights
 * w_i >= 0 normalised to sum 1; equal weights when omitted):
 *
 *   VaR_α = inf{ l : F_L(l) >= α }
 *
 * the lower α-quantile of the losses, without interpolation. With equal
 * weights and sorted losses L_(1) <= ... <= L_(N) this is L_(ceil(α N)); α N is
 * read with a 1e-12 slack so that e.g. 0.07 · 100 = 7.000000000000001 gives
 * L_(7), not L_(8).
 *
 * With `quantileMethod: 'type7'` (equal weights only) VaR is instead the
 * Hyndman–Fan type 7 quantile of the losses, h = (N − 1) α,
 *
 *   VaR_α = L_(⌊h⌋+1) + (h − ⌊h⌋) (L_(⌊h⌋+2) − L_(⌊h⌋+1)),
 *
 * the default of R's `quantile`, NumPy's `quantile` and PerformanceAnalytics'
 * `VaR(method = "historical")` (−quantile(R, 1 − α): type 7 is symmetric, so
 * this equals the type 7 α-quantile of the losses). It lies between two
 * observed losses and may differ from the lower quantile by a whole gap
 * between order statistics in the tail.
 *
 * Sign: a loss is positive. When even the α-quantile outcome is a gain, VaR is
 * negative (e.g. every path makes money).
 *
 * @param pnl P&L per scenario (finite numbers, at least one)
 * @param confidence α in (0, 1), e.g. 0.99
 * @param weights optional scenario weights (finite, >= 0, positive sum)
 * @param options quantileMethod: 'lower' (default) or 'type7'
 * @throws {RangeError} on an invalid confidence, P&L, weights or method, or 'type7' with unequal weights
 * @example
 * valueAtRisk([-5, 3, -1, 2], 0.75); // => 1 (losses sorted: -3, -2, 1, 5; ceil(0.75·4) = 3rd)
 * valueAtRisk([-5, 3, -1, 2], 0.75, undefined, { quantileMethod: 'type7' });
 * // => 2 (h = 3 · 0.75 = 2.25: 1 + 0.25 · (5 − 1))
 */
export function valueAtRisk(pnl: ArrayLike<number>, confidence: number, weights?: ArrayLike<number>, options: VaROptions = {}): number {
  checkConfidence(confidence);
  const sorted = sortLosses(pnl, weights);
  return varOf(sorted, confidence, options.quantileMethod);
}

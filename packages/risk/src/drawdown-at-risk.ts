import { sortDrawdowns } from './drawdown-losses.js';
import { varIndex } from './sorted-losses.js';
import { checkConfidence } from './validate.js';

/**
 * Drawdown-at-Risk: the lower α-quantile of the (weighted) distribution of
 * per-path maximum drawdowns,
 *
 *   DaR_α = inf{ d : P_w(MDD <= d) >= α },
 *
 * the VaR of `valueAtRisk` with the drawdown in the role of the loss (same
 * no-interpolation quantile and 1e-12 slack on α). A fraction of the peak,
 * like the drawdowns.
 *
 * @param maxDrawdowns per-path maximum drawdowns (finite, at least one)
 * @param confidence α in (0, 1)
 * @param weights optional path weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid input (NaN drawdowns from V_0 <= 0 included)
 * @example
 * drawdownAtRisk([0.1, 0.4, 0.2, 0, 0.3], 0.8); // => 0.3 (ceil(0.8·5) = 4th smallest)
 */
export function drawdownAtRisk(maxDrawdowns: ArrayLike<number>, confidence: number, weights?: ArrayLike<number>): number {
  checkConfidence(confidence);
  const sorted = sortDrawdowns(maxDrawdowns, weights);
  return sorted.losses[varIndex(sorted, confidence)];
}

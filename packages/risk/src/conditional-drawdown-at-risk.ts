import { sortDrawdowns } from './drawdown-losses.js';
import { tailRisk } from './sorted-losses.js';
import { checkConfidence } from './validate.js';

/**
 * Conditional Drawdown-at-Risk (Chekhlov, Uryasev & Zabarankin, 2005): the
 * Expected Shortfall of the distribution of per-path maximum drawdowns, i.e.
 * the mean of the worst (1 − α) probability mass of MDD, with the same
 * Acerbi–Tasche treatment of the atom at the quantile as `expectedShortfall`:
 *
 *   CDaR_α = 1/(1 − α) · ( Σ_{d_i > DaR} w_i d_i + DaR · (F(DaR) − α) )
 *
 * with weights normalised to sum 1 and DaR_α = `drawdownAtRisk`. CDaR >= DaR.
 * (CUZ define CDaR over the drawdowns along one path; applied across
 * scenarios to each path's maximum drawdown, as here, it is the tail mean of
 * the max-drawdown distribution.) A fraction of the peak.
 *
 * @param maxDrawdowns per-path maximum drawdowns (finite, at least one)
 * @param confidence α in (0, 1)
 * @param weights optional path weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid input (NaN drawdowns from V_0 <= 0 included)
 * @example
 * conditionalDrawdownAtRisk([0.1, 0.4, 0.2, 0, 0.3], 0.6); // => 0.35 (mean of 0.3, 0.4)
 */
export function conditionalDrawdownAtRisk(
  maxDrawdowns: ArrayLike<number>,
  confidence: number,
  weights?: ArrayLike<number>,
): number {
  checkConfidence(confidence);
  return tailRisk(sortDrawdowns(maxDrawdowns, weights), confidence).es;
}

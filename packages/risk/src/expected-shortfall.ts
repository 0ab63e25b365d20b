import { sortLosses, tailRisk } from './sorted-losses.js';
import { checkConfidence } from './validate.js';

/**
 * Expected Shortfall (CVaR) of a P&L sample at confidence α, by Acerbi–Tasche.
 *
 * With losses L = −P&L, weights w_i normalised to sum 1 (equal when omitted)
 * and VaR = `valueAtRisk(pnl, α, weights)`:
 *
 *   ES_α = 1/(1 − α) · ( Σ_{L_i > VaR} w_i L_i + VaR · (F_L(VaR) − α) )
 *
 * i.e. the mean of the worst (1 − α) probability mass, splitting the atom at
 * VaR. This is coherent (subadditive) and ES >= VaR on any discrete sample.
 * With equal weights and α N an integer it is the plain average of the
 * N(1 − α) largest losses.
 *
 * Sign: positive for a loss; negative when the whole tail is gains.
 *
 * @param pnl P&L per scenario (finite numbers, at least one)
 * @param confidence α in (0, 1), e.g. 0.975
 * @param weights optional scenario weights (finite, >= 0, positive sum)
 * @throws {RangeError} on an invalid confidence, P&L or weights
 * @example
 * expectedShortfall([-5, 3, -1, 2], 0.5); // => 3 (mean of the two worst losses 1 and 5)
 */
export function expectedShortfall(pnl: ArrayLike<number>, confidence: number, weights?: ArrayLike<number>): number {
  checkConfidence(confidence);
  return tailRisk(sortLosses(pnl, weights), confidence).es;
}

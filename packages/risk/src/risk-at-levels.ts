import { sortLosses, tailRisk } from './sorted-losses.js';
import type { RiskAtLevel } from './types.js';
import { checkConfidence } from './validate.js';

/**
 * VaR and ES at several confidence levels from a single sort of the losses.
 * Same definitions and sign convention as `valueAtRisk` (lower α-quantile of
 * L = −P&L, no interpolation) and `expectedShortfall` (Acerbi–Tasche).
 * Results come back in the order of `confidences`.
 *
 * @param pnl P&L per scenario (finite numbers, at least one)
 * @param confidences levels, each in (0, 1)
 * @param weights optional scenario weights (finite, >= 0, positive sum)
 * @throws {RangeError} on an invalid confidence, P&L or weights
 * @example
 * riskAtLevels([-5, 3, -1, 2], [0.5, 0.75]);
 * // => [{ confidence: 0.5, var: -2, es: 3 }, { confidence: 0.75, var: 1, es: 5 }]
 */
export function riskAtLevels(
  pnl: ArrayLike<number>,
  confidences: readonly number[],
  weights?: ArrayLike<number>,
): RiskAtLevel[] {
  confidences.forEach((c, i) => checkConfidence(c, `confidences[${i}]`));
  const sorted = sortLosses(pnl, weights);
  return confidences.map((confidence) => {
    const r = tailRisk(sorted, confidence);
    return { confidence, var: r.var, es: r.es };
  });
}

import { sortLosses, tailRisk, varOf } from './sorted-losses.js';
import type { RiskAtLevel, VaROptions } from './types.js';
import { checkConfidence } from './validate.js';

/**
 * VaR and ES at several confidence levels from a single sort of the losses.
 * Same definitions and sign convention as `valueAtRisk` (lower α-quantile of
 * L = −P&L, no interpolation) and `expectedShortfall` (Acerbi–Tasche).
 * Results come back in the order of `confidences`. `quantileMethod: 'type7'`
 * changes VaR only (see `valueAtRisk`); ES stays the Acerbi–Tasche tail mean,
 * which does not depend on how the quantile is read.
 *
 * @param pnl P&L per scenario (finite numbers, at least one)
 * @param confidences levels, each in (0, 1)
 * @param weights optional scenario weights (finite, >= 0, positive sum)
 * @param options quantileMethod of VaR: 'lower' (default) or 'type7' (equal weights only)
 * @throws {RangeError} on an invalid confidence, P&L, weights or method
 * @example
 * riskAtLevels([-5, 3, -1, 2], [0.5, 0.75]);
 * // => [{ confidence: 0.5, var: -2, es: 3 }, { confidence: 0.75, var: 1, es: 5 }]
 */
export function riskAtLevels(
  pnl: ArrayLike<number>,
  confidences: readonly number[],
  weights?: ArrayLike<number>,
  options: VaROptions = {},
): RiskAtLevel[] {
  confidences.forEach((c, i) => checkConfidence(c, `confidences[${i}]`));
  const sorted = sortLosses(pnl, weights);
  return confidences.map((confidence) => {
    const r = tailRisk(sorted, confidence);
    const method = options.quantileMethod ?? 'lower';
    return { confidence, var: method === 'lower' ? r.var : varOf(sorted, confidence, method), es: r.es };
  });
}

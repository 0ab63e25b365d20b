// Max drawdowns read as a loss distribution (bigger = worse) for DaR / CDaR.
// Internal: not exported from index.ts.
import { sortLosses, type SortedLosses } from './sorted-losses.js';
import { checkFiniteSample } from './validate.js';

/** Validates the drawdowns (NaN from V_0 <= 0 is rejected) and sorts them as losses. */
export function sortDrawdowns(maxDrawdowns: ArrayLike<number>, weights?: ArrayLike<number>): SortedLosses {
  checkFiniteSample(maxDrawdowns, 'maxDrawdowns');
  const negated = new Float64Array(maxDrawdowns.length);
  // sortLosses reads a P&L and sorts −P&L: hand it −MDD so the "losses" are the drawdowns.
  for (let i = 0; i < negated.length; i++) negated[i] = -maxDrawdowns[i];
  return sortLosses(negated, weights);
}

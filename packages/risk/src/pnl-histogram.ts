import type { PnlHistogram } from './types.js';
import { checkFiniteSample, checkWeights } from './validate.js';

/**
 * Equal-width histogram of P&L over [min, max], for reports.
 *
 * edges[i] = min + i · (max − min) / bins for i = 0..bins (edges[bins] = max
 * exactly). Bin i holds min/edges[i] <= x < edges[i + 1]; the last bin is
 * closed, so the maximum is counted. counts[i] is the number of values in the
 * bin, or the sum of their weights when weights are given (not normalised).
 * When all values are equal the range is widened to [x − 0.5, x + 0.5], as
 * numpy.histogram does.
 *
 * @param pnl P&L values (finite, at least one)
 * @param bins number of bins (positive integer)
 * @param weights optional weights (finite, >= 0, positive sum)
 * @throws {RangeError} on invalid bins, P&L or weights
 * @example
 * pnlHistogram(Float64Array.of(0, 1, 2, 3, 4, 10), 5);
 * // => { edges: [0, 2, 4, 6, 8, 10], counts: [2, 2, 1, 0, 1] }
 */
export function pnlHistogram(pnl: Float64Array, bins: number, weights?: ArrayLike<number>): PnlHistogram {
  if (!Number.isSafeInteger(bins) || bins < 1) {
    throw new RangeError(`bins must be a positive integer, got ${String(bins)}`);
  }
  checkFiniteSample(pnl, 'pnl');
  if (weights !== undefined) checkWeights(weights, pnl.length);

  const n = pnl.length;
  let lo = pnl[0];
  let hi = pnl[0];
  for (let i = 1; i < n; i++) {
    const x = pnl[i];
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }

  const edges = new Float64Array(bins + 1);
  const width = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = lo + i * width;
  edges[bins] = hi;

  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (let i = 0; i < n; i++) {
    const x = pnl[i];
    let b = Math.floor((x - lo) * scale);
    if (b >= bins) b = bins - 1;
    else if (b < 0) b = 0;
    // The division can land one bin off from the stored edges; the edges win.
    if (x < edges[b] && b > 0) b--;
    else if (b < bins - 1 && x >= edges[b + 1]) b++;
    counts[b] += weights === undefined ? 1 : weights[i];
  }
  return { edges, counts };
}

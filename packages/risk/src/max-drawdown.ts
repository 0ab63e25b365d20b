/**
 * Maximum drawdown of one value path V_0..V_T:
 *
 *   MDD = max_t (peak_t − V_t) / peak_t,  peak_t = max_{s<=t} V_s
 *
 * a fraction of the running peak: 0 when the path never falls below an
 * earlier high, in [0, 1] while values stay positive, and above 1 when a
 * leveraged or long/short path goes below zero (it lost more than its peak).
 *
 * A relative drawdown needs a positive peak. Since peak_t >= V_0, requiring
 * V_0 > 0 is enough; a path starting at or below zero (e.g. a net-short
 * portfolio) throws. `simulatePortfolio` uses the same definition and flags
 * that case with NaN instead.
 *
 * @param values portfolio values in time order (finite, at least one, first > 0)
 * @throws {RangeError} if values is empty, holds a non-finite value, or values[0] <= 0
 * @example
 * maxDrawdown([100, 120, 90, 110, 60, 130]); // => 0.5 (120 → 60)
 */
export function maxDrawdown(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('maxDrawdown: values must contain at least one value');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`maxDrawdown: values[${i}] must be a finite number, got ${String(values[i])}`);
    }
  }
  if (!(values[0] > 0)) {
    throw new RangeError(
      `maxDrawdown: the first value must be > 0 for a drawdown relative to the peak, got ${values[0]}`,
    );
  }
  let peak = values[0];
  let mdd = 0;
  for (let t = 1; t < n; t++) {
    const v = values[t];
    if (v > peak) {
      peak = v;
    } else {
      const dd = (peak - v) / peak;
      if (dd > mdd) mdd = dd;
    }
  }
  return mdd;
}

import type { HistoricalPnlOptions } from './types.js';
import { checkCount } from './validate.js';

/**
 * P&L of today's positions under every historical h-day window (historical
 * simulation), to feed `riskAtLevels` and friends.
 *
 * returns[t · nAssets + a] is the daily log return of asset a on day t
 * (t = 0..T−1, oldest first). For a window of days s..s+h−1 the P&L is
 *
 *   P&L_s = Σ_a exposures[a] · (exp(Σ_{t=s}^{s+h−1} r[t, a]) − 1)
 *
 * (gains positive), i.e. the full revaluation of each position after the
 * window's cumulative return, with no rebalancing inside the window.
 *
 * - overlapping (default): one window starting on every day, s = 0..T−h,
 *   T − h + 1 windows. Consecutive windows share h − 1 days, so they are
 *   strongly dependent (fine for the quantile, not for counting independent
 *   observations).
 * - overlapping: false: disjoint windows aligned to the end of the history
 *   (the last window ends on day T−1), floor(T / h) windows; the oldest
 *   T mod h days are left out.
 *
 * Output is in chronological order of the windows. Window sums come from
 * per-asset prefix sums of the log returns; exp(x) − 1 is computed as
 * Math.expm1(x), exact to rounding also for small x.
 *
 * @param returns T × nAssets daily log returns, row-major by day (finite)
 * @param nAssets number of assets (>= 1)
 * @param exposures nAssets market values (negative for shorts)
 * @param horizon window length h in days, 1 <= h <= T
 * @param options overlapping (default true)
 * @throws {RangeError} on inconsistent dimensions or non-finite input
 * @example
 * // 3 days, 1 asset, exposure 100, daily gross returns 1.1, 0.9, 1.2; h = 2
 * historicalPnl(Float64Array.of(Math.log(1.1), Math.log(0.9), Math.log(1.2)), 1, Float64Array.of(100), 2);
 * // => Float64Array [-1, 8] (100·(0.99 − 1), 100·(1.08 − 1))
 */
export function historicalPnl(
  returns: Float64Array,
  nAssets: number,
  exposures: Float64Array,
  horizon: number,
  options: HistoricalPnlOptions = {},
): Float64Array {
  checkCount(nAssets, 'nAssets');
  if (nAssets < 1) throw new RangeError('nAssets must be >= 1');
  if (returns.length % nAssets !== 0) {
    throw new RangeError(`returns has length ${returns.length}, not a multiple of nAssets (${nAssets})`);
  }
  const days = returns.length / nAssets;
  if (!Number.isSafeInteger(horizon) || horizon < 1 || horizon > days) {
    throw new RangeError(`horizon must be an integer in [1, ${days}] (days of history), got ${String(horizon)}`);
  }
  if (exposures.length !== nAssets) {
    throw new RangeError(`exposures has length ${exposures.length}, expected one per asset (${nAssets})`);
  }
  for (let a = 0; a < nAssets; a++) {
    if (!Number.isFinite(exposures[a])) throw new RangeError(`exposures[${a}] must be a finite number, got ${exposures[a]}`);
  }
  // prefix[(t) · nAssets + a] = Σ_{s<t} r[s, a]
  const prefix = new Float64Array((days + 1) * nAssets);
  for (let t = 0; t < days; t++) {
    for (let a = 0; a < nAssets; a++) {
      const r = returns[t * nAssets + a];
      if (!Number.isFinite(r)) throw new RangeError(`returns[${t * nAssets + a}] must be a finite number, got ${r}`);
      prefix[(t + 1) * nAssets + a] = prefix[t * nAssets + a] + r;
    }
  }
  const overlapping = options.overlapping !== false;
  const step = overlapping ? 1 : horizon;
  const count = overlapping ? days - horizon + 1 : Math.floor(days / horizon);
  const first = overlapping ? 0 : days - count * horizon;
  const pnl = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    const start = (first + w * step) * nAssets;
    const end = start + horizon * nAssets;
    let total = 0;
    for (let a = 0; a < nAssets; a++) total += exposures[a] * Math.expm1(prefix[end + a] - prefix[start + a]);
    pnl[w] = total;
  }
  return pnl;
}

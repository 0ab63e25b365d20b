import { baselPlusFactor } from './basel-plus-factor.js';
import type { BaselCapitalOptions, BaselCapitalResult } from './types.js';

/** Days in the averaging period. */
const AVERAGE_DAYS = 60;

/**
 * Basel 2.5 market-risk capital in the style of the internal models approach
 * (BCBS, "Revisions to the Basel II market risk framework", 2009):
 *
 *   C = max(VaR_{t−1}, m_c · VaR_avg) + max(sVaR_{t−1}, m_s · sVaR_avg)
 *
 * - VaR_{t−1}, sVaR_{t−1}: the latest 10-day 99% VaR and stressed VaR (the
 *   last entries of the histories), in loss units;
 * - VaR_avg, sVaR_avg: their means over the last 60 entries (business days);
 * - m_c = m_s = 3 + `baselPlusFactor`(exceptions) unless given: the
 *   backtesting exceptions of the last 250 days set both multipliers.
 *
 * An illustration of the formula on the run history, not a regulatory
 * filing (no IRC/CRM, no supervisor-set add-ons).
 *
 * @param varHistory daily VaR, oldest first, last = t−1 (finite, at least 60)
 * @param svarHistory daily stressed VaR, same convention (finite, at least 60)
 * @param exceptions backtesting exceptions in the last 250 days (integer in [0, 250])
 * @param options multipliers mc, ms (override 3 + plus factor; each >= 3)
 * @throws {RangeError} on short or non-finite histories, an invalid count or multiplier
 * @example
 * // 60 days of VaR 10 (last 12), sVaR 20 (last 25), 5 exceptions → m = 3.4:
 * // max(12, 3.4 · 10.0333…) + max(25, 3.4 · 20.0833…) = 34.1133… + 68.2833… = 102.3966…
 * const v = [...Array(59).fill(10), 12];
 * const s = [...Array(59).fill(20), 25];
 * baselCapital(v, s, 5).capital; // => 102.39666…
 */
export function baselCapital(
  varHistory: ArrayLike<number>,
  svarHistory: ArrayLike<number>,
  exceptions: number,
  options: BaselCapitalOptions = {},
): BaselCapitalResult {
  const plus = baselPlusFactor(exceptions);
  const mc = options.mc ?? 3 + plus;
  const ms = options.ms ?? 3 + plus;
  for (const [name, m] of [
    ['mc', mc],
    ['ms', ms],
  ] as const) {
    if (!(Number.isFinite(m) && m >= 3)) throw new RangeError(`${name} must be a finite number >= 3, got ${String(m)}`);
  }
  const v = latestAndAverage(varHistory, 'varHistory');
  const s = latestAndAverage(svarHistory, 'svarHistory');
  const varTerm = Math.max(v.latest, mc * v.average);
  const svarTerm = Math.max(s.latest, ms * s.average);
  return {
    capital: varTerm + svarTerm,
    varTerm,
    svarTerm,
    varLatest: v.latest,
    varAverage: v.average,
    svarLatest: s.latest,
    svarAverage: s.average,
    mc,
    ms,
    plusFactor: plus,
  };
}

function latestAndAverage(history: ArrayLike<number>, name: string): { latest: number; average: number } {
  const n = history.length;
  if (n < AVERAGE_DAYS) throw new RangeError(`${name} needs at least ${AVERAGE_DAYS} days, got ${n}`);
  let sum = 0;
  for (let i = n - AVERAGE_DAYS; i < n; i++) {
    const x = history[i];
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be a finite number, got ${String(x)}`);
    sum += x;
  }
  return { latest: history[n - 1], average: sum / AVERAGE_DAYS };
}

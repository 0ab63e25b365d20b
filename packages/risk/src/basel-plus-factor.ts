import { checkExceptionCount } from './backtest-validate.js';

/** Plus factors for 0..9 exceptions in 250 days at 99% (10 or more: 1). */
const PLUS_FACTORS = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

/**
 * Basel plus factor of the VaR capital multiplier from the number of
 * backtesting exceptions of 99% 1-day VaR over the last 250 business days
 * (Basel Committee, "Supervisory framework for the use of backtesting in
 * conjunction with the internal models approach", 1996, Table 2):
 *
 *   green  0–4 exceptions: 0
 *   yellow 5: 0.40, 6: 0.50, 7: 0.65, 8: 0.75, 9: 0.85
 *   red    10 or more: 1
 *
 * The multiplier is m = 3 + plus factor (`baselCapital`). The table is the
 * regulator's for exactly 250 observations at p = 1%; for other samples use
 * `baselTrafficLight` for the zone and treat this as indicative.
 *
 * @param exceptions exception count in the last 250 days, integer in [0, 250]
 * @throws {RangeError} on a count outside [0, 250]
 * @example
 * baselPlusFactor(4); // => 0
 * baselPlusFactor(7); // => 0.65
 */
export function baselPlusFactor(exceptions: number): number {
  checkExceptionCount(exceptions, 250);
  return exceptions >= PLUS_FACTORS.length ? 1 : PLUS_FACTORS[exceptions];
}

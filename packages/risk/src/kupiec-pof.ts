import { checkExceptionCount, checkProbability, kupiecStatistic } from './backtest-validate.js';
import { chiSquaredSurvival } from './chi-squared.js';
import type { KupiecResult } from './types.js';

/**
 * Kupiec's proportion-of-failures (POF) test of VaR coverage (Kupiec 1995).
 * With x exceptions (days whose loss exceeded VaR) in n days and expected
 * exception probability p = 1 − confidence, the likelihood ratio
 *
 *   LR_POF = −2 ln[ (1 − p)^{n−x} p^x ] + 2 ln[ (1 − x/n)^{n−x} (x/n)^x ]
 *
 * is asymptotically χ²(1) under H0: P(exception) = p. The p-value is
 * P(χ²(1) > LR) = erfc(√(LR/2)). x = 0 and x = n are handled with
 * 0 · ln 0 = 0: LR = −2n ln(1 − p) at x = 0, −2n ln p at x = n. LR is clamped
 * at 0 against rounding when x/n = p. Two-sided: too many and too few
 * exceptions both reject.
 *
 * @param exceptions x, integer in [0, n]
 * @param observations n, positive integer
 * @param p expected exception probability in (0, 1), e.g. 0.01 for 99% VaR
 * @throws {RangeError} on invalid counts or p
 * @example
 * kupiecPOF(8, 250, 0.01); // => { lr: 7.7335507…, pValue: 0.0054204… }
 */
export function kupiecPOF(exceptions: number, observations: number, p: number): KupiecResult {
  checkExceptionCount(exceptions, observations);
  checkProbability(p);
  const lr = kupiecStatistic(exceptions, observations, p);
  return { lr, pValue: chiSquaredSurvival(lr, 1) };
}

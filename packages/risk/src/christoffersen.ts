import { checkProbability, kupiecStatistic, xlogy } from './backtest-validate.js';
import { chiSquaredSurvival } from './chi-squared.js';
import type { ChristoffersenResult } from './types.js';

/**
 * Christoffersen's (1998) tests of exception independence and conditional
 * coverage from a daily 0/1 exception series I_1..I_T (1 = loss beyond VaR).
 *
 * Transition counts n_ij = #{t >= 2 : I_{t−1} = i, I_t = j} over the T − 1
 * consecutive pairs, π01 = n01/(n00 + n01), π11 = n11/(n10 + n11),
 * π = (n01 + n11)/(T − 1). Independence (H0: π01 = π11) against a first-order
 * Markov chain:
 *
 *   LR_ind = −2 ln[ (1 − π)^{n00+n10} π^{n01+n11} ]
 *            + 2 ln[ (1 − π01)^{n00} π01^{n01} (1 − π11)^{n10} π11^{n11} ]  ~ χ²(1)
 *
 * Conditional coverage LR_cc = LR_POF + LR_ind ~ χ²(2), with LR_POF Kupiec's
 * statistic (`kupiecPOF`) on all T days and the expected exception
 * probability p. (Christoffersen's own LR_uc conditions on the first day;
 * the usual practice, followed here, takes POF over the full series.)
 * Empty cells use 0 · ln 0 = 0; a probability with an empty denominator is
 * taken as 0. p-values: erfc(√(LR/2)) for χ²(1), exp(−LR/2) for χ²(2).
 *
 * @param exceptionSeries 0/1 per day, at least 2 days
 * @param p expected exception probability in (0, 1)
 * @throws {RangeError} on a value other than 0/1, fewer than 2 days, or an invalid p
 * @example
 * // 0 0 0 1 1 1 0 0 0 0: n00 = 5, n01 = 1, n10 = 1, n11 = 2 (clustered exceptions)
 * christoffersen(Uint8Array.of(0, 0, 0, 1, 1, 1, 0, 0, 0, 0), 0.3).lrInd; // => 2.2314… (= 10 ln(5/4))
 */
export function christoffersen(exceptionSeries: Uint8Array, p: number): ChristoffersenResult {
  checkProbability(p);
  const T = exceptionSeries.length;
  if (T < 2) throw new RangeError(`exceptionSeries needs at least 2 days, got ${T}`);
  let exceptions = 0;
  for (let t = 0; t < T; t++) {
    const x = exceptionSeries[t];
    if (x !== 0 && x !== 1) throw new RangeError(`exceptionSeries[${t}] must be 0 or 1, got ${x}`);
    exceptions += x;
  }
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < T; t++) {
    const prev = exceptionSeries[t - 1];
    const cur = exceptionSeries[t];
    if (prev === 0) {
      if (cur === 0) n00++;
      else n01++;
    } else if (cur === 0) n10++;
    else n11++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (T - 1);
  const logNull = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const logMarkov = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const lrIndRaw = -2 * logNull + 2 * logMarkov;
  const lrInd = lrIndRaw > 0 ? lrIndRaw : 0; // >= 0 in theory; rounding may dip below
  const lrCc = kupiecStatistic(exceptions, T, p) + lrInd;
  return {
    lrInd,
    pInd: chiSquaredSurvival(lrInd, 1),
    lrCc,
    pCc: chiSquaredSurvival(lrCc, 2),
    n00,
    n01,
    n10,
    n11,
  };
}

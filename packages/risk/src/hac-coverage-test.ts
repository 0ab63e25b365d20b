import { checkProbability } from './backtest-validate.js';
import { erfc } from './erfc.js';
import { neweyWestDefaultLag, neweyWestVariance } from './newey-west-variance.js';
import type { HacCoverageOptions, HacCoverageResult } from './types.js';

/**
 * Unconditional coverage test for exceptions of overlapping h-day forecasts,
 * with a Newey–West (HAC) variance. Overlapping windows share h − 1 days, so
 * the exception indicators I_t are autocorrelated up to lag h − 1 even under
 * a correct model and Kupiec's binomial test over-rejects; this z-test keeps
 * every day and corrects the variance instead.
 *
 *   z = (Ī − p) / √(σ²_LR / T)   ~ N(0, 1) under H0: P(I_t = 1) = p,
 *
 * where σ²_LR = `neweyWestVariance`(I, L, center = p): Bartlett weights,
 * autocovariances about the hypothesised rate p (a score-type test, so σ²_LR
 * > 0 even with no exceptions). Bandwidth L = max(h − 1, floor(4 (T/100)^{2/9}))
 * unless `lag` is given. pValue is two-sided, erfc(|z|/√2); z > 0: too many
 * exceptions. With h = 1 and L = 0 this is the score (Wald-at-the-null) form of
 * the binomial coverage test.
 *
 * Size: the test is asymptotic and exceptions are rare, so it over-rejects in
 * samples of realistic length. In a simulation (test/es-backtests.test.ts:
 * h = 10, T = 1000 overlapping windows, window exception probability 4.9%,
 * 300 runs) it rejected 13.7% at 5% nominal, against 53% for Kupiec on every
 * window and 4.7% for Kupiec on the windows of `nonOverlappingIndices`. Prefer
 * the latter for a formal verdict; this test is a diagnostic that uses all days.
 *
 * @param exceptionSeries I_t in {0, 1}, one per forecast day (at least 2)
 * @param p expected exception probability in (0, 1)
 * @param options horizon h (default 1), lag L
 * @throws {RangeError} on a value other than 0/1, fewer than 2 days or invalid options
 * @example
 * // I = 1, 0, 0, 0 at p = 0.25, L = 0: Ī = p → z = 0, pValue 1
 * hacCoverageTest(Uint8Array.of(1, 0, 0, 0), 0.25, { lag: 0 }); // => { statistic: 0, pValue: 1, … }
 */
export function hacCoverageTest(exceptionSeries: Uint8Array, p: number, options: HacCoverageOptions = {}): HacCoverageResult {
  checkProbability(p);
  const T = exceptionSeries.length;
  if (T < 2) throw new RangeError(`exceptionSeries needs at least 2 days, got ${T}`);
  const horizon = options.horizon ?? 1;
  if (!Number.isSafeInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${String(horizon)}`);
  let exceptions = 0;
  for (let t = 0; t < T; t++) {
    const x = exceptionSeries[t];
    if (x !== 0 && x !== 1) throw new RangeError(`exceptionSeries[${t}] must be 0 or 1, got ${x}`);
    exceptions += x;
  }
  const lag = Math.min(options.lag ?? Math.max(horizon - 1, neweyWestDefaultLag(T)), T - 1);
  const longRunVariance = neweyWestVariance(exceptionSeries, lag, p);
  const rate = exceptions / T;
  const statistic = (rate - p) / Math.sqrt(longRunVariance / T);
  return { statistic, pValue: erfc(Math.abs(statistic) / Math.SQRT2), exceptions, observations: T, rate, lag, longRunVariance };
}

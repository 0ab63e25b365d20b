import { checkExceptionCount, checkProbability } from './backtest-validate.js';
import { binomialCdf } from './binomial.js';
import type { TrafficLightResult } from './types.js';

/** Cumulative-probability cut-offs of the Basel Committee (1996) backtesting framework. */
const YELLOW_FROM = 0.95;
const RED_FROM = 0.9999;

/**
 * Basel traffic-light zone of a VaR model from its exception count
 * (Basel Committee on Banking Supervision, "Supervisory framework for the use
 * of backtesting in conjunction with the internal models approach", 1996).
 *
 * cumulativeProbability = P(X <= exceptions), X ~ Binomial(observations, p):
 * the chance that an accurate model shows that many exceptions or fewer.
 * Zones: green while it is < 95%, yellow from 95% to < 99.99%, red from
 * 99.99%. At 250 observations and p = 1% (99% VaR) this gives the published
 * table: green 0–4 (P(X <= 4) = 89.22%), yellow 5–9 (95.88% … 99.97%), red
 * from 10 (99.99%).
 *
 * @param exceptions number of exceptions, integer in [0, observations]
 * @param observations number of days (default 250)
 * @param p exception probability of an accurate model (default 0.01)
 * @throws {RangeError} on invalid counts or p
 * @example
 * baselTrafficLight(5); // => { zone: 'yellow', cumulativeProbability: 0.95881… }
 */
export function baselTrafficLight(exceptions: number, observations = 250, p = 0.01): TrafficLightResult {
  checkExceptionCount(exceptions, observations);
  checkProbability(p);
  const cumulativeProbability = binomialCdf(exceptions, observations, p);
  const zone = cumulativeProbability >= RED_FROM ? 'red' : cumulativeProbability >= YELLOW_FROM ? 'yellow' : 'green';
  return { zone, cumulativeProbability };
}

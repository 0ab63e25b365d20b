import { checkCornishFisher } from './cornish-fisher.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Cornish–Fisher (modified) VaR from the first four moments of the P&L.
 *
 * The standard 4-moment Cornish–Fisher expansion of a standardised quantile,
 * with skewness S and excess kurtosis K of the variable itself,
 *
 *   w(z) = z + (z² − 1) S/6 + (z³ − 3z) K/24 − (2z³ − 5z) S²/36,
 *
 * is applied to the loss L = −P&L, whose skewness is −S and excess kurtosis
 * K (S, K being those of the P&L, as from `momentsOf`). With z = Φ⁻¹(α):
 *
 *   VaR_α = −mean + sd · [ z − (z² − 1) S/6 + (z³ − 3z) K/24 − (2z³ − 5z) S²/36 ]
 *
 * Positive = loss, as `valueAtRisk`. A negatively skewed or fat-tailed P&L
 * raises VaR at high α; S = K = 0 gives `normalVaR`. The expansion is only a
 * valid (monotone in α) quantile function for moderate S and K (roughly
 * |S| < 1, 0 <= K < 6 at the usual levels); outside that it can misbehave.
 *
 * @param mean P&L mean
 * @param sd P&L standard deviation (>= 0)
 * @param skew P&L skewness
 * @param exKurt P&L excess kurtosis (kurtosis − 3)
 * @param confidence α in (0, 1)
 * @throws {RangeError} on non-finite moments, negative sd or α outside (0, 1)
 * @example
 * cornishFisherVaR(0, 1, 0, 0, 0.99);    // => 2.3263478740408408 (= normalVaR)
 * cornishFisherVaR(0, 1, -0.5, 3, 0.99); // => 3.30128… (left-skewed, fat-tailed P&L)
 */
export function cornishFisherVaR(mean: number, sd: number, skew: number, exKurt: number, confidence: number): number {
  checkCornishFisher(mean, sd, skew, exKurt, confidence);
  const z = normalQuantile(confidence);
  const z2 = z * z;
  const w = z - ((z2 - 1) * skew) / 6 + ((z2 - 3) * z * exKurt) / 24 - ((2 * z2 - 5) * z * skew * skew) / 36;
  return -mean + sd * w;
}

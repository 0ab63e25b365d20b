import { checkCornishFisher } from './cornish-fisher.js';
import { normalPdf } from './normal-pdf.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Cornish–Fisher Expected Shortfall: the tail average of the Cornish–Fisher
 * loss quantile function of `cornishFisherVaR`,
 *
 *   ES_α = 1/(1 − α) ∫_α^1 VaR_u du.
 *
 * The substitution u = Φ(z) turns this into ∫_{z_α}^∞ VaR(Φ(z)) φ(z) dz, and
 * VaR(Φ(z)) is a cubic polynomial in z, so the integral is exact with the
 * normal tail moments (t = z_α = Φ⁻¹(α), p = 1 − α):
 *
 *   ∫_t^∞ φ = p,  ∫_t^∞ zφ = φ(t),  ∫_t^∞ z²φ = tφ(t) + p,  ∫_t^∞ z³φ = (t² + 2)φ(t)
 *
 * which gives, with S, K the P&L skewness and excess kurtosis,
 *
 *   ES_α = −mean + sd · φ(t)/(1 − α) · [ 1 − S t/6 + K (t² − 1)/24 − S² (2t² − 1)/36 ].
 *
 * This is the integral itself, with no quadrature error (the tests check it
 * against Gauss–Legendre quadrature of the quantile function). S = K = 0
 * gives `normalES`. Positive = loss. Same validity caveat as the CF VaR.
 *
 * @param mean P&L mean
 * @param sd P&L standard deviation (>= 0)
 * @param skew P&L skewness
 * @param exKurt P&L excess kurtosis
 * @param confidence α in (0, 1)
 * @throws {RangeError} on non-finite moments, negative sd or α outside (0, 1)
 * @example
 * cornishFisherES(0, 1, 0, 0, 0.975);    // => 2.3378027922014… (= normalES)
 * cornishFisherES(0, 1, -0.5, 3, 0.975); // => 3.44149… (left-skewed, fat-tailed P&L)
 */
export function cornishFisherES(mean: number, sd: number, skew: number, exKurt: number, confidence: number): number {
  checkCornishFisher(mean, sd, skew, exKurt, confidence);
  const t = normalQuantile(confidence);
  const t2 = t * t;
  const bracket = 1 - (skew * t) / 6 + (exKurt * (t2 - 1)) / 24 - (skew * skew * (2 * t2 - 1)) / 36;
  return -mean + (sd * normalPdf(t) * bracket) / (1 - confidence);
}

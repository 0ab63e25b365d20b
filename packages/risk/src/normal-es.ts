import { normalPdf } from './normal-pdf.js';
import { normalQuantile } from './normal-quantile.js';
import { checkConfidence, checkNormalParams } from './validate.js';

/**
 * Parametric Expected Shortfall for normally distributed P&L, P&L ~ N(mean, sd²):
 *
 *   ES_α = −mean + sd · φ(z_α) / (1 − α),  z_α = Φ⁻¹(α)
 *
 * the mean loss beyond the α-quantile of L = −P&L. Positive for a loss, as in
 * `expectedShortfall`.
 *
 * @param mean mean of the P&L
 * @param sd standard deviation of the P&L (>= 0)
 * @param confidence α in (0, 1)
 * @throws {RangeError} on a non-finite mean, negative or non-finite sd, or α outside (0, 1)
 * @example
 * normalES(0, 1, 0.975); // => 2.337802...
 */
export function normalES(mean: number, sd: number, confidence: number): number {
  checkNormalParams(mean, sd);
  checkConfidence(confidence);
  return -mean + (sd * normalPdf(normalQuantile(confidence))) / (1 - confidence);
}

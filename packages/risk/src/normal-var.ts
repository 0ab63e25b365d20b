import { normalQuantile } from './normal-quantile.js';
import { checkConfidence, checkNormalParams } from './validate.js';

/**
 * Parametric VaR for normally distributed P&L, P&L ~ N(mean, sd²):
 *
 *   VaR_α = −mean + sd · z_α,  z_α = Φ⁻¹(α)
 *
 * the α-quantile of the loss L = −P&L ~ N(−mean, sd²). Same sign convention as
 * `valueAtRisk`: positive for a loss.
 *
 * @param mean mean of the P&L
 * @param sd standard deviation of the P&L (>= 0)
 * @param confidence α in (0, 1)
 * @throws {RangeError} on a non-finite mean, negative or non-finite sd, or α outside (0, 1)
 * @example
 * normalVaR(0, 1, 0.99); // => 2.3263478740408408
 */
export function normalVaR(mean: number, sd: number, confidence: number): number {
  checkNormalParams(mean, sd);
  checkConfidence(confidence);
  return -mean + sd * normalQuantile(confidence);
}

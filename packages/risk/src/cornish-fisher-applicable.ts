import { checkConfidence } from './validate.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Whether the Cornish–Fisher VaR / ES at confidence α is a usable number:
 * the expansion of the loss quantile (see `cornishFisherVaR`),
 *
 *   w(z) = z − (z² − 1) S/6 + (z³ − 3z) K/24 − (2z³ − 5z) S²/36,
 *
 * must be increasing in z between the median (z = 0) and z_α = Φ⁻¹(α),
 * i.e. a quantile function on that range. Its derivative is the quadratic
 *
 *   w'(z) = a z² + b z + c,  a = K/8 − S²/6,  b = −S/3,  c = 1 − K/8 + 5S²/36,
 *
 * so the test is w' > 0 at both ends of [min(0, z_α), max(0, z_α)] and at
 * its vertex −b/(2a) when that lies inside. Outside this domain (large |S|
 * or K > 8: the fat tails of a student-t at ν ≈ 2) the expansion folds over
 * and returns figures such as a VaR of −390% of value: report "not
 * applicable" instead. For the whole real line the condition is Maillard's
 * (2012) domain of validity; on [0, z_α] it is weaker, as only the levels
 * reported matter.
 *
 * @param skew P&L skewness S (as from `momentsOf`; the loss has −S, which leaves the test unchanged up to the sign of b)
 * @param exKurt P&L excess kurtosis K
 * @param confidence α in (0, 1)
 * @example
 * cornishFisherApplicable(0, 0, 0.99);    // => true (the normal)
 * cornishFisherApplicable(-0.5, 3, 0.99); // => true
 * cornishFisherApplicable(0, 12, 0.95);   // => false (w'(0) = 1 − 12/8 < 0)
 */
export function cornishFisherApplicable(skew: number, exKurt: number, confidence: number): boolean {
  checkConfidence(confidence);
  if (!Number.isFinite(skew) || !Number.isFinite(exKurt)) return false;
  const a = exKurt / 8 - (skew * skew) / 6;
  const b = -skew / 3;
  const c = 1 - exKurt / 8 + (5 * skew * skew) / 36;
  const d = (z: number) => (a * z + b) * z + c;
  const za = normalQuantile(confidence);
  const lo = Math.min(0, za);
  const hi = Math.max(0, za);
  if (!(d(lo) > 0 && d(hi) > 0)) return false;
  if (a !== 0) {
    const v = -b / (2 * a);
    if (v > lo && v < hi && !(d(v) > 0)) return false;
  }
  return true;
}

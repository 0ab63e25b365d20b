/**
 * Standard normal quantile Φ⁻¹(p) by Acklam's rational approximation
 * (relative error below 1.2e-9 on (0, 1)). Kept here because scenarios does
 * not depend on @tailforge/risk.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Norm of the latent mean shift aimed at the α-tail: the mean of a standard
 * normal beyond its α-quantile, E[Z | Z > z_α] = φ(z_α) / (1 − α) (2.67 for
 * α = 0.99, 2.89 for 0.995). For a loss linear in the latent this centres
 * the shifted draws on the scenarios that make up ES_α, the classical
 * choice for tail expectations.
 */
export function tailRadius(alpha: number): number {
  const z = normalQuantile(alpha);
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / (1 - alpha);
}

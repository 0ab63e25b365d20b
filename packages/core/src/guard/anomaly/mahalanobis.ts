import { choleskyInto } from '../../models/gaussian/cholesky.js';

/**
 * Mahalanobis distance of x from a centre under a covariance Σ (p × p,
 * row-major, positive definite): d(x) = √((x − c)ᵀ Σ⁻¹ (x − c)). Computed
 * from the lower Cholesky factor L (Σ = L Lᵀ) by forward substitution:
 * solve L y = x − c, then d = ‖y‖. Example: Σ = [[4, 2], [2, 3]], c = 0,
 * x = (2, 1): Σ⁻¹ = [[3, −2], [−2, 4]]/8, d² = (12 − 8 + 4)/8 = 1, d = 1.
 */
export function mahalanobisFromFactor(x: ArrayLike<number>, center: ArrayLike<number>, factor: Float64Array, p: number, work = new Float64Array(p)): number {
  let d2 = 0;
  for (let i = 0; i < p; i++) {
    let v = x[i] - center[i];
    const ri = i * p;
    for (let k = 0; k < i; k++) v -= factor[ri + k] * work[k];
    const y = v / factor[ri + i];
    work[i] = y;
    d2 += y * y;
  }
  return Math.sqrt(d2);
}

/** The lower Cholesky factor of a covariance; RangeError when it is not positive definite. */
export function covarianceFactor(covariance: Float64Array, p: number): Float64Array {
  const factor = new Float64Array(p * p);
  const k = choleskyInto(covariance, p, factor);
  if (k >= 0) throw new RangeError(`the covariance is not positive definite (pivot ${k})`);
  return factor;
}

/** {@link mahalanobisFromFactor} with the factorisation done here: for one-off distances. */
export function mahalanobisDistance(x: ArrayLike<number>, center: ArrayLike<number>, covariance: Float64Array): number {
  const p = center.length;
  if (x.length !== p || covariance.length !== p * p) throw new RangeError(`mahalanobisDistance: x has ${x.length} values, centre ${p}, covariance ${covariance.length} (expected ${p * p})`);
  return mahalanobisFromFactor(x, center, covarianceFactor(covariance, p), p);
}

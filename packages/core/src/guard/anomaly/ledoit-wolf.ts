/**
 * Ledoit–Wolf shrinkage of a covariance matrix towards a multiple of the
 * identity: Ledoit & Wolf (2004), "A well-conditioned estimator for
 * large-dimensional covariance matrices", Journal of Multivariate Analysis
 * 88, 365–411 (Lemma 3.2 and the estimators of section 3.3).
 *
 * For n rows x_k of p values, already centred (the caller subtracts the
 * centre it wants), with S = (1/n) Σ_k x_k x_kᵀ and the scaled Frobenius
 * inner product ⟨A, B⟩ = tr(A Bᵀ)/p:
 *
 *   m  = ⟨S, I⟩ = tr(S)/p                        (the target is m·I)
 *   d² = ‖S − m I‖²
 *   b̄² = (1/n²) Σ_k ‖x_k x_kᵀ − S‖²,  b² = min(b̄², d²)
 *   Σ* = (b²/d²)·m I + (1 − b²/d²)·S             (intensity δ = b²/d² in [0, 1])
 *
 * Σ* is positive definite whenever m > 0, however many more features than
 * rows there are. d² = 0 (S already a multiple of I) gives δ = 1.
 * Example: x = [[1, 0], [−1, 0], [0, 2], [0, −2]] gives S = diag(0.5, 2),
 * m = 1.25, d² = 0.5625, b̄² = 0.53125, δ = 17/18, Σ* = diag(29/24, 31/24).
 */
export function ledoitWolfShrinkage(
  x: Float64Array,
  n: number,
  p: number,
  /** Use this intensity δ instead of the estimate (0: S itself). */
  fixedIntensity?: number,
): { covariance: Float64Array; intensity: number; target: number } {
  if (x.length !== n * p) throw new RangeError(`ledoitWolfShrinkage: ${x.length} values, expected ${n} × ${p}`);
  if (n < 1 || p < 1) throw new RangeError('ledoitWolfShrinkage: needs at least one row and one column');
  const s = new Float64Array(p * p);
  for (let k = 0; k < n; k++) {
    const r = k * p;
    for (let i = 0; i < p; i++) {
      const xi = x[r + i];
      if (xi === 0) continue;
      const ri = i * p;
      for (let j = 0; j <= i; j++) s[ri + j] += xi * x[r + j];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      s[i * p + j] /= n;
      s[j * p + i] = s[i * p + j];
    }
  }
  let trace = 0;
  for (let i = 0; i < p; i++) trace += s[i * p + i];
  const m = trace / p;
  let sNorm2 = 0; // ‖S‖²_F (unscaled)
  for (let i = 0; i < p * p; i++) sNorm2 += s[i] * s[i];
  // ‖S − mI‖²_F = ‖S‖²_F − 2m·tr(S) + p·m²
  const d2 = (sNorm2 - 2 * m * trace + p * m * m) / p;
  // ‖x xᵀ − S‖²_F = ‖x‖⁴ − 2 xᵀ S x + ‖S‖²_F
  let bSum = 0;
  for (let k = 0; k < n; k++) {
    const r = k * p;
    let sq = 0;
    let quad = 0;
    for (let i = 0; i < p; i++) {
      const xi = x[r + i];
      sq += xi * xi;
      if (xi === 0) continue;
      let row = 0;
      const ri = i * p;
      for (let j = 0; j < p; j++) row += s[ri + j] * x[r + j];
      quad += xi * row;
    }
    bSum += sq * sq - 2 * quad + sNorm2;
  }
  const bBar2 = bSum / p / (n * n);
  const b2 = Math.min(bBar2, d2);
  const intensity = fixedIntensity ?? (d2 > 0 ? b2 / d2 : 1);
  const covariance = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) covariance[i] = (1 - intensity) * s[i];
  for (let i = 0; i < p; i++) covariance[i * p + i] += intensity * m;
  return { covariance, intensity, target: m };
}

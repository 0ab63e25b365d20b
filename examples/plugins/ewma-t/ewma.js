// @ts-check

/**
 * RiskMetrics exponentially weighted covariance (J.P. Morgan / Reuters,
 * RiskMetrics — Technical Document, 4th ed., 1996, §5.2), zero mean:
 *
 *   Σ_1 = (1/T) Σ_t r_t r_tᵀ                  (start: the plain second moment)
 *   Σ_{t+1} = λ Σ_t + (1 − λ) r_t r_tᵀ,  t = 1 … T
 *
 * and returns Σ_{T+1}, the forecast for the day after the data, A × A
 * row-major. Unrolled, Σ_{T+1} = λ^T Σ_1 + (1 − λ) Σ_t λ^(T−t) r_t r_tᵀ: the
 * start weighs λ^T (below 1% from the model's minimum data on).
 *
 * @param {Float64Array} values T × A daily log returns, row-major
 * @param {number} nRows T
 * @param {number} nAssets A
 * @param {number} lambda decay λ in (0, 1)
 * @returns {Float64Array}
 */
export function ewmaCovariance(values, nRows, nAssets, lambda) {
  const A = nAssets;
  const cov = new Float64Array(A * A);
  for (let t = 0; t < nRows; t++) {
    const r = t * A;
    for (let i = 0; i < A; i++) for (let j = 0; j <= i; j++) cov[i * A + j] += values[r + i] * values[r + j];
  }
  for (let k = 0; k < cov.length; k++) cov[k] /= nRows;
  const w = 1 - lambda;
  for (let t = 0; t < nRows; t++) {
    const r = t * A;
    for (let i = 0; i < A; i++) {
      const ri = values[r + i];
      for (let j = 0; j <= i; j++) cov[i * A + j] = lambda * cov[i * A + j] + w * ri * values[r + j];
    }
  }
  // Only the lower triangle was updated: mirror it.
  for (let i = 0; i < A; i++) for (let j = 0; j < i; j++) cov[j * A + i] = cov[i * A + j];
  return cov;
}

// @ts-check
import { chiSquareSample, Rng } from '@tailforge/core';

/**
 * Multivariate Student-t daily returns with covariance Σ = L·Lᵀ and zero
 * mean: r = L·z·√((ν − 2) / W), z standard normal, W ~ χ²_ν. Since
 * E[1 / W] = 1 / (ν − 2), Cov(r) = Σ exactly; one W per day scales every
 * asset, so large moves come together (tail dependence). Days are i.i.d.:
 * the EWMA forecast of every future day's covariance is Σ_{T+1}.
 *
 * Writes `out[(p · horizon + t) · A + a]`; path p draws only from
 * Rng.forStream(seed, firstPath + p) (per day W first, then z), so paths do
 * not depend on how a request is chunked.
 *
 * @param {Float64Array} chol lower Cholesky factor L, A × A row-major
 * @param {number} dof ν > 2
 * @param {number} nAssets A
 * @param {Float32Array} out nPaths × horizon × A values
 * @param {number} nPaths
 * @param {number} horizon
 * @param {number} seed
 * @param {number} firstPath
 */
export function studentTPaths(chol, dof, nAssets, out, nPaths, horizon, seed, firstPath) {
  const A = nAssets;
  const z = new Float64Array(A);
  const c = Math.sqrt(dof - 2);
  let o = 0;
  for (let p = 0; p < nPaths; p++) {
    const rng = Rng.forStream(seed, firstPath + p);
    for (let t = 0; t < horizon; t++) {
      const scale = c / Math.sqrt(chiSquareSample(rng, dof));
      for (let a = 0; a < A; a++) z[a] = rng.normal();
      for (let i = 0; i < A; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += chol[i * A + j] * z[j];
        out[o++] = scale * s;
      }
    }
  }
}

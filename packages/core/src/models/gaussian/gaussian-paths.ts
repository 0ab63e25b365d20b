import { Rng } from '../../random/rng.js';

/**
 * Multivariate normal paths: each step is r = μ + L·z with z a vector of
 * independent standard normals from `Rng.normal()`, so r ~ N(μ, L·Lᵀ) and
 * steps are independent. Written into `out` in the path layout
 * `out[(p * horizon + t) * nAssets + a]`; path p draws only from
 * `Rng.forStream(seed, firstPath + p)`. `chol` is lower-triangular, row-major.
 */
export function gaussianPaths(
  mean: Float64Array,
  chol: Float64Array,
  nAssets: number,
  out: Float32Array,
  nPaths: number,
  horizon: number,
  seed: number,
  firstPath: number,
): void {
  const z = new Float64Array(nAssets);
  let o = 0;
  for (let p = 0; p < nPaths; p++) {
    const rng = Rng.forStream(seed, firstPath + p);
    for (let t = 0; t < horizon; t++) {
      for (let a = 0; a < nAssets; a++) z[a] = rng.normal();
      for (let i = 0; i < nAssets; i++) {
        const ri = i * nAssets;
        let s = mean[i];
        for (let j = 0; j <= i; j++) s += chol[ri + j] * z[j];
        out[o++] = s;
      }
    }
  }
}

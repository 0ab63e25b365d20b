import { chiSquareSample } from '../../random/gamma.js';
import { Rng } from '../../random/rng.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { sqrt } = Math;

/**
 * Multivariate Student-t paths: each step is r = μ + L·z·√(ν / W) with z a
 * vector of independent standard normals and W ~ χ²_ν independent of z, so
 * r ~ t_p(μ, L·Lᵀ, ν) and steps are independent. One W per step (not per
 * asset): the shared scale is what makes the assets' extremes coincide (tail
 * dependence), unlike a normal with the same correlation. Written into `out`
 * in the layout `out[(p * horizon + t) * nAssets + a]`; path p draws only from
 * `Rng.forStream(seed, firstPath + p)`, per step W first, then z. `chol` is
 * lower-triangular, row-major.
 */
export function studentTPaths(
  location: Float64Array,
  chol: Float64Array,
  dof: number,
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
      const scale = sqrt(dof / chiSquareSample(rng, dof));
      for (let a = 0; a < nAssets; a++) z[a] = rng.normal();
      for (let i = 0; i < nAssets; i++) {
        const ri = i * nAssets;
        let s = 0;
        for (let j = 0; j <= i; j++) s += chol[ri + j] * z[j];
        out[o++] = location[i] + scale * s;
      }
    }
  }
}

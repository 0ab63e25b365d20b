import { Rng } from '../../random/rng.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { sqrt } = Math;

/** The fitted pieces an FHS path needs, per asset (length A) unless noted. */
export interface FhsState {
  readonly nAssets: number;
  /** Added to every simulated return: the fitted constant mean, or zeros. */
  readonly drift: Float64Array;
  readonly omega: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  /** Conditional variance of each asset on the first simulated day. */
  readonly startVariance: Float64Array;
  /** T × A standardised residuals z[t, a] = ε[t, a] / σ[t, a], row-major. */
  readonly residuals: Float64Array;
  readonly nRows: number;
}

/**
 * Filtered historical simulation paths, written into `out` in the layout
 * `out[(p * horizon + t) * nAssets + a]`. Path p draws only from
 * `Rng.forStream(seed, firstPath + p)`: each day it picks one historical date
 * k uniformly (one `rng.int`) and, for every asset a,
 *
 *   ε = σ_a · z[k, a],   r = drift_a + ε,   σ²_a ← ω_a + α_a ε² + β_a σ²_a,
 *
 * starting from σ²_a = startVariance_a. The whole residual vector of a date is
 * used, so cross-asset dependence of the shocks is the historical one, and the
 * variance feeds back along the path, so a large shock raises the next days'
 * volatility (clustering) and it reverts towards ω/(1 − α − β).
 */
export function fhsPaths(
  s: FhsState,
  out: Float32Array,
  nPaths: number,
  horizon: number,
  seed: number,
  firstPath: number,
): void {
  const { nAssets, drift, omega, alpha, beta, startVariance, residuals, nRows } = s;
  const s2 = new Float64Array(nAssets);
  let o = 0;
  for (let p = 0; p < nPaths; p++) {
    const rng = Rng.forStream(seed, firstPath + p);
    s2.set(startVariance);
    for (let t = 0; t < horizon; t++) {
      const row = rng.int(nRows) * nAssets;
      for (let a = 0; a < nAssets; a++) {
        const v = s2[a];
        const e = sqrt(v) * residuals[row + a];
        out[o++] = drift[a] + e;
        s2[a] = omega[a] + alpha[a] * e * e + beta[a] * v;
      }
    }
  }
}

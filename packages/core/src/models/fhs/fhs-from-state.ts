import type { ReturnsMatrix } from '../../market/types.js';
import type { FhsModel } from './fhs.js';
import { fhsPaths } from './fhs-paths.js';

/**
 * State-filtered FHS: the conditional variances σ²_{t+1} that the fitted
 * GARCH(1,1) of each asset gives after filtering `returns` up to and
 * including date index t (recursion started at the model's σ²_0), one row per
 * requested t (n × A). `returns` must hold the model's symbols in its order.
 */
export function fhsStartVariances(model: FhsModel, returns: ReturnsMatrix, days: ArrayLike<number>): Float64Array {
  const A = model.symbols.length, T = returns.dates.length;
  const f = model.fitted;
  const out = new Float64Array(days.length * A);
  const byDay = new Float64Array((T + 1) * A);
  for (let a = 0; a < A; a++) {
    let s2 = f.initialVariance[a];
    for (let t = 0; t < T; t++) {
      const e = returns.values[t * A + a] - f.mean[a];
      s2 = f.omega[a] + f.alpha[a] * e * e + f.beta[a] * s2;
      byDay[(t + 1) * A + a] = s2;
    }
  }
  for (let i = 0; i < days.length; i++) out.set(byDay.subarray((days[i] + 1) * A, (days[i] + 2) * A), i * A);
  return out;
}

/** FHS paths (nPaths × horizon × A) whose recursion starts from `startVariance` (A values) instead of the fitted σ²_{T+1}. */
export function fhsPathsFrom(model: FhsModel, startVariance: Float64Array, nPaths: number, horizon: number, seed: number, firstPath = 0): Float32Array {
  const A = model.symbols.length, f = model.fitted;
  const out = new Float32Array(nPaths * horizon * A);
  const drift = model.params.meanZero === true ? new Float64Array(A) : f.mean;
  fhsPaths({ nAssets: A, drift, omega: f.omega, alpha: f.alpha, beta: f.beta, startVariance, residuals: f.residuals, nRows: f.residuals.length / A }, out, nPaths, horizon, seed, firstPath);
  return out;
}

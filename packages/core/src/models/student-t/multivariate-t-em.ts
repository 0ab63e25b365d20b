import { ModelError } from '../../errors.js';
import { logGamma } from '../../numeric/log-gamma.js';
import { maximizeScalar } from '../../numeric/maximize-scalar.js';
import { choleskyInto } from '../gaussian/cholesky.js';
import { columnMeans } from '../gaussian/moments.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { log, log1p, exp, PI, min, max } = Math;

/** Bounds of the degrees of freedom: above 2 the covariance ν/(ν − 2)·Σ exists; by 200 the t is all but normal. */
export const MIN_DOF = 2.1;
export const MAX_DOF = 200;

export interface MultivariateTFit {
  /** Location μ (length p). */
  readonly location: Float64Array;
  /** Scale matrix Σ, p × p row-major (the covariance is ν/(ν − 2)·Σ). */
  readonly scale: Float64Array;
  /** Lower Cholesky factor of Σ, p × p row-major. */
  readonly cholesky: Float64Array;
  /** Degrees of freedom ν in [MIN_DOF, MAX_DOF]. */
  readonly dof: number;
  /** Log-likelihood at the estimate (see {@link fitMultivariateT}). */
  readonly logLikelihood: number;
  readonly iterations: number;
  /** Whether the log-likelihood gain fell below the tolerance before `maxIterations`. */
  readonly converged: boolean;
}

export interface MultivariateTOptions {
  /** Stop when one iteration raises the log-likelihood by less than this times T. Default 1e-12 (about 30 iterations on 3 assets). */
  readonly tolerance?: number;
  /** Default 2000. */
  readonly maxIterations?: number;
}

/**
 * Maximum-likelihood fit of the multivariate Student-t distribution
 * t_p(μ, Σ, ν), density
 *
 *   f(x) = Γ((ν+p)/2) / (Γ(ν/2) (νπ)^(p/2) |Σ|^(1/2)) · (1 + δ(x)/ν)^(−(ν+p)/2),
 *   δ(x) = (x − μ)ᵀ Σ⁻¹ (x − μ),
 *
 * to the T rows of a T × p row-major matrix, by the ECME algorithm of Liu &
 * Rubin (1995), "ML estimation of the t distribution using EM and its
 * extensions, ECM and ECME", Statistica Sinica 5, 19–39. The t is a normal
 * scale mixture, x | w ~ N(μ, Σ/w), w ~ Gamma(ν/2, rate ν/2); one iteration:
 *
 *   E-step   w_t = (ν + p) / (ν + δ_t)            (E[w | x_t])
 *   CM-step  μ = Σ w_t x_t / Σ w_t,  Σ = (1/T) Σ w_t (x_t − μ)(x_t − μ)ᵀ
 *   CM-step  ν = argmax over [MIN_DOF, MAX_DOF] of the observed log-likelihood
 *            ℓ(μ, Σ, ν) with the new μ, Σ (a 1-D search on ln ν, see maximizeScalar)
 *
 * Each step cannot lower ℓ, so ℓ rises monotonically; maximising the actual
 * likelihood in ν (rather than its EM surrogate) is what makes ECME converge
 * much faster than plain EM. Starts from the sample mean and covariance.
 * Throws a ModelError when Σ stops being positive definite (data on a
 * subspace): callers check the sample covariance first.
 */
export function fitMultivariateT(
  x: Float64Array,
  nRows: number,
  p: number,
  options: MultivariateTOptions = {},
): MultivariateTFit {
  const tol = (options.tolerance ?? 1e-12) * nRows;
  const maxIterations = options.maxIterations ?? 2000;
  const mu = columnMeans(x, nRows, p);
  const sigma = new Float64Array(p * p);
  const chol = new Float64Array(p * p);
  const delta = new Float64Array(nRows);
  const d = new Float64Array(p);
  const y = new Float64Array(p);

  /** Σ = (1/T) Σ_t w_t (x_t − μ)(x_t − μ)ᵀ, full symmetric; w = null means all ones. */
  const scatter = (w: Float64Array | null): void => {
    sigma.fill(0);
    for (let t = 0; t < nRows; t++) {
      const r = t * p;
      const wt = w === null ? 1 : w[t];
      for (let i = 0; i < p; i++) d[i] = x[r + i] - mu[i];
      for (let i = 0; i < p; i++) {
        const wi = wt * d[i];
        const ri = i * p;
        for (let j = 0; j <= i; j++) sigma[ri + j] += wi * d[j];
      }
    }
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        const v = sigma[i * p + j] / nRows;
        sigma[i * p + j] = v;
        sigma[j * p + i] = v;
      }
    }
  };

  /** Factors Σ and fills δ_t = |L⁻¹(x_t − μ)|²; returns ln|Σ| = 2 Σ ln L_ii. */
  const mahalanobis = (iteration: number): number => {
    if (choleskyInto(sigma, p, chol) >= 0) {
      throw new ModelError(`student-t fit: the scale matrix is not positive definite at iteration ${iteration}`);
    }
    let logDet = 0;
    for (let i = 0; i < p; i++) logDet += 2 * log(chol[i * p + i]);
    for (let t = 0; t < nRows; t++) {
      const r = t * p;
      let s = 0;
      for (let i = 0; i < p; i++) {
        const ri = i * p;
        let v = x[r + i] - mu[i];
        for (let j = 0; j < i; j++) v -= chol[ri + j] * y[j];
        v /= chol[ri + i];
        y[i] = v;
        s += v * v;
      }
      delta[t] = s;
    }
    return logDet;
  };

  /** ℓ(μ, Σ, ν) for the current δ and ln|Σ|. */
  const logLik = (nu: number, logDet: number): number => {
    let s = 0;
    for (let t = 0; t < nRows; t++) s += log1p(delta[t] / nu);
    const perRow = logGamma((nu + p) / 2) - logGamma(nu / 2) - (p / 2) * log(nu * PI) - logDet / 2;
    return nRows * perRow - ((nu + p) / 2) * s;
  };
  const bestDof = (logDet: number): { nu: number; ll: number } => {
    const r = maximizeScalar((u) => logLik(exp(u), logDet), log(MIN_DOF), log(MAX_DOF), {
      gridPoints: 12,
      tolerance: 1e-9,
    });
    const nu = min(MAX_DOF, max(MIN_DOF, exp(r.x)));
    return { nu, ll: logLik(nu, logDet) };
  };

  scatter(null);
  let { nu, ll } = bestDof(mahalanobis(0));
  const w = new Float64Array(nRows);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    let sw = 0;
    for (let t = 0; t < nRows; t++) {
      w[t] = (nu + p) / (nu + delta[t]);
      sw += w[t];
    }
    mu.fill(0);
    for (let t = 0; t < nRows; t++) {
      const r = t * p;
      const wt = w[t];
      for (let i = 0; i < p; i++) mu[i] += wt * x[r + i];
    }
    for (let i = 0; i < p; i++) mu[i] /= sw;
    scatter(w);
    const next = bestDof(mahalanobis(iterations));
    const gain = next.ll - ll;
    nu = next.nu;
    ll = next.ll;
    if (gain < tol) {
      converged = true;
      break;
    }
  }
  return { location: mu, scale: sigma, cholesky: chol, dof: nu, logLikelihood: ll, iterations, converged };
}

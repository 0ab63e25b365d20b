import { nelderMead } from '../../numeric/nelder-mead.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { log, exp, PI } = Math;

/**
 * GARCH(1,1) of Bollerslev (1986) for one demeaned return series ε_0..ε_{T−1}:
 *
 *   σ²_0 = s² (the sample variance Σ ε²_t / T: the recursion needs a start, and
 *          the unconditional variance estimate is the usual one, as in rugarch);
 *   σ²_t = ω + α ε²_{t−1} + β σ²_{t−1}   for t ≥ 1,
 *
 * with ω > 0, α ≥ 0, β ≥ 0 and α + β < 1 (covariance stationarity; the
 * unconditional variance is ω / (1 − α − β)). σ²_T, one step past the data, is
 * the conditional variance of tomorrow's return.
 */

export interface GarchParams {
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
}

export interface GarchFit extends GarchParams {
  /** Gaussian log-likelihood at the estimate, constants included (see {@link garchLogLikelihood}). */
  readonly logLikelihood: number;
  /** σ²_0, the start of the recursion: the sample variance s². */
  readonly initialVariance: number;
  /** Objective evaluations the optimiser used, all starts together. */
  readonly evaluations: number;
}

/** Largest persistence α + β the fit can return: keeps the process strictly stationary and ω = v(1 − α − β) > 0. */
export const MAX_PERSISTENCE = 1 - 1e-6;

/**
 * Runs the variance recursion over ε (see the module comment), writing σ²_t
 * for t = 0..T−1 into `out` (when given, length T) and returning σ²_T.
 */
export function garchVariances(
  eps: Float64Array,
  p: GarchParams,
  initialVariance: number,
  out?: Float64Array,
): number {
  const { omega, alpha, beta } = p;
  let s2 = initialVariance;
  for (let t = 0; t < eps.length; t++) {
    if (out !== undefined) out[t] = s2;
    const e = eps[t];
    s2 = omega + alpha * e * e + beta * s2;
  }
  return s2;
}

/**
 * Gaussian (quasi-)log-likelihood of ε under the GARCH(1,1) above:
 * ℓ = −½ Σ_t [ln 2π + ln σ²_t + ε²_t / σ²_t]. Maximising it is quasi-maximum
 * likelihood: consistent and asymptotically normal even when the standardised
 * residuals are not normal (Bollerslev & Wooldridge 1992), which they are not
 * for daily returns.
 */
export function garchLogLikelihood(eps: Float64Array, p: GarchParams, initialVariance: number): number {
  return -0.5 * (eps.length * log(2 * PI) + garchObjective(eps, p.omega, p.alpha, p.beta, initialVariance));
}

/** Σ_t [ln σ²_t + ε²_t / σ²_t]: −2ℓ without the constant; what the optimiser minimises. */
function garchObjective(eps: Float64Array, omega: number, alpha: number, beta: number, s20: number): number {
  let s2 = s20;
  let sum = 0;
  for (let t = 0; t < eps.length; t++) {
    const e2 = eps[t] * eps[t];
    sum += log(s2) + e2 / s2;
    s2 = omega + alpha * e2 + beta * s2;
  }
  return sum;
}

const logistic = (x: number): number => 1 / (1 + exp(-x));
const logit = (p: number): number => log(p / (1 - p));

/**
 * Unconstrained coordinates θ → (ω, α, β): persistence π = α + β =
 * MAX_PERSISTENCE·logistic(θ₀), α = π·logistic(θ₁), β = π − α, and the
 * unconditional variance v = s²·exp(θ₂), ω = v·(1 − π). Every θ maps inside
 * the constraints, and working with v rather than ω keeps the three
 * coordinates on similar scales (ω alone is ~1e-6 and tied to π).
 */
function fromTheta(theta: ArrayLike<number>, s2: number): GarchParams {
  const persistence = MAX_PERSISTENCE * logistic(theta[0]);
  const alpha = persistence * logistic(theta[1]);
  const v = s2 * exp(theta[2]);
  return { omega: v * (1 - persistence), alpha, beta: persistence - alpha };
}

function toTheta(alpha: number, beta: number, v: number, s2: number): number[] {
  const persistence = alpha + beta;
  return [logit(persistence / MAX_PERSISTENCE), logit(alpha / persistence), log(v / s2)];
}

/** Starting points (α, β): moderate, low-α, and high-persistence, all with v = s². */
const STARTS: readonly (readonly [number, number])[] = [
  [0.08, 0.9],
  [0.15, 0.7],
  [0.03, 0.96],
];

/**
 * Quasi-maximum-likelihood estimate of (ω, α, β) for a demeaned series ε with
 * positive sample variance: Nelder–Mead on the transformed coordinates (see
 * {@link fromTheta}) from a few starting points, then restarted from the best
 * point until a restart no longer improves it (a fresh simplex escapes a
 * collapsed one, the standard remedy for Nelder–Mead's false convergence).
 */
export function fitGarch(eps: Float64Array): GarchFit {
  let s2 = 0;
  for (let t = 0; t < eps.length; t++) s2 += eps[t] * eps[t];
  s2 /= eps.length;
  if (!(s2 > 0)) throw new RangeError('fitGarch: the series has no variance');
  const objective = (theta: Float64Array): number => {
    const p = fromTheta(theta, s2);
    return garchObjective(eps, p.omega, p.alpha, p.beta, s2);
  };
  const options = { initialStep: 0.7, xTolerance: 1e-6, fTolerance: 1e-9, maxEvaluations: 800 };
  let evaluations = 0;
  let best: { x: Float64Array; value: number } = { x: new Float64Array(3), value: Infinity };
  for (const [a, b] of STARTS) {
    const r = nelderMead(objective, toTheta(a, b, s2, s2), options);
    evaluations += r.evaluations;
    if (r.value < best.value) best = r;
  }
  for (let restart = 0; restart < 5; restart++) {
    const r = nelderMead(objective, best.x, { ...options, initialStep: 0.1 });
    evaluations += r.evaluations;
    const gain = best.value - r.value;
    if (r.value < best.value) best = r;
    if (!(gain > 1e-9)) break;
  }
  const p = fromTheta(best.x, s2);
  return { ...p, logLikelihood: garchLogLikelihood(eps, p, s2), initialVariance: s2, evaluations };
}

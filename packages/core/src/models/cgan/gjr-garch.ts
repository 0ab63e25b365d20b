import { nelderMead } from '../../numeric/nelder-mead.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { log, exp, sqrt } = Math;

/**
 * GJR-GARCH(1,1) of Glosten, Jagannathan & Runkle (1993) for one demeaned
 * return series ε_0..ε_{T−1}:
 *
 *   σ²_0 = s² (sample variance Σε²/T),
 *   σ²_t = ω + (α + γ·1[ε_{t−1} < 0])·ε²_{t−1} + β·σ²_{t−1},   t ≥ 1,
 *
 * with ω > 0, α, γ, β ≥ 0 and persistence π = α + γ/2 + β < 1 (for symmetric
 * innovations E[1[ε<0]ε²] = σ²/2, so the long-run variance is ω/(1 − π)).
 * γ > 0 is the leverage effect: a fall raises tomorrow's variance more than a
 * rise of the same size. The cgan takes volatility dynamics from this filter
 * and learns only the joint law of the standardised innovations z = ε/σ.
 */
export interface GjrParams {
  readonly omega: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly beta: number;
}

export const GJR_MAX_PERSISTENCE = 0.999;

/** π = α + γ/2 + β. */
export function gjrPersistence(p: GjrParams): number {
  return p.alpha + p.gamma / 2 + p.beta;
}

/** Long-run variance ω / (1 − π). */
export function gjrLongRunVariance(p: GjrParams): number {
  return p.omega / (1 - gjrPersistence(p));
}

/** One step of the recursion: σ²_{t+1} from σ²_t and ε_t. */
export function gjrNext(p: GjrParams, variance: number, eps: number): number {
  return p.omega + (eps < 0 ? p.alpha + p.gamma : p.alpha) * eps * eps + p.beta * variance;
}

/**
 * Runs the recursion over ε from σ²_0 = initialVariance, writing σ²_t for
 * t = 0..T−1 into `out` (when given) and returning σ²_T (tomorrow's variance).
 */
export function gjrVariances(eps: ArrayLike<number>, p: GjrParams, initialVariance: number, out?: Float64Array): number {
  let s2 = initialVariance;
  for (let t = 0; t < eps.length; t++) {
    if (out !== undefined) out[t] = s2;
    s2 = gjrNext(p, s2, eps[t]);
  }
  return s2;
}

/** Σ_t [ln σ²_t + ε²_t/σ²_t] (−2 × Gaussian log-likelihood without the constant). */
function objective(eps: Float64Array, p: GjrParams, s20: number): number {
  const { omega, alpha, gamma, beta } = p;
  let s2 = s20;
  let sum = 0;
  for (let t = 0; t < eps.length; t++) {
    const e = eps[t];
    const e2 = e * e;
    sum += log(s2) + e2 / s2;
    s2 = omega + (e < 0 ? alpha + gamma : alpha) * e2 + beta * s2;
  }
  return sum;
}

const logistic = (x: number): number => 1 / (1 + exp(-x));
const logit = (q: number): number => log(q / (1 - q));

/**
 * θ ∈ R⁴ → parameters inside the constraints: π = MAX·logistic(θ₀); the share
 * a = logistic(θ₁) of π that reacts to shocks (α + γ/2 = a·π, β = (1 − a)·π);
 * the share g = logistic(θ₂) of that reaction due to falls (γ/2 = g·a·π);
 * the long-run variance v = s²·exp(θ₃), ω = v·(1 − π).
 */
function fromTheta(theta: ArrayLike<number>, s2: number): GjrParams {
  const pi = GJR_MAX_PERSISTENCE * logistic(theta[0]);
  const react = pi * logistic(theta[1]);
  const half = react * logistic(theta[2]);
  const v = s2 * exp(theta[3]);
  return { omega: v * (1 - pi), alpha: react - half, gamma: 2 * half, beta: pi - react };
}

function toTheta(alpha: number, gamma: number, beta: number): number[] {
  const react = alpha + gamma / 2;
  const pi = react + beta;
  return [logit(pi / GJR_MAX_PERSISTENCE), logit(react / pi), logit((gamma / 2) / react), 0];
}

const STARTS: readonly (readonly [number, number, number])[] = [
  [0.03, 0.08, 0.9],
  [0.08, 0.04, 0.85],
  [0.02, 0.03, 0.95],
];

export interface GjrFit extends GjrParams {
  readonly initialVariance: number;
  readonly logLikelihood: number;
}

/**
 * Gaussian quasi-maximum-likelihood estimate (consistent for non-normal
 * innovations, Bollerslev & Wooldridge 1992): Nelder–Mead on θ from three
 * starts, then restarted from the best point until it stops improving.
 */
export function fitGjr(eps: Float64Array): GjrFit {
  let s2 = 0;
  for (let t = 0; t < eps.length; t++) s2 += eps[t] * eps[t];
  s2 /= eps.length;
  if (!(s2 > 0)) throw new RangeError('fitGjr: the series has no variance');
  const f = (theta: Float64Array): number => objective(eps, fromTheta(theta, s2), s2);
  const options = { initialStep: 0.7, xTolerance: 1e-5, fTolerance: 1e-8, maxEvaluations: 600 };
  let best: { x: Float64Array; value: number } = { x: new Float64Array(4), value: Infinity };
  for (const [a, g, b] of STARTS) {
    const r = nelderMead(f, toTheta(a, g, b), options);
    if (r.value < best.value) best = r;
  }
  for (let restart = 0; restart < 4; restart++) {
    const r = nelderMead(f, best.x, { ...options, initialStep: 0.1 });
    const gain = best.value - r.value;
    if (r.value < best.value) best = r;
    if (!(gain > 1e-8)) break;
  }
  const p = fromTheta(best.x, s2);
  return { ...p, initialVariance: s2, logLikelihood: -0.5 * (eps.length * log(2 * Math.PI) + best.value) };
}

/** Standardised innovations z_t = ε_t/σ_t and variances of a demeaned series under fitted parameters. */
export function gjrFilter(eps: Float64Array, p: GjrParams, initialVariance: number): { z: Float64Array; variance: Float64Array; next: number } {
  const variance = new Float64Array(eps.length);
  const next = gjrVariances(eps, p, initialVariance, variance);
  const z = new Float64Array(eps.length);
  for (let t = 0; t < eps.length; t++) z[t] = eps[t] / sqrt(variance[t]);
  return { z, variance, next };
}

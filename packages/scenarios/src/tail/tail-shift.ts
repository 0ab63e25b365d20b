import { InputError, type CganModel, type ConditioningState } from '@tailforge/core';
import { latentObjective } from './latent-objective.js';
import { tailRadius } from './tail-radius.js';

export interface TailShiftOptions {
  readonly state: ConditioningState;
  /** Market value per model symbol (model.symbols order). */
  readonly exposures: Float64Array;
  readonly horizon: number;
  /** Tail the shift aims at (default 0.99); sets the radius by {@link tailRadius}. */
  readonly confidence?: number;
  /** Norm of the whole path's latent shift; overrides `confidence`. */
  readonly radius?: number;
  /** Ascent steps at most (default 60). */
  readonly maxIterations?: number;
}

export interface TailShift {
  /** μ ∈ R^L, added to the latent of every window. */
  readonly latentMean: Float64Array;
  /** Norm of the whole path's shift, √k·|μ|. */
  readonly radius: number;
  readonly windows: number;
  /** Portfolio loss (money) of the path at latent 0 and at latent μ in every window. */
  readonly lossAtZero: number;
  readonly lossAtShift: number;
  /** Ascent steps taken, and cos(μ, ∇loss(μ)) at the end: 1 at a maximum of the loss on the sphere. */
  readonly iterations: number;
  readonly alignment: number;
}

const dot = (x: Float64Array, y: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
};

/**
 * The latent mean shift of tail-focused sampling: the point of the sphere
 * |μ|·√k = radius (k windows, each shifted by μ) where the portfolio loss of
 * the generated path is largest, found by projected gradient ascent through
 * the generator (TF.js gradients):
 *
 *   μ₀ = ρ·∇ℓ(0)/|∇ℓ(0)|,   μ ← ρ·(μ + s·ρ·ĝ)/|μ + s·ρ·ĝ|,   ρ = radius/√k, ĝ = ∇ℓ(μ)/|∇ℓ(μ)|,
 *
 * the step s halved whenever the loss falls, until cos(μ, ∇ℓ(μ)) > 1 − 1e-6
 * (first-order optimality on the sphere). For a loss linear in the latent,
 * μ₀ is already the optimum: the direction of steepest loss.
 */
export async function findTailShift(model: CganModel, options: TailShiftOptions): Promise<TailShift> {
  const radius = options.radius ?? tailRadius(options.confidence ?? 0.99);
  if (!(radius > 0 && Number.isFinite(radius))) throw new InputError(`tail shift radius must be positive, got ${radius}`);
  const obj = await latentObjective(model, { state: options.state, exposures: options.exposures, horizon: options.horizon, tied: true });
  const rho = radius / Math.sqrt(obj.windows);
  const zero = new Float64Array(obj.dim);
  const at0 = obj.valueAndGrad(zero);
  const n0 = Math.sqrt(dot(at0.grad, at0.grad));
  if (!(n0 > 0)) throw new InputError('the portfolio loss does not change with the model\'s latent: no direction to focus the paths on');
  let mu = at0.grad.map((g) => (g * rho) / n0);
  let cur = obj.valueAndGrad(mu);
  let step = 0.5;
  let iterations = 0;
  let alignment = 0;
  const maxIterations = options.maxIterations ?? 60;
  for (; iterations < maxIterations; iterations++) {
    const gn = Math.sqrt(dot(cur.grad, cur.grad));
    alignment = gn > 0 ? dot(mu, cur.grad) / (gn * rho) : 1;
    if (alignment > 1 - 1e-6 || step < 1e-4) break;
    const next = mu.map((m, j) => m + (step * rho * cur.grad[j]) / gn);
    const norm = Math.sqrt(dot(next, next));
    for (let j = 0; j < next.length; j++) next[j] *= rho / norm;
    const cand = obj.valueAndGrad(next);
    if (cand.value >= cur.value) {
      mu = next;
      cur = cand;
    } else step /= 2;
  }
  return {
    latentMean: mu,
    radius,
    windows: obj.windows,
    lossAtZero: at0.value * obj.scale,
    lossAtShift: cur.value * obj.scale,
    iterations,
    alignment,
  };
}

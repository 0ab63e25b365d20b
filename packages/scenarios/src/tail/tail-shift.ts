import { InputError, type CganModel, type ConditioningState } from '@tailforge/core';
import { latentObjective } from './latent-objective.js';
import { tailRadius } from './tail-radius.js';
import { dot, maximiseOnSphere } from './sphere-ascent.js';

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


/**
 * The latent mean shift of tail-focused sampling: the point of the sphere
 * |μ|·√k = radius (k windows, each shifted by μ) where the portfolio loss ℓ of
 * the generated path is largest, found by projected gradient ascent through
 * the generator (TF.js gradients, {@link maximiseOnSphere}) from
 * μ₀ = ρ·∇ℓ(0)/|∇ℓ(0)|, ρ = radius/√k. For a loss linear in the latent, μ₀
 * is already the optimum: the direction of steepest loss.
 */
export async function findTailShift(model: CganModel, options: TailShiftOptions): Promise<TailShift> {
  const radius = options.radius ?? tailRadius(options.confidence ?? 0.99);
  if (!(radius > 0 && Number.isFinite(radius))) throw new InputError(`tail shift radius must be positive, got ${radius}`);
  const obj = await latentObjective(model, { state: options.state, exposures: options.exposures, horizon: options.horizon, tied: true });
  const rho = radius / Math.sqrt(obj.windows);
  const at0 = obj.valueAndGrad(new Float64Array(obj.dim));
  if (!(dot(at0.grad, at0.grad) > 0)) throw new InputError('the portfolio loss does not change with the model\'s latent: no direction to focus the paths on');
  const best = maximiseOnSphere(obj, rho, at0.grad, { maxIterations: options.maxIterations ?? 60 });
  return {
    latentMean: best.z,
    radius,
    windows: obj.windows,
    lossAtZero: at0.value * obj.scale,
    lossAtShift: best.value * obj.scale,
    iterations: best.iterations,
    alignment: best.alignment,
  };
}

import { InputError, tensorflow, type CganModel, type ConditioningState } from '@tailforge/core';
import { grossExposure, portfolioLossTf, rollReturnsTf } from './differentiable-roll.js';
import type { Tensor2D } from './tf-types.js';

/**
 * The portfolio loss of a cgan path as a function of its latent vector, with
 * its gradient by TF.js autodiff: the objective of the tail-shift search and
 * of the reverse stress test.
 */
export interface LatentObjective {
  /** Length of the latent argument: L (tied) or k·L. */
  readonly dim: number;
  /** Windows per path, k = ⌈horizon / H⌉. */
  readonly windows: number;
  /** Money per unit of `value`: values are losses as fractions of this gross exposure Σ|e_a|. */
  readonly scale: number;
  /** Loss (fraction of `scale`) of the path generated from latent z. */
  value(z: Float64Array): number;
  /** Loss and its gradient with respect to z. */
  valueAndGrad(z: Float64Array): { value: number; grad: Float64Array };
  /** The path's log returns, horizon × A (layout [t·A + a]). */
  returns(z: Float64Array): Float32Array;
}

export interface LatentObjectiveOptions {
  readonly state: ConditioningState;
  /** Market value per model symbol (model.symbols order); negative for shorts. */
  readonly exposures: Float64Array;
  readonly horizon: number;
  /**
   * Tied: one latent vector z ∈ R^L used by every window (the latent mean of
   * tail-focused sampling, which the sampler adds to each window). Untied:
   * z ∈ R^{k·L}, one block per window (a single path).
   */
  readonly tied: boolean;
}

export async function latentObjective(model: CganModel, options: LatentObjectiveOptions): Promise<LatentObjective> {
  const { state, exposures, horizon, tied } = options;
  const A = model.symbols.length, L = model.latentSize;
  if (exposures.length !== A) throw new InputError(`exposures must hold one value per model symbol (${A}), got ${exposures.length}`);
  if (!exposures.every(Number.isFinite)) throw new InputError('exposures must be finite');
  if (!Number.isSafeInteger(horizon) || horizon < 1) throw new InputError(`horizon must be a positive integer, got ${horizon}`);
  const scale = grossExposure(exposures);
  if (!(scale > 0)) throw new InputError('the portfolio has no exposure to the model\'s symbols: its loss does not depend on the scenario');
  const tf = await tensorflow();
  const k = Math.ceil(horizon / model.window);
  const dim = tied ? L : k * L;
  const expand = (z: Tensor2D): Tensor2D => (tied && k > 1 ? (tf.tile(z, [1, k]) as Tensor2D) : z);
  const lossOf = (z: Tensor2D) => tf.sum(portfolioLossTf(tf, rollReturnsTf(tf, model, expand(z), state, horizon), exposures, scale));
  const grad = tf.valueAndGrad((z: Tensor2D) => lossOf(z));
  const input = (z: Float64Array): Tensor2D => {
    if (z.length !== dim) throw new RangeError(`latent must hold ${dim} values, got ${z.length}`);
    return tf.tensor2d(Float32Array.from(z), [1, dim]);
  };
  return {
    dim,
    windows: k,
    scale,
    value(z) {
      return tf.tidy(() => lossOf(input(z)).dataSync()[0]);
    },
    valueAndGrad(z) {
      const r = tf.tidy(() => grad(input(z)));
      const v = r.value.dataSync()[0];
      const g = Float64Array.from(r.grad.dataSync());
      r.value.dispose();
      r.grad.dispose();
      return { value: v, grad: g };
    },
    returns(z) {
      return tf.tidy(() => Float32Array.from(rollReturnsTf(tf, model, expand(input(z)), state, horizon).dataSync()));
    },
  };
}

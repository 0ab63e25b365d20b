import * as tf from '@tensorflow/tfjs';
import type { CganModel } from '../../src/models/cgan/cgan-model.js';
import type { ConditioningState } from '../../src/models/model.js';
import { Rng } from '../../src/random/rng.js';

/**
 * Rolls `n` paths of `horizon` days (two windows' latents each) through the
 * differentiable roll and through `sample`, with the latents `sample` draws
 * for seed 5: the largest absolute difference, and whether the gradient of the
 * paths' sum reaches the latent.
 */
export async function rollVsSample(model: CganModel, state: ConditioningState, n: number, horizon: number): Promise<{ worst: number; gradientReaches: boolean }> {
  const L = model.latentSize;
  const z = new Float32Array(n * 2 * L);
  for (let p = 0; p < n; p++) {
    const rng = Rng.forStream(5, p);
    for (let j = 0; j < 2 * L; j++) z[p * 2 * L + j] = rng.normal();
  }
  const out = tf.tidy(() => model.rollTf(tf.tensor2d(z, [n, 2 * L]), state, horizon).dataSync());
  const paths = await model.sample({ nPaths: n, horizon, seed: 5, state });
  let worst = 0;
  for (let i = 0; i < paths.length; i++) worst = Math.max(worst, Math.abs(out[i] - paths[i]));
  const g = tf.tidy(() => tf.grad((zz: tf.Tensor) => tf.sum(model.rollTf(zz as tf.Tensor2D, state, horizon)))(tf.tensor2d(z, [n, 2 * L])).dataSync());
  return { worst, gradientReaches: g.some((v) => v !== 0) };
}

import { describe, expect, it } from '@jest/globals';
import { Rng, tensorflow } from '@tailforge/core';
import { latentObjective, rollReturnsTf } from '@tailforge/scenarios';
import { example, pathLosses } from './helpers/cgan-example.js';

describe('the cgan\'s rolling generation in TF.js ops', () => {
  it('reproduces the sampler\'s paths over two windows from the latents of their random streams', async () => {
    const tf = await tensorflow();
    const { model, returns } = await example();
    const state = model.latestState(returns);
    // Two windows; three paths, so each of the example's three ensemble members (path i → member i mod 3) is checked.
    const horizon = model.window + 5, n = 3, seed = 11, L = model.latentSize, A = model.symbols.length;
    const sampled = await model.sample({ nPaths: n, horizon, seed, state });
    // The sampler's documented layout: window w's latent is the w-th block of L normals of stream (seed, path).
    const latents = new Float32Array(n * 2 * L);
    for (let p = 0; p < n; p++) {
      const rng = Rng.forStream(seed, p);
      for (let j = 0; j < 2 * L; j++) latents[p * 2 * L + j] = rng.normal();
    }
    const rolled = tf.tidy(() => rollReturnsTf(tf, model, tf.tensor2d(latents, [n, 2 * L]), state, horizon).dataSync());
    expect(rolled.length).toBe(n * horizon * A);
    let worst = 0;
    for (let i = 0; i < rolled.length; i++) worst = Math.max(worst, Math.abs(rolled[i] - sampled[i]));
    expect(worst).toBeLessThan(2e-5);
  });

  it('the loss objective matches the loss of its path, and its gradient matches finite differences', async () => {
    const { model, returns, exposures } = await example();
    const state = model.latestState(returns);
    const obj = await latentObjective(model, { state, exposures, horizon: 5, tied: false });
    const rng = Rng.forStream(3, 0);
    const z = Float64Array.from({ length: obj.dim }, () => rng.normal());
    const { value, grad } = obj.valueAndGrad(z);
    expect(value * obj.scale).toBeCloseTo(pathLosses(obj.returns(z), 1, 5, exposures)[0], 0);
    // Central differences along three directions: the largest gradient entry, a random one, the gradient itself.
    let big = 0;
    for (let j = 1; j < grad.length; j++) if (Math.abs(grad[j]) > Math.abs(grad[big])) big = j;
    const dirs = [Float64Array.from(grad, (_, j) => (j === big ? 1 : 0)), Float64Array.from(grad, () => rng.normal()), grad.map((g) => g)];
    for (const d of dirs) {
      const n = Math.hypot(...d);
      const u = d.map((v) => v / n);
      const h = 1e-2;
      const fd = (obj.value(z.map((v, j) => v + h * u[j])) - obj.value(z.map((v, j) => v - h * u[j]))) / (2 * h);
      const an = grad.reduce((s, g, j) => s + g * u[j], 0);
      expect(Math.abs(fd - an)).toBeLessThan(0.02 * Math.abs(an) + 1e-4);
    }
    // Latent entries of days beyond the horizon do not move a 5-day path.
    const D = model.latentSize - model.window * model.symbols.length;
    for (let j = D + 5 * model.symbols.length; j < obj.dim; j++) expect(grad[j]).toBe(0);
  });
});

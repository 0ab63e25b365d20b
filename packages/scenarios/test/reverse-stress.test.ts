import { describe, expect, it } from '@jest/globals';
import { InputError } from '@tailforge/core';
import { latentObjective, reverseStress } from '@tailforge/scenarios';
import { example, pathLosses } from './helpers/cgan-example.js';

describe('reverse stress test on the example cgan and portfolio', () => {
  it('finds a path losing the target, on the boundary, likelier than the steepest-descent direction', async () => {
    const { model, returns, exposures, value } = await example();
    const state = model.latestState(returns);
    const H = 5, target = 0.08 * value;
    const r = await reverseStress(model, { state, exposures, horizon: H, loss: target });
    expect(r.converged).toBe(true);
    expect(r.loss).toBeGreaterThanOrEqual(target);
    expect(r.loss).toBeLessThan(target * 1.002);
    // The reported path loses what is reported (loss written out), and the typical path is latent 0's.
    expect(pathLosses(r.returns, 1, H, exposures)[0]).toBeCloseTo(r.loss, -1);
    expect(r.lossAtZero).toBeLessThan(0);
    expect(r.norm).toBeCloseTo(Math.hypot(...r.latent), 10);
    expect(r.logDensityRatio).toBeCloseTo(-0.5 * r.norm ** 2, 10);
    expect(Math.hypot(r.moodNorm, r.noiseNorm)).toBeCloseTo(r.norm, 8);
    expect(r.activeDimension).toBe(model.latentSize - model.window * 30 + H * 30);
    // Least norm: shrinking z* by 1% loses less than the target.
    const obj = await latentObjective(model, { state, exposures, horizon: H, tied: false });
    expect(obj.value(r.latent.map((v) => v * 0.99)) * obj.scale).toBeLessThan(target);
    // Better than walking straight down the gradient at 0: bisect the norm that direction needs.
    const g = obj.valueAndGrad(new Float64Array(obj.dim)).grad;
    const gn = Math.hypot(...g);
    let lo = 0, hi = 40;
    for (let k = 0; k < 25; k++) {
      const mid = (lo + hi) / 2;
      if (obj.value(g.map((v) => (v * mid) / gn)) * obj.scale >= target) hi = mid;
      else lo = mid;
    }
    // At least as good, within the solver's tolerance (it stops up to 0.2% past the target loss): the example's
    // generator starts from a correlated Gaussian and stays near it, so the gradient direction is nearly optimal.
    expect(r.norm).toBeLessThanOrEqual(hi * 1.002);
    expect(r.alignment).toBeGreaterThan(0.9);
  });

  it('returns the typical path when it already loses the target; refuses impossible or non-positive losses', async () => {
    const { model, returns, exposures, value } = await example();
    const state = model.latestState(returns);
    // Short the book: the typical path, a gain for the long book, is a loss for it.
    const short = exposures.map((e) => -e);
    const r = await reverseStress(model, { state, exposures: short, horizon: 5, loss: 1000 });
    expect(r.norm).toBe(0);
    expect(r.loss).toBeGreaterThan(1000);
    await expect(reverseStress(model, { state, exposures, horizon: 5, loss: value })).rejects.toThrow(/long-only portfolio .* cannot lose/);
    await expect(reverseStress(model, { state, exposures, horizon: 5, loss: 0 })).rejects.toThrow(InputError);
    await expect(reverseStress(model, { state, exposures, horizon: 5, loss: 0.9 * value, maxNorm: 3 })).rejects.toThrow(/no scenario of the model within latent norm 3/);
  });
});

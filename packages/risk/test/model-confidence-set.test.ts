import { describe, it, expect } from '@jest/globals';
import { fz0Loss, modelConfidenceSet, normalPdf, normalQuantile } from '../src/index.js';
import { mulberry32, normalDraws } from './helpers/seeded-normal.js';

/** Returns the given uniforms in turn (block starts floor(u · T)). */
function scripted(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('modelConfidenceSet', () => {
  it('hand computation: 2 models, 4 days, blocks of 2, 2 scripted resamples', () => {
    // A = 0 1 0 3 (mean 1), B = 0 (mean 0). Resample 0: starts 0, 2 → days 0 1 2 3 → ζ = (0, 0).
    // Resample 1: starts 1, 1 → days 1 2 1 2 → A mean 0.5: ζ = (−0.5, 0).
    // Set {A, B}: d̄_A = 1 − 0.5 = 0.5; d̄*_A = 0, −0.25 → v̂_A = 0.0625/2 = 0.03125; t_A = 0.5/√0.03125 = 2.83 = T_max.
    // T*_b = 0 and 0.25/√0.03125 = 1.41, both < 2.83 → p = 0: A eliminated, B survives.
    const r = modelConfidenceSet([[0, 1, 0, 3], [0, 0, 0, 0]], { resamples: 2, blockLength: 2, uniform: scripted([0, 0.5, 0.25, 0.25]) });
    expect(r.ranking).toEqual([1, 0]);
    expect(Array.from(r.pValues)).toEqual([0, 1]);
    expect(r.included).toEqual([false, true]);
    expect(Array.from(r.meanLoss)).toEqual([1, 0]);
  });

  const alpha = 0.025;
  const z = -normalQuantile(alpha);
  const es = normalPdf(z) / alpha;
  const x = normalDraws(1500, 21);
  const scales = [1, 0.95, 0.6, 0.4]; // forecasts of N(0, σ) with σ = scale, data N(0, 1)
  const losses = scales.map((s) => fz0Loss(x, z * s, es * s, alpha).losses);

  it('drops forecasts that badly understate the risk and keeps the good ones', () => {
    const r = modelConfidenceSet(losses, { seed: 3, resamples: 500 });
    expect(r.included[0]).toBe(true);
    expect(r.included[3]).toBe(false);
    expect(r.pValues[3]).toBeLessThan(0.01);
    expect(r.ranking[3]).toBe(3); // eliminated first
    expect([0, 1]).toContain(r.ranking[0]);
    expect(r.pValues[r.ranking[0]]).toBe(1);
    // MCS p-values never increase along the ranking from best to worst
    for (let k = 1; k < 4; k++) expect(r.pValues[r.ranking[k]]).toBeLessThanOrEqual(r.pValues[r.ranking[k - 1]]);
  });

  it('identical models are never separated', () => {
    const r = modelConfidenceSet([losses[0], losses[0], losses[0]], { resamples: 200 });
    expect(Array.from(r.pValues)).toEqual([1, 1, 1]);
    expect(r.included).toEqual([true, true, true]);
  });

  it('reproducible from the seed or the uniform source', () => {
    const a = modelConfidenceSet(losses, { seed: 9, resamples: 200 });
    const b = modelConfidenceSet(losses, { seed: 9, resamples: 200 });
    expect(Array.from(a.pValues)).toEqual(Array.from(b.pValues));
    const c = modelConfidenceSet(losses, { uniform: mulberry32(5), resamples: 200 });
    const d = modelConfidenceSet(losses, { uniform: mulberry32(5), resamples: 200 });
    expect(Array.from(c.pValues)).toEqual(Array.from(d.pValues));
    expect(c.blockLength).toBe(11); // round(1500^(1/3)) = round(11.45)
  });

  it('validates', () => {
    expect(() => modelConfidenceSet([[1, 2]])).toThrow(/at least 2 models, got 1/);
    expect(() => modelConfidenceSet([[1, 2], [1]])).toThrow(/losses\[1\] has 1 days, expected 2/);
    expect(() => modelConfidenceSet([[1, NaN], [1, 2]])).toThrow(/losses\[0\]\[1\] must be a finite number/);
    expect(() => modelConfidenceSet([[1, 2], [1, 2]], { blockLength: 3 })).toThrow(/blockLength must be an integer in \[1, 2\]/);
    expect(() => modelConfidenceSet([[1, 2], [1, 2]], { alpha: 1 })).toThrow(/alpha must be/);
  });
});

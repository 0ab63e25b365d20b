import { describe, expect, it } from '@jest/globals';
import { chiSquareSample, gammaSample, Rng } from '../src/index.js';

const N = 100_000;

function draws(shape: number, seed: number, n = N): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = gammaSample(rng, shape);
  return x;
}

function meanVar(x: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { mean, variance: ss / (x.length - 1) };
}

describe('gammaSample (Marsaglia–Tsang)', () => {
  it.each([0.3, 1, 2.5, 10, 150])('shape %p: mean k and variance k within 4.5 standard errors', (k) => {
    const x = draws(k, 1000 + Math.round(k * 10));
    expect(x.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    const { mean, variance } = meanVar(x);
    // Gamma(k, 1): mean k, variance k, fourth central moment 3k² + 6k, so
    // SE(mean) = √(k/n) and SE(sample variance) = √((3k² + 6k − k²)/n).
    expect(Math.abs(mean - k)).toBeLessThan(4.5 * Math.sqrt(k / N));
    expect(Math.abs(variance - k)).toBeLessThan(4.5 * Math.sqrt((2 * k * k + 6 * k) / N));
  });

  it('matches the closed-form tails of Gamma(1), Gamma(2), Gamma(3)', () => {
    // P(X > x) = e^−x Σ_{j<k} x^j / j! for whole k.
    const tail = (k: number, x: number): number => {
      let s = 0;
      let term = 1;
      for (let j = 0; j < k; j++) {
        s += term;
        term *= x / (j + 1);
      }
      return Math.exp(-x) * s;
    };
    for (const k of [1, 2, 3]) {
      const x = draws(k, 77 + k);
      for (const c of [0.25, 1, 2.5, 6]) {
        let count = 0;
        for (const v of x) if (v > c) count++;
        const p = tail(k, c);
        expect(Math.abs(count / N - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / N));
      }
    }
  });

  it('is deterministic for a seed and rejects a bad shape', () => {
    expect(draws(2.5, 9, 50)).toEqual(draws(2.5, 9, 50));
    expect(draws(2.5, 9, 50)).not.toEqual(draws(2.5, 10, 50));
    const rng = new Rng(1);
    expect(() => gammaSample(rng, 0)).toThrow(RangeError);
    expect(() => gammaSample(rng, Number.NaN)).toThrow(RangeError);
    expect(() => gammaSample(rng, Infinity)).toThrow(RangeError);
  });

  it('chiSquareSample(ν) has mean ν and variance 2ν, also for fractional ν', () => {
    for (const nu of [2.1, 5, 7.5]) {
      const rng = new Rng(31);
      const x = new Float64Array(N);
      for (let i = 0; i < N; i++) x[i] = chiSquareSample(rng, nu);
      const { mean, variance } = meanVar(x);
      // χ²_ν = 2·Gamma(ν/2): fourth central moment 12ν(ν + 4), so Var(s²) ≈ (12ν² + 48ν − 4ν²)/n.
      expect(Math.abs(mean - nu)).toBeLessThan(4.5 * Math.sqrt((2 * nu) / N));
      expect(Math.abs(variance - 2 * nu)).toBeLessThan(4.5 * Math.sqrt((8 * nu * nu + 48 * nu) / N));
    }
  });
});

import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { valueBands } from '../src/value-bands.js';

describe('valueBands', () => {
  it('one path, two assets: the values are the hand-computed V_t at every probability', () => {
    // e = (100, 50); returns day 1: (ln 1.1, ln 0.5), day 2: (ln 2, 0).
    // V_0 = 150; V_1 = 100·1.1 + 50·0.5 = 135; V_2 = 100·2.2 + 50·0.5 = 245.
    const values = Float64Array.of(Math.log(1.1), Math.log(0.5), Math.log(2), 0);
    const b = valueBands({ values, nPaths: 1, horizon: 2, nAssets: 2 }, Float64Array.of(100, 50), { probs: [0.1, 0.9] });
    expect(b.horizon).toBe(2);
    expect(b.sampledPaths).toBe(1);
    [150, 150, 135, 135, 245, 245].forEach((want, i) => expect(b.quantiles[i]).toBeCloseTo(want, 10));
  });

  it('five paths, one asset: lower quantiles are the ⌈q·n⌉-th smallest values', () => {
    // Exposure 1, one step; path p has return ln(k_p) so V_1 = k_p: {3, 1, 5, 2, 4}.
    const ks = [3, 1, 5, 2, 4];
    const values = Float64Array.from(ks.map(Math.log));
    const b = valueBands({ values, nPaths: 5, horizon: 1, nAssets: 1 }, Float64Array.of(1), { probs: [0.2, 0.21, 0.5, 0.99] });
    // ⌈0.2·5⌉ = 1 → 1; ⌈0.21·5⌉ = 2 → 2; ⌈0.5·5⌉ = 3 → 3; ⌈0.99·5⌉ = 5 → 5.
    const day1 = Array.from(b.quantiles.subarray(4, 8));
    [1, 2, 3, 5].forEach((want, k) => expect(day1[k]).toBeCloseTo(want, 12));
    expect(Array.from(b.quantiles.subarray(0, 4))).toEqual([1, 1, 1, 1]);
  });

  it('weights: the quantile is where the cumulative weight first reaches q', () => {
    // Values 1, 2, 3 with weights 0.7, 0.2, 0.1: F(1) = 0.7, F(2) = 0.9, F(3) = 1.
    const values = Float64Array.from([1, 2, 3].map(Math.log));
    const b = valueBands({ values, nPaths: 3, horizon: 1, nAssets: 1 }, Float64Array.of(1), {
      probs: [0.5, 0.7, 0.75, 0.95],
      weights: Float64Array.of(0.7, 0.2, 0.1),
    });
    const day1 = Array.from(b.quantiles.subarray(4, 8));
    [1, 1, 2, 3].forEach((want, k) => expect(day1[k]).toBeCloseTo(want, 12));
  });

  it('over budget: quantiles of the evenly spaced subsample p_i = ⌊i·N/m⌋', () => {
    // N = 10 paths, H = 1 → 2 values per path; maxValues 10 → m = 5 paths: 0, 2, 4, 6, 8.
    const ks = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    const values = Float64Array.from(ks.map(Math.log));
    const b = valueBands({ values, nPaths: 10, horizon: 1, nAssets: 1 }, Float64Array.of(1), { probs: [0.2, 0.6, 1 - 1e-9], maxValues: 10 });
    expect(b.sampledPaths).toBe(5);
    expect(b.totalPaths).toBe(10);
    // Sampled values {10, 9, 8, 7, 6}: ⌈0.2·5⌉ = 1 → 6, ⌈0.6·5⌉ = 3 → 8, max → 10.
    const day1 = Array.from(b.quantiles.subarray(3, 6));
    [6, 8, 10].forEach((want, k) => expect(day1[k]).toBeCloseTo(want, 12));
  });

  it('matches a naive sort of every day on random cubes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (nPaths, horizon, nAssets, seed) => {
          let s = seed;
          const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.1;
          const values = Float64Array.from({ length: nPaths * horizon * nAssets }, next);
          const exposures = Float64Array.from({ length: nAssets }, (_, a) => 100 * (a + 1));
          const probs = [0.05, 0.5, 0.95];
          const b = valueBands({ values, nPaths, horizon, nAssets }, exposures, { probs });
          for (let t = 0; t <= horizon; t++) {
            const day: number[] = [];
            for (let p = 0; p < nPaths; p++) {
              let v = 0;
              for (let a = 0; a < nAssets; a++) {
                let cum = 0;
                for (let u = 0; u < t; u++) cum += values[(p * horizon + u) * nAssets + a];
                v += exposures[a] * Math.exp(cum);
              }
              day.push(v);
            }
            day.sort((x, y) => x - y);
            probs.forEach((q, k) => {
              const want = day[Math.max(1, Math.ceil(q * nPaths - 1e-9)) - 1];
              expect(b.quantiles[t * probs.length + k]).toBeCloseTo(want, 8);
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects probabilities outside (0, 1) and misaligned exposures', () => {
    const cube = { values: new Float64Array(2), nPaths: 1, horizon: 2, nAssets: 1 };
    expect(() => valueBands(cube, Float64Array.of(1), { probs: [0] })).toThrow(RangeError);
    expect(() => valueBands(cube, Float64Array.of(1, 2))).toThrow(/exposures has length 2, expected 1/);
  });
});

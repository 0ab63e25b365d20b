import { describe, it, expect } from '@jest/globals';
// Internal helpers, tested directly: they are not part of the public API.
import { binomialCdf, binomialPmf } from '../src/binomial.js';
import { chiSquaredSurvival } from '../src/chi-squared.js';
import { quantileRankInterval } from '../src/quantile-rank-interval.js';
import { createUint32Generator, UINT32_SCALE } from '../src/seeded-uniform.js';

describe('binomial', () => {
  it('small n against direct sums', () => {
    // Bin(4, 0.3): P(0) = 0.2401, P(1) = 0.4116, P(2) = 0.2646, P(3) = 0.0756, P(4) = 0.0081
    const { lo, pmf } = binomialPmf(4, 0.3);
    expect(lo).toBe(0);
    [0.2401, 0.4116, 0.2646, 0.0756, 0.0081].forEach((p, k) => expect(pmf[k]).toBeCloseTo(p, 15));
    expect(binomialCdf(1, 4, 0.3)).toBeCloseTo(0.6517, 15);
    expect(binomialCdf(4, 4, 0.3)).toBeCloseTo(1, 15);
    expect(binomialCdf(-1, 4, 0.3)).toBe(0);
  });

  it('large n without underflow (scipy.stats.binom reference values)', () => {
    // (0.99)^100000 underflows; the mode-relative recursion does not.
    expect(binomialCdf(98950, 100_000, 0.99)).toBeCloseTo(0.05870091529906223, 12);
    expect(binomialCdf(98947, 100_000, 0.99)).toBeCloseTo(0.04850136369885553, 12);
  });
});

describe('quantileRankInterval', () => {
  it('n = 100,000, α = 0.99, level 0.9 (scipy.stats.binom reference ranks)', () => {
    // P(B <= 98947) = 0.04850 <= 0.05 < P(B <= 98948) = 0.05173 → r = 98948
    // P(B >= 99052) = 0.04991 <= 0.05 < P(B >= 99051) = 0.05333 → s = 99052
    expect(quantileRankInterval(100_000, 0.99, 0.9)).toEqual([98948, 99052]);
  });

  it('no lower bound when even the smallest rank is too likely above the quantile', () => {
    // n = 5, α = 0.1: P(B <= 0) = 0.9^5 = 0.59 > 0.05 → r = 0
    expect(quantileRankInterval(5, 0.1, 0.9)[0]).toBe(0);
  });
});

describe('createUint32Generator', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = createUint32Generator(5);
    const b = createUint32Generator(5);
    const c = createUint32Generator(6);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it('looks uniform: χ² over 64 cells of 640,000 draws', () => {
    // 63 degrees of freedom: mean 63, sd √126 = 11.2; 120 is beyond 5 sds.
    const next = createUint32Generator(0);
    const counts = new Float64Array(64);
    const draws = 640_000;
    for (let i = 0; i < draws; i++) counts[Math.floor(next() * UINT32_SCALE * 64)]++;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - draws / 64) ** 2 / (draws / 64);
    expect(chi2).toBeLessThan(120);
  });
});

describe('chiSquaredSurvival (any integer df)', () => {
  // scipy.stats.chi2.sf reference values
  const reference: Array<[number, number, number]> = [
    [1, 3, 0.08326451666355042],
    [2, 3, 0.22313016014842982],
    [3, 0.5, 0.9188914116546758],
    [3, 11.07, 0.011353318827040602],
    [4, 3, 0.5578254003710748],
    [5, 11.07, 0.050009618622405425],
    [5, 40, 1.493367900050393e-7],
    [7, 3, 0.8850022316431506],
    [10, 11.07, 0.35209043621574426],
    [20, 40, 0.0049954123083075785],
    [20, 0.5, 0.9999999999997906],
  ];
  it.each(reference)('df %p, x %p → %p to 1e-13 relative', (df, x, q) => {
    expect(Math.abs(chiSquaredSurvival(x, df) - q)).toBeLessThanOrEqual(1e-13 * q);
  });
  it('limits and validation', () => {
    expect(chiSquaredSurvival(0, 3)).toBe(1);
    expect(chiSquaredSurvival(Infinity, 3)).toBe(0);
    expect(Number.isNaN(chiSquaredSurvival(NaN, 3))).toBe(true);
    expect(() => chiSquaredSurvival(1, 0)).toThrow(/df must be a positive integer/);
  });
});

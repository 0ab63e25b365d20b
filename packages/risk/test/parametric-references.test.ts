import { describe, it, expect } from '@jest/globals';
import {
  cornishFisherES,
  cornishFisherVaR,
  momentsOf,
  normalES,
  normalVaR,
} from '../src/index.js';
import { integrate } from './helpers/gauss-legendre.js';
import { normalDraws } from './helpers/seeded-normal.js';

describe('momentsOf', () => {
  it('unweighted (hand values)', () => {
    // [1, 2, 3, 10]: mean 4, deviations −3, −2, −1, 6
    // m2 = (9 + 4 + 1 + 36)/4 = 12.5, m3 = (−27 − 8 − 1 + 216)/4 = 45, m4 = (81 + 16 + 1 + 1296)/4 = 348.5
    const m = momentsOf([1, 2, 3, 10]);
    expect(m.mean).toBe(4);
    expect(m.sd).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(m.skewness).toBeCloseTo(45 / 12.5 ** 1.5, 14);
    expect(m.excessKurtosis).toBeCloseTo(348.5 / 12.5 ** 2 - 3, 14);
  });

  it('weighted (hand values) and equal to replicating integer weights', () => {
    // values 0, 1, 4 with weights 1, 2, 1 (W = 4): mean (0 + 2 + 4)/4 = 1.5
    // deviations −1.5, −0.5, 2.5: m2 = (2.25 + 2·0.25 + 6.25)/4 = 2.25
    // m3 = (−3.375 − 2·0.125 + 15.625)/4 = 3, m4 = (5.0625 + 2·0.0625 + 39.0625)/4 = 11.0625
    const m = momentsOf([0, 1, 4], [1, 2, 1]);
    expect(m.mean).toBeCloseTo(1.5, 15);
    expect(m.sd).toBeCloseTo(1.5, 15);
    expect(m.skewness).toBeCloseTo(3 / 1.5 ** 3, 14);
    expect(m.excessKurtosis).toBeCloseTo(11.0625 / 2.25 ** 2 - 3, 14);
    const r = momentsOf([0, 1, 1, 4]);
    expect(r.skewness).toBeCloseTo(m.skewness, 14);
    expect(r.excessKurtosis).toBeCloseTo(m.excessKurtosis, 14);
  });

  it('normal sample: skewness and excess kurtosis near 0', () => {
    // standard errors √(6/n) = 0.0055 and √(24/n) = 0.011 at n = 200,000
    const z = normalDraws(200_000, 17);
    const m = momentsOf(z);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(Math.abs(m.sd - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.skewness)).toBeLessThan(0.025);
    expect(Math.abs(m.excessKurtosis)).toBeLessThan(0.05);
  });

  it('constant sample: sd 0, shape undefined; validates', () => {
    const m = momentsOf([2, 2, 2]);
    expect(m.sd).toBe(0);
    expect(Number.isNaN(m.skewness)).toBe(true);
    expect(Number.isNaN(m.excessKurtosis)).toBe(true);
    expect(() => momentsOf([])).toThrow(RangeError);
    expect(() => momentsOf([1, 2], [1])).toThrow(RangeError);
  });

  it('constant sample whose mean does not round back to the value: sd exactly 0, not 1e-17 (issue 13.14)', () => {
    // 0.1 · 3 / 3 = 0.10000000000000002 and 1234.567 · 7 / 7 ≠ 1234.567 in floating point: a plain
    // mean leaves deviations of one ulp, giving sd ≈ 1e-17, skewness −1, kurtosis −2.
    for (const [x, n] of [[0.1, 3], [1234.567, 7], [-0.3, 10]] as const) {
      const m = momentsOf(new Array<number>(n).fill(x));
      expect(m).toEqual({ mean: x, sd: 0, skewness: NaN, excessKurtosis: NaN });
    }
    // Weighted: the paths with weight 0 do not count; the others are all 0.1.
    expect(momentsOf([0.1, 5, 0.1, 0.1], [1, 0, 2, 3])).toEqual({ mean: 0.1, sd: 0, skewness: NaN, excessKurtosis: NaN });
  });

  it('a large offset does not swamp the shape (corrected two-pass)', () => {
    // 1e9 + [1, 2, 3, 10]: the same central moments as [1, 2, 3, 10] (all values exact in binary64).
    const m = momentsOf([1, 2, 3, 10].map((x) => 1e9 + x));
    expect(m.mean).toBe(1e9 + 4);
    expect(m.sd).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(m.skewness).toBeCloseTo(45 / 12.5 ** 1.5, 12);
    expect(m.excessKurtosis).toBeCloseTo(348.5 / 12.5 ** 2 - 3, 12);
  });
});

describe('cornishFisherVaR / cornishFisherES', () => {
  it('reduce to normalVaR / normalES without skew and excess kurtosis', () => {
    for (const alpha of [0.9, 0.95, 0.975, 0.99, 0.999]) {
      expect(cornishFisherVaR(0.3, 2, 0, 0, alpha)).toBeCloseTo(normalVaR(0.3, 2, alpha), 13);
      expect(cornishFisherES(0.3, 2, 0, 0, alpha)).toBeCloseTo(normalES(0.3, 2, alpha), 13);
    }
  });

  it('CF VaR: hand expansion at α = 0.99, S = −0.5, K = 3', () => {
    // z = 2.3263478740408411, z² = 5.4118944, z³ = 12.5899491
    // loss quantile: z − (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36
    //   = 2.3263479 + 0.3676579 + 0.7013632 − 0.0940844 = 3.3012845 (mpmath: 3.30128449218055373)
    expect(cornishFisherVaR(0, 1, -0.5, 3, 0.99)).toBeCloseTo(3.30128449218055373, 13);
    // location and scale: VaR = −mean + sd · w
    expect(cornishFisherVaR(0.5, 2, -0.5, 3, 0.99)).toBeCloseTo(-0.5 + 2 * 3.30128449218055373, 12);
    // positive P&L skew thins the loss tail
    expect(cornishFisherVaR(0, 1, 0.5, 0, 0.99)).toBeLessThan(normalVaR(0, 1, 0.99));
  });

  it('CF ES equals the tail average of the CF quantile (Gauss–Legendre)', () => {
    // ES_α = 1/(1−α) ∫_α^1 VaR_u du; with u = 1 − (1−α) e^{−y}, du = (1−α) e^{−y} dy:
    // ES_α = ∫_0^∞ VaR(1 − (1−α) e^{−y}) e^{−y} dy, truncated at y = 30 (tail mass e^{−30} ≈ 1e-13)
    const cases: Array<[number, number, number, number, number]> = [
      [0, 1, -0.5, 3, 0.975],
      [0.2, 1.5, 0.3, 1, 0.99],
      [-0.1, 0.7, -0.8, 4, 0.95],
      [0, 1, 0, 0, 0.9],
    ];
    for (const [mean, sd, s, k, alpha] of cases) {
      const f = (y: number) => cornishFisherVaR(mean, sd, s, k, 1 - (1 - alpha) * Math.exp(-y)) * Math.exp(-y);
      const numeric = integrate(f, 0, 30, 60, 20);
      expect(Math.abs(cornishFisherES(mean, sd, s, k, alpha) - numeric)).toBeLessThan(1e-9);
    }
  });

  it('CF ES hand value at α = 0.975, S = −0.5, K = 3 (mpmath quadrature 3.44148775299979655)', () => {
    // t = 1.959964, φ(t) = 0.0584451, φ(t)/0.025 = 2.3378028
    // bracket 1 − S t/6 + K(t² − 1)/24 − S²(2t² − 1)/36 = 1 + 0.1633303 + 0.3551824 − 0.0464092 = 1.4721035
    // ES = 2.3378028 · 1.4721035 = 3.4414878
    expect(cornishFisherES(0, 1, -0.5, 3, 0.975)).toBeCloseTo(3.44148775299979655, 12);
  });

  it('validates', () => {
    expect(() => cornishFisherVaR(0, -1, 0, 0, 0.99)).toThrow(/sd must be/);
    expect(() => cornishFisherVaR(0, 1, NaN, 0, 0.99)).toThrow(/skew must be a finite number/);
    expect(() => cornishFisherES(0, 1, 0, Infinity, 0.99)).toThrow(/exKurt must be a finite number/);
    expect(() => cornishFisherES(0, 1, 0, 0, 1)).toThrow(RangeError);
  });
});

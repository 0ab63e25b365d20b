import { describe, it, expect } from '@jest/globals';
import { normalQuantile } from '../src/index.js';

/** |actual - expected| <= rel · |expected| (absolute 1e-16 near 0). */
function expectRelClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(rel * Math.abs(expected), 1e-16));
}

describe('normalQuantile', () => {
  it('matches published quantiles to ~1e-15', () => {
    expectRelClose(normalQuantile(0.975), 1.959963984540054, 1e-15);
    expectRelClose(normalQuantile(0.99), 2.3263478740408408, 1e-15);
    expectRelClose(normalQuantile(0.999), 3.090232306167813, 1e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });

  // Reference values: the exact root of Φ(z) = p for the double p, solved with
  // mpmath (40 digits) and rounded to double. Covers all three AS241 regions
  // (central |p - 0.5| <= 0.425, r <= 5, r > 5).
  const reference: Array<[number, number]> = [
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.025, -1.9599639845400543],
    [0.01, -2.326347874040841],
    [0.3, -0.5244005127080408],
    [0.6, 0.2533471031357997],
    [0.8, 0.8416212335729144],
    [1e-10, -6.361340902404057],
    [1e-300, -37.0470962993612],
    [0.9999999, 5.199337582290661],
  ];
  it.each(reference)('p = %p → %p', (p, z) => {
    expectRelClose(normalQuantile(p), z, 1e-15);
  });

  it('is antisymmetric: z(1 - p) = -z(p)', () => {
    // p chosen so that 1 - p is exact in binary (dyadic-friendly), so the
    // identity holds to rounding of the approximation itself.
    for (const p of [0.5, 0.25, 0.125, 0.0625, 0.03125, 2 ** -10, 2 ** -20, 2 ** -30]) {
      expectRelClose(normalQuantile(1 - p), -normalQuantile(p), 1e-15);
    }
  });

  it('is strictly increasing across the region boundaries', () => {
    const ps = [1e-200, 1e-12, 1.3e-11, 1.5e-11, 0.01, 0.0749, 0.075, 0.0751, 0.5, 0.9249, 0.925, 0.9251, 0.99999];
    for (let i = 1; i < ps.length; i++) {
      expect(normalQuantile(ps[i])).toBeGreaterThan(normalQuantile(ps[i - 1]));
    }
  });

  it('returns ±Infinity at 0 and 1, throws outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(1.1)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(/p must be in \[0, 1\]/);
  });
});

import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { cornishFisherApplicable, cornishFisherVaR, normalQuantile } from '../src/index.js';

describe('cornishFisherApplicable', () => {
  it('the normal and moderate moments are inside the domain', () => {
    expect(cornishFisherApplicable(0, 0, 0.99)).toBe(true);
    expect(cornishFisherApplicable(-0.5, 3, 0.99)).toBe(true);
    expect(cornishFisherApplicable(0, 7.9, 0.99)).toBe(true);
  });

  it('by hand: S = 0 needs K < 8 (w\'(0) = 1 − K/8)', () => {
    expect(cornishFisherApplicable(0, 8.1, 0.95)).toBe(false);
    expect(cornishFisherApplicable(0, 12, 0.5 + 1e-9)).toBe(false);
  });

  it('by hand: S = 2, K = 0 at 99% folds over (w\'(2.326) = −0.667·5.41 − 0.667·2.326 + 1.556 < 0)', () => {
    const z = normalQuantile(0.99);
    const wPrime = (-4 / 6) * z * z + (-2 / 3) * z + (1 + 20 / 36);
    expect(wPrime).toBeLessThan(0);
    expect(cornishFisherApplicable(2, 0, 0.99)).toBe(false);
    // …while its VaR really is not monotone: VaR 99% below VaR 95%.
    expect(cornishFisherVaR(0, 1, 2, 0, 0.99)).toBeLessThan(cornishFisherVaR(0, 1, 2, 0, 0.95));
  });

  it('property: where applicable, the Cornish–Fisher VaR increases in α from the median to α', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 15, noNaN: true }), fc.double({ min: 0.51, max: 0.999, noNaN: true }), (s, k, alpha) => {
        if (!cornishFisherApplicable(s, k, alpha)) return;
        let prev = -Infinity;
        for (let i = 0; i <= 50; i++) {
          const a = 0.5 + ((alpha - 0.5) * i) / 50;
          const v = cornishFisherVaR(0, 1, s, k, Math.max(a, 0.5 + 1e-12));
          expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
          prev = v;
        }
      }),
    );
  });

  it('rejects a confidence outside (0, 1)', () => {
    expect(() => cornishFisherApplicable(0, 0, 1)).toThrow(RangeError);
  });
});

import { describe, it, expect } from '@jest/globals';
import { riskAtLevels } from '../src/index.js';

describe('riskAtLevels', () => {
  // Losses sorted: L_(k) = k - 11 for k = 1..19, L_(20) = 10 (see value-at-risk.test.ts).
  const PNL20 = Float64Array.from([5, -3, 2, -10, 7, 1, -1, 4, -6, 0, 3, -2, 8, -8, 6, -4, 9, -5, -7, 10]);

  it('returns VaR/ES per level in input order (hand values)', () => {
    const out = riskAtLevels(PNL20, [0.95, 0.5, 0.92, 0.9]);
    expect(out.map((r) => r.confidence)).toEqual([0.95, 0.5, 0.92, 0.9]);
    expect(out.map((r) => r.var)).toEqual([8, -1, 8, 7]);
    const es = [10, 4.6, 9.25, 9];
    out.forEach((r, i) => expect(r.es).toBeCloseTo(es[i], 12));
  });

  it('weighted (hand values, see expected-shortfall.test.ts)', () => {
    const out = riskAtLevels([-4, 2, -1, 3, -6], [0.5, 0.75, 0.8, 0.9], [0.1, 0.3, 0.2, 0.25, 0.15]);
    expect(out.map((r) => r.var)).toEqual([-2, 1, 4, 6]);
    [2.8, 5.2, 5.5, 6].forEach((es, i) => expect(out[i].es).toBeCloseTo(es, 12));
  });

  it('does not modify the input and accepts an empty level list', () => {
    const copy = Float64Array.from(PNL20);
    riskAtLevels(PNL20, [0.99]);
    expect(PNL20).toEqual(copy);
    expect(riskAtLevels(PNL20, [])).toEqual([]);
  });

  it('names the bad level', () => {
    expect(() => riskAtLevels(PNL20, [0.95, 1])).toThrow(/confidences\[1\] must be a number strictly between 0 and 1/);
    expect(() => riskAtLevels(PNL20, [0.95], [1, 2])).toThrow(RangeError);
  });
});

import { describe, it, expect } from '@jest/globals';
import { pnlHistogram } from '../src/index.js';

describe('pnlHistogram', () => {
  it('equal-width bins, last bin closed', () => {
    // range [0, 10], 5 bins of width 2: [0,2) {0,1} [2,4) {2,3} [4,6) {4} [6,8) {} [8,10] {10}
    const h = pnlHistogram(Float64Array.of(0, 1, 2, 3, 4, 10), 5);
    expect(Array.from(h.edges)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(Array.from(h.counts)).toEqual([2, 2, 1, 0, 1]);
  });

  it('weighted counts are sums of weights', () => {
    const h = pnlHistogram(Float64Array.of(0, 1, 2, 3, 4, 10), 5, [0.5, 1, 2, 0.25, 3, 4]);
    expect(Array.from(h.counts)).toEqual([1.5, 2.25, 3, 0, 4]);
  });

  it('negative range and values on inner edges', () => {
    // range [-3, 3], 3 bins: [-3,-1) {-3, -2} [-1,1) {-1, 0.5} [1,3] {1, 3}
    const h = pnlHistogram(Float64Array.of(-3, -2, -1, 0.5, 1, 3), 3);
    expect(Array.from(h.edges)).toEqual([-3, -1, 1, 3]);
    expect(Array.from(h.counts)).toEqual([2, 2, 2]);
  });

  it('places every value between its bin edges on an awkward range', () => {
    const pnl = Float64Array.from({ length: 1000 }, (_, i) => 0.1 * i - 33.3);
    const h = pnlHistogram(pnl, 7);
    let total = 0;
    for (let b = 0; b < 7; b++) {
      let expected = 0;
      for (const x of pnl) if (x >= h.edges[b] && (x < h.edges[b + 1] || (b === 6 && x <= h.edges[7]))) expected++;
      expect(h.counts[b]).toBe(expected);
      total += h.counts[b];
    }
    expect(total).toBe(1000);
  });

  it('widens a zero range to ±0.5', () => {
    const h = pnlHistogram(Float64Array.of(2, 2, 2), 2);
    expect(Array.from(h.edges)).toEqual([1.5, 2, 2.5]);
    expect(Array.from(h.counts)).toEqual([0, 3]);
  });

  it('validates its arguments', () => {
    expect(() => pnlHistogram(Float64Array.of(1, 2), 0)).toThrow(/bins must be a positive integer/);
    expect(() => pnlHistogram(Float64Array.of(1, 2), 2.5)).toThrow(RangeError);
    expect(() => pnlHistogram(new Float64Array(0), 2)).toThrow(RangeError);
    expect(() => pnlHistogram(Float64Array.of(1, NaN), 2)).toThrow(RangeError);
    expect(() => pnlHistogram(Float64Array.of(1, 2), 2, [1])).toThrow(RangeError);
  });
});

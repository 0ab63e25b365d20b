import { describe, it, expect } from '@jest/globals';
import { drawdownSummary } from '../src/index.js';

// Quantiles are R type 7: sorted x_0..x_{n-1}, h = (n-1)p,
// Q = x_floor(h) + (h - floor(h)) (x_ceil(h) - x_floor(h)).
describe('drawdownSummary', () => {
  it('five values', () => {
    // sorted 0, 0.1, 0.2, 0.3, 0.4; mean 0.2
    // median h = 2 → 0.2; p95 h = 3.8 → 0.3 + 0.8·0.1 = 0.38; p99 h = 3.96 → 0.396
    const s = drawdownSummary(Float64Array.of(0.1, 0.4, 0.2, 0, 0.3));
    expect(s.mean).toBeCloseTo(0.2, 15);
    expect(s.median).toBeCloseTo(0.2, 15);
    expect(s.p95).toBeCloseTo(0.38, 15);
    expect(s.p99).toBeCloseTo(0.396, 15);
    expect(s.max).toBe(0.4);
  });

  it('ten values with interpolation between distinct neighbours', () => {
    // sorted 0, 0, 0.05, 0.1, 0.1, 0.2, 0.25, 0.3, 0.5, 0.9; sum 2.4 → mean 0.24
    // median h = 4.5 → 0.1 + 0.5·(0.2-0.1) = 0.15
    // p95 h = 8.55 → 0.5 + 0.55·0.4 = 0.72; p99 h = 8.91 → 0.5 + 0.91·0.4 = 0.864
    const s = drawdownSummary(Float64Array.of(0.3, 0, 0.1, 0.9, 0.25, 0.05, 0.5, 0.2, 0, 0.1));
    expect(s.mean).toBeCloseTo(0.24, 15);
    expect(s.median).toBeCloseTo(0.15, 15);
    expect(s.p95).toBeCloseTo(0.72, 14);
    expect(s.p99).toBeCloseTo(0.864, 14);
    expect(s.max).toBe(0.9);
  });

  it('leaves its input unsorted and rejects NaN / empty input', () => {
    const x = Float64Array.of(0.3, 0.1, 0.2);
    drawdownSummary(x);
    expect(Array.from(x)).toEqual([0.3, 0.1, 0.2]);
    expect(() => drawdownSummary(Float64Array.of(0.1, NaN))).toThrow(/maxDrawdowns\[1\] must be a finite number/);
    expect(() => drawdownSummary(new Float64Array(0))).toThrow(RangeError);
  });
});

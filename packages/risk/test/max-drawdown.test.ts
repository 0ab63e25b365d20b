import { describe, it, expect } from '@jest/globals';
import { maxDrawdown } from '../src/index.js';

describe('maxDrawdown', () => {
  it('hand case with a recovery and a new high', () => {
    // peaks    100 120 120  120  120 130 130
    // values   100 120  90  110   60 130 117
    // drawdown   0   0 .25 1/12   .5   0  .1  → 0.5
    expect(maxDrawdown([100, 120, 90, 110, 60, 130, 117])).toBeCloseTo(0.5, 15);
  });

  it('measures from the running peak, not the start', () => {
    // peak 200 at t=1; 150 → 0.25, later 180 is a smaller fall
    expect(maxDrawdown(Float64Array.of(100, 200, 150, 180))).toBeCloseTo(0.25, 15);
  });

  it('is 0 for a path that never falls, and for one value', () => {
    expect(maxDrawdown([1, 2, 2, 3, 10])).toBe(0);
    expect(maxDrawdown([42])).toBe(0);
  });

  it('exceeds 1 when the value goes below zero', () => {
    expect(maxDrawdown([100, -20, 50])).toBeCloseTo(1.2, 15);
    expect(maxDrawdown([100, 0])).toBe(1);
  });

  it('throws when the first value is not positive or a value is not finite', () => {
    expect(() => maxDrawdown([0, 1])).toThrow(/first value must be > 0/);
    expect(() => maxDrawdown([-10, -5])).toThrow(RangeError);
    expect(() => maxDrawdown([])).toThrow(/at least one value/);
    expect(() => maxDrawdown([1, NaN])).toThrow(/values\[1\] must be a finite number/);
  });
});

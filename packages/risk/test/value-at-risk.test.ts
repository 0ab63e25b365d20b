import { describe, it, expect } from '@jest/globals';
import { valueAtRisk } from '../src/index.js';

// 20 P&L values: every integer in -10..10 except -9.
// Losses L = -P&L sorted ascending:
//   L_(1..10)  = -10, -9, -8, -7, -6, -5, -4, -3, -2, -1
//   L_(11..20) =   0,  1,  2,  3,  4,  5,  6,  7,  8, 10
// so L_(k) = k - 11 for k <= 19 and L_(20) = 10.
const PNL20 = [5, -3, 2, -10, 7, 1, -1, 4, -6, 0, 3, -2, 8, -8, 6, -4, 9, -5, -7, 10];

describe('valueAtRisk, equal weights', () => {
  it('α N integer: VaR = L_(α N)', () => {
    expect(valueAtRisk(PNL20, 0.95)).toBe(8); // 0.95·20 = 19 → L_(19) = 8
    expect(valueAtRisk(PNL20, 0.9)).toBe(7); // 18 → L_(18) = 7
    expect(valueAtRisk(PNL20, 0.75)).toBe(4); // 15 → L_(15) = 4
  });

  it('α N non-integer: VaR = L_(ceil(α N))', () => {
    expect(valueAtRisk(PNL20, 0.97)).toBe(10); // 19.4 → L_(20)
    expect(valueAtRisk(PNL20, 0.92)).toBe(8); // 18.4 → L_(19)
    expect(valueAtRisk(PNL20, 0.99)).toBe(10); // 19.8 → L_(20)
    expect(valueAtRisk(PNL20, 0.01)).toBe(-10); // 0.2 → L_(1)
  });

  it('is negative when the quantile outcome is a gain', () => {
    expect(valueAtRisk(PNL20, 0.5)).toBe(-1); // 10 → L_(10) = -1
    expect(valueAtRisk([1, 2, 3, 4], 0.99)).toBe(-1); // all gains: worst is +1 P&L
  });

  it('survives floating error in α·N (losses 1..100: VaR at k/100 is k)', () => {
    // 0.07*100 = 7.000000000000001, 0.55*100 = 55.00000000000001,
    // 0.29*100 = 28.999999999999996: all must land on k.
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
    for (let k = 1; k <= 99; k++) {
      expect(valueAtRisk(pnl, k / 100)).toBe(k);
    }
    expect(valueAtRisk(pnl, 0.95)).toBe(95);
    expect(valueAtRisk(pnl, 0.07)).toBe(7);
  });

  it('counts ties at the quantile', () => {
    // losses sorted: -2, -1, 5, 5, 5; 0.5·5 = 2.5 → L_(3) = 5
    expect(valueAtRisk([-5, -5, -5, 1, 2], 0.5)).toBe(5);
    expect(valueAtRisk([-5, -5, -5, 1, 2], 0.4)).toBe(-1); // 2 → L_(2)
  });

  it('accepts typed arrays and a single value', () => {
    expect(valueAtRisk(Float32Array.of(-3, 1), 0.6)).toBe(3); // losses -1, 3; 1.2 → L_(2)
    expect(valueAtRisk(Float64Array.of(-7), 0.99)).toBe(7);
  });

  it('does not modify its input', () => {
    const pnl = Float64Array.of(3, -1, 2);
    valueAtRisk(pnl, 0.9);
    expect(Array.from(pnl)).toEqual([3, -1, 2]);
  });
});

describe('valueAtRisk, weighted', () => {
  // P&L  -4    2    -1   3    -6
  // w    0.1  0.3  0.2  0.25 0.15
  // losses sorted with weights and cumulative F:
  //   -3 (0.25) F=0.25 | -2 (0.3) F=0.55 | 1 (0.2) F=0.75 | 4 (0.1) F=0.85 | 6 (0.15) F=1
  const pnl = [-4, 2, -1, 3, -6];
  const w = [0.1, 0.3, 0.2, 0.25, 0.15];

  it('is the first loss whose cumulative weight reaches α', () => {
    expect(valueAtRisk(pnl, 0.8, w)).toBe(4);
    expect(valueAtRisk(pnl, 0.85, w)).toBe(4); // F(4) = 0.85 exactly reaches α
    expect(valueAtRisk(pnl, 0.86, w)).toBe(6);
    expect(valueAtRisk(pnl, 0.75, w)).toBe(1); // 0.25+0.3+0.2 in floating point vs 0.75
    expect(valueAtRisk(pnl, 0.5, w)).toBe(-2);
    expect(valueAtRisk(pnl, 0.2, w)).toBe(-3);
  });

  it('normalises the weights', () => {
    const w4 = w.map((x) => x * 4); // 0.4, 1.2, 0.8, 1, 0.6
    expect(valueAtRisk(pnl, 0.8, w4)).toBe(4);
    expect(valueAtRisk(pnl, 0.5, w4)).toBe(-2);
  });

  it('ignores zero-weight scenarios', () => {
    // the -100 P&L scenario (loss 100) has weight 0; others equal: losses -1, 2, 3
    expect(valueAtRisk([1, -100, -2, -3], 0.9, [1, 0, 1, 1])).toBe(3);
    expect(valueAtRisk([1, -100, -2, -3], 0.5, [1, 0, 1, 1])).toBe(2);
  });
});

describe('valueAtRisk, validation', () => {
  it('rejects confidence outside (0, 1)', () => {
    for (const c of [0, 1, -0.1, 1.5, NaN]) {
      expect(() => valueAtRisk([1, 2], c)).toThrow(RangeError);
    }
    expect(() => valueAtRisk([1, 2], 1)).toThrow(/confidence must be a number strictly between 0 and 1/);
  });

  it('rejects empty or non-finite P&L', () => {
    expect(() => valueAtRisk([], 0.9)).toThrow(/at least one value/);
    expect(() => valueAtRisk([1, NaN], 0.9)).toThrow(/pnl\[1\] must be a finite number/);
    expect(() => valueAtRisk([Infinity], 0.9)).toThrow(RangeError);
  });

  it('rejects bad weights', () => {
    expect(() => valueAtRisk([1, 2], 0.9, [1])).toThrow(/expected 2, got 1/);
    expect(() => valueAtRisk([1, 2], 0.9, [1, -1])).toThrow(/weights\[1\] must be a finite number >= 0/);
    expect(() => valueAtRisk([1, 2], 0.9, [0, 0])).toThrow(/positive finite sum/);
    expect(() => valueAtRisk([1, 2], 0.9, [1, NaN])).toThrow(RangeError);
  });
});

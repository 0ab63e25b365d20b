import { describe, it, expect } from '@jest/globals';
import { breachProbability, conditionalDrawdownAtRisk, drawdownAtRisk } from '../src/index.js';

// Unweighted: drawdowns sorted 0, 0.1, 0.2, 0.3, 0.4 (each 1/5).
const MDD = [0.1, 0.4, 0.2, 0, 0.3];
// Weighted: sorted with weights and F:
//   0.05 (0.4) F=0.4 | 0.1 (0.3) F=0.7 | 0.2 (0.2) F=0.9 | 0.3 (0.1) F=1
const MDD_W = [0.05, 0.3, 0.1, 0.2];
const W = [0.4, 0.1, 0.3, 0.2];

describe('drawdownAtRisk', () => {
  it('lower quantile without interpolation', () => {
    expect(drawdownAtRisk(MDD, 0.8)).toBe(0.3); // ceil(0.8·5) = 4th
    expect(drawdownAtRisk(MDD, 0.6)).toBe(0.2); // 3rd
    expect(drawdownAtRisk(MDD, 0.61)).toBe(0.3); // ceil(3.05) = 4th
    expect(drawdownAtRisk(MDD_W, 0.8, W)).toBe(0.2);
    expect(drawdownAtRisk(MDD_W, 0.7, W)).toBe(0.1); // F(0.1) = 0.7 reaches α
    expect(drawdownAtRisk(MDD_W, 0.95, W)).toBe(0.3);
  });
});

describe('conditionalDrawdownAtRisk', () => {
  it('unweighted: mean of the worst (1 − α) mass, splitting the atom', () => {
    // α = 0.6: DaR 0.2, F = 0.6 → (0.3 + 0.4)/5 / 0.4 = 0.35
    expect(conditionalDrawdownAtRisk(MDD, 0.6)).toBeCloseTo(0.35, 14);
    // α = 0.8: mean of the worst 1/5 = 0.4
    expect(conditionalDrawdownAtRisk(MDD, 0.8)).toBeCloseTo(0.4, 14);
    // α = 0.7: DaR 0.3, F = 0.8 → (0.4/5 + 0.3·(0.8 − 0.7))/0.3 = 0.11/0.3
    expect(conditionalDrawdownAtRisk(MDD, 0.7)).toBeCloseTo(0.11 / 0.3, 14);
  });

  it('weighted (hand values)', () => {
    // α = 0.8: DaR 0.2 → (0.3·0.1 + 0.2·(0.9 − 0.8))/0.2 = 0.05/0.2 = 0.25
    expect(conditionalDrawdownAtRisk(MDD_W, 0.8, W)).toBeCloseTo(0.25, 14);
    // α = 0.5: DaR 0.1 → (0.2·0.2 + 0.3·0.1 + 0.1·(0.7 − 0.5))/0.5 = 0.09/0.5 = 0.18
    expect(conditionalDrawdownAtRisk(MDD_W, 0.5, W)).toBeCloseTo(0.18, 14);
    // weights need not sum to 1
    expect(conditionalDrawdownAtRisk(MDD_W, 0.5, W.map((w) => w * 7))).toBeCloseTo(0.18, 14);
  });

  it('rejects NaN drawdowns (V_0 <= 0) and bad levels', () => {
    expect(() => conditionalDrawdownAtRisk([0.1, NaN], 0.9)).toThrow(/maxDrawdowns\[1\] must be a finite number/);
    expect(() => conditionalDrawdownAtRisk(MDD, 1)).toThrow(RangeError);
    expect(() => drawdownAtRisk([], 0.9)).toThrow(RangeError);
  });
});

describe('breachProbability', () => {
  it('unweighted: share of paths with MDD >= limit', () => {
    expect(breachProbability(MDD, 0.2)).toBeCloseTo(0.6, 15); // 0.2, 0.3, 0.4
    expect(breachProbability(MDD, 0.25)).toBeCloseTo(0.4, 15);
    expect(breachProbability(MDD, 0)).toBe(1);
    expect(breachProbability(MDD, 0.41)).toBe(0);
  });

  it('weighted', () => {
    expect(breachProbability(MDD_W, 0.1, W)).toBeCloseTo(0.6, 15); // 0.3 + 0.2 + 0.1
    expect(breachProbability(MDD_W, 0.25, W)).toBeCloseTo(0.1, 15);
    expect(breachProbability(MDD_W, -1, W)).toBe(1);
  });

  it('validates', () => {
    expect(() => breachProbability(MDD, NaN)).toThrow(/limit must be a number/);
    expect(() => breachProbability([NaN], 0.1)).toThrow(RangeError);
    expect(() => breachProbability(MDD, 0.1, [1, 2])).toThrow(RangeError);
  });
});

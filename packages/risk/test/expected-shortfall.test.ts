import { describe, it, expect } from '@jest/globals';
import { expectedShortfall } from '../src/index.js';

// Same 20 values as value-at-risk.test.ts: losses sorted
//   L_(k) = k - 11 for k = 1..19, L_(20) = 10.
// Acerbi–Tasche, equal weights 1/20:
//   ES_α = 1/(1-α) · ( Σ_{L > VaR} L/20 + VaR · (F(VaR) - α) )
const PNL20 = [5, -3, 2, -10, 7, 1, -1, 4, -6, 0, 3, -2, 8, -8, 6, -4, 9, -5, -7, 10];

describe('expectedShortfall, equal weights', () => {
  it('α N integer: mean of the N(1-α) largest losses', () => {
    // α=0.95: VaR = 8, F(8) = 19/20 → ES = 20 · (10/20) = 10
    expect(expectedShortfall(PNL20, 0.95)).toBeCloseTo(10, 12);
    // α=0.9: VaR = 7, F(7) = 0.9 → ES = 10 · (8 + 10)/20 = 9
    expect(expectedShortfall(PNL20, 0.9)).toBeCloseTo(9, 12);
    // α=0.75: VaR = 4, tail 5,6,7,8,10 → ES = 36/5 = 7.2
    expect(expectedShortfall(PNL20, 0.75)).toBeCloseTo(7.2, 12);
  });

  it('α N non-integer: splits the atom at VaR', () => {
    // α=0.92: VaR = L_(19) = 8, F(8) = 0.95
    //   ES = (10/20 + 8 · (0.95 - 0.92)) / 0.08 = (0.5 + 0.24) / 0.08 = 9.25
    expect(expectedShortfall(PNL20, 0.92)).toBeCloseTo(9.25, 12);
    // α=0.97: VaR = 10 = max, F = 1 → ES = 10 · 0.03 / 0.03 = 10
    expect(expectedShortfall(PNL20, 0.97)).toBeCloseTo(10, 12);
    // α=0.83: 16.6 → VaR = L_(17) = 6, F = 0.85
    //   ES = ((7 + 8 + 10)/20 + 6 · 0.02) / 0.17 = (1.25 + 0.12) / 0.17 = 8.058823529411764...
    expect(expectedShortfall(PNL20, 0.83)).toBeCloseTo(1.37 / 0.17, 12);
  });

  it('can be negative when the tail is made of gains', () => {
    // α=0.5: VaR = -1, F(-1) = 0.5 → ES = 2 · (0+1+...+8+10)/20 = 2 · 46/20 = 4.6
    expect(expectedShortfall(PNL20, 0.5)).toBeCloseTo(4.6, 12);
    // all gains 1..4: losses -4..-1; α=0.5 → mean of -2, -1 = -1.5
    expect(expectedShortfall([1, 2, 3, 4], 0.5)).toBeCloseTo(-1.5, 12);
  });

  it('handles ties at VaR (F(VaR) includes the whole atom)', () => {
    // losses -2, -1, 5, 5, 5; α=0.5: VaR = 5, F(5) = 1 → ES = (0 + 5 · 0.5)/0.5 = 5
    expect(expectedShortfall([-5, -5, -5, 1, 2], 0.5)).toBeCloseTo(5, 12);
    // α=0.3: 1.5 → VaR = L_(2) = -1, F = 0.4
    //   ES = (3 · 5/5 + (-1)(0.4 - 0.3)) / 0.7 = (3 - 0.1)/0.7 = 4.142857...
    expect(expectedShortfall([-5, -5, -5, 1, 2], 0.3)).toBeCloseTo(2.9 / 0.7, 12);
  });
});

describe('expectedShortfall, weighted', () => {
  // losses sorted with weights and F:
  //   -3 (0.25) 0.25 | -2 (0.3) 0.55 | 1 (0.2) 0.75 | 4 (0.1) 0.85 | 6 (0.15) 1
  const pnl = [-4, 2, -1, 3, -6];
  const w = [0.1, 0.3, 0.2, 0.25, 0.15];

  it('matches the hand computation', () => {
    // α=0.8: VaR = 4 → ES = (0.15·6 + 4·(0.85-0.8)) / 0.2 = (0.9 + 0.2)/0.2 = 5.5
    expect(expectedShortfall(pnl, 0.8, w)).toBeCloseTo(5.5, 12);
    // α=0.9: VaR = 6 → ES = 6 · 0.1 / 0.1 = 6
    expect(expectedShortfall(pnl, 0.9, w)).toBeCloseTo(6, 12);
    // α=0.75: VaR = 1, F = 0.75 → ES = (0.1·4 + 0.15·6)/0.25 = 1.3/0.25 = 5.2
    expect(expectedShortfall(pnl, 0.75, w)).toBeCloseTo(5.2, 12);
    // α=0.5: VaR = -2, F = 0.55 → ES = (0.2·1 + 0.1·4 + 0.15·6 + (-2)·0.05)/0.5 = 1.4/0.5 = 2.8
    expect(expectedShortfall(pnl, 0.5, w)).toBeCloseTo(2.8, 12);
  });

  it('normalises the weights', () => {
    const w4 = [0.4, 1.2, 0.8, 1, 0.6];
    expect(expectedShortfall(pnl, 0.8, w4)).toBeCloseTo(5.5, 12);
    expect(expectedShortfall(pnl, 0.5, w4)).toBeCloseTo(2.8, 12);
  });

  it('rejects invalid input', () => {
    expect(() => expectedShortfall(pnl, 1, w)).toThrow(RangeError);
    expect(() => expectedShortfall(pnl, 0.9, [1, 2])).toThrow(RangeError);
    expect(() => expectedShortfall([NaN], 0.9)).toThrow(RangeError);
  });
});

import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { riskAtLevels, valueAtRisk } from '../src/index.js';

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

describe("valueAtRisk / riskAtLevels, quantileMethod 'type7' (R / NumPy / PerformanceAnalytics default)", () => {
  // Losses of PNL20 sorted: L_(k) = k − 11 for k <= 19, L_(20) = 10 (N = 20). Type 7: h = 19 α (0-based),
  // VaR = L[⌊h⌋] + (h − ⌊h⌋)(L[⌊h⌋+1] − L[⌊h⌋]). By hand (NumPy's np.quantile(losses, α) gives the same):
  //   α = 0.95: h = 18.05 → L[18] = 8, L[19] = 10 → 8 + 0.05·2 = 8.1   (lower quantile: 8)
  //   α = 0.99: h = 18.81 → 8 + 0.81·2 = 9.62                         (lower: 10)
  //   α = 0.90: h = 17.1  → L[17] = 7, L[18] = 8 → 7.1                  (lower: 7)
  //   α = 0.50: h = 9.5   → L[9] = −1, L[10] = 0 → −0.5                 (lower: −1)
  // PerformanceAnalytics' VaR(R, p = 0.95, method = "historical") = −quantile(R, 0.05): R sorted −10, −8, −7, …,
  // h = 19 · 0.05 = 0.95 → −10 + 0.95 · 2 = −8.1 → VaR 8.1, the same (type 7 is symmetric).
  const type7 = { quantileMethod: 'type7' } as const;
  it('hand values', () => {
    expect(valueAtRisk(PNL20, 0.95, undefined, type7)).toBeCloseTo(8.1, 12);
    expect(valueAtRisk(PNL20, 0.99, undefined, type7)).toBeCloseTo(9.62, 12);
    expect(valueAtRisk(PNL20, 0.9, undefined, type7)).toBeCloseTo(7.1, 12);
    expect(valueAtRisk(PNL20, 0.5, undefined, type7)).toBeCloseTo(-0.5, 12);
    // The default and 'lower' are the lower quantile.
    expect(valueAtRisk(PNL20, 0.99, undefined, { quantileMethod: 'lower' })).toBe(10);
    expect(valueAtRisk(PNL20, 0.99)).toBe(10);
    // The doc example: losses −3, −2, 1, 5; h = 3 · 0.75 = 2.25 → 1 + 0.25 · 4 = 2.
    expect(valueAtRisk([-5, 3, -1, 2], 0.75, undefined, type7)).toBe(2);
    // One observation: every method returns it.
    expect(valueAtRisk([-3], 0.99, undefined, type7)).toBe(3);
  });

  it('riskAtLevels: type 7 VaR, the same Acerbi–Tasche ES', () => {
    const lower = riskAtLevels(PNL20, [0.9, 0.95]);
    const t7 = riskAtLevels(PNL20, [0.9, 0.95], undefined, type7);
    expect(t7.map((r) => r.var)).toEqual([expect.closeTo(7.1, 12), expect.closeTo(8.1, 12)]);
    expect(t7.map((r) => r.es)).toEqual(lower.map((r) => r.es));
  });

  it('equal weights are accepted, unequal weights and unknown methods refused', () => {
    expect(valueAtRisk(PNL20, 0.95, new Array(20).fill(0.5), type7)).toBeCloseTo(8.1, 12);
    expect(() => valueAtRisk(PNL20, 0.95, [2, ...new Array(19).fill(1)], type7)).toThrow(/equal weights only/);
    expect(() => valueAtRisk(PNL20, 0.95, undefined, { quantileMethod: 'type6' as 'type7' })).toThrow(/quantileMethod must be/);
  });

  it('property: type 7 lies between the order statistics around h and is monotone in α', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (pnl, a) => {
        const losses = pnl.map((x) => 0 - x).sort((x, y) => x - y);
        const h = (pnl.length - 1) * a;
        const v = valueAtRisk(pnl, a, undefined, type7);
        const lo = losses[Math.floor(h)];
        const hi = losses[Math.min(pnl.length - 1, Math.floor(h) + 1)];
        expect(v).toBeGreaterThanOrEqual(lo - 1e-9 * Math.abs(lo));
        expect(v).toBeLessThanOrEqual(hi + 1e-9 * Math.abs(hi));
        expect(valueAtRisk(pnl, Math.min(0.999, a + 0.005), undefined, type7)).toBeGreaterThanOrEqual(v - 1e-9 * (Math.abs(v) + 1));
      }),
    );
  });
});

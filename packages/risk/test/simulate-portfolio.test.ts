import { describe, it, expect } from '@jest/globals';
import { simulatePortfolio, type PathCube } from '../src/index.js';

// 2 paths × 3 steps × 2 assets, returns chosen as logs of simple gross ratios
// so that cumulative multipliers are easy to follow by hand.
//
// path 0: asset 0 ratios 1.1, 0.8, 1.25 → multipliers 1.1, 0.88, 1.1
//         asset 1 ratios 0.9, 1.2, 0.5  → multipliers 0.9, 1.08, 0.54
// path 1: asset 0 ratios 0.5, 2, 1      → multipliers 0.5, 1, 1
//         asset 1 ratios 2, 1, 1.5      → multipliers 2, 2, 3
const RATIOS = [
  // path 0: [t][a]
  [1.1, 0.9], [0.8, 1.2], [1.25, 0.5],
  // path 1
  [0.5, 2], [2, 1], [1, 1.5],
].flat();

function cube(precision: 'f64' | 'f32'): PathCube {
  const values = precision === 'f64' ? Float64Array.from(RATIOS, Math.log) : Float32Array.from(RATIOS, Math.log);
  return { values, nPaths: 2, horizon: 3, nAssets: 2 };
}

describe('simulatePortfolio', () => {
  it('long-only book: P&L, drawdowns and value paths by hand', () => {
    // exposures 100, 50 → V_0 = 150
    // path 0: V = 150, 110+45=155, 88+54=142, 110+27=137 → P&L -13
    //         peak 155 from t=1 → MDD = (155-137)/155 = 18/155
    // path 1: V = 150, 50+100=150, 100+100=200, 100+150=250 → P&L 100, MDD 0
    const sim = simulatePortfolio(cube('f64'), Float64Array.of(100, 50), { keepValuePaths: true });
    expect(sim.initialValue).toBe(150);
    expect(sim.pnl[0]).toBeCloseTo(-13, 10);
    expect(sim.pnl[1]).toBeCloseTo(100, 10);
    expect(sim.maxDrawdown[0]).toBeCloseTo(18 / 155, 12);
    expect(sim.maxDrawdown[1]).toBeCloseTo(0, 12);
    const expected = [150, 155, 142, 137, 150, 150, 200, 250];
    expect(sim.valuePaths).toBeDefined();
    expect(sim.valuePaths!.length).toBe(8);
    expected.forEach((v, i) => expect(sim.valuePaths![i]).toBeCloseTo(v, 10));
  });

  it('long/short book: value can cross zero, drawdown beyond the peak', () => {
    // exposures 200, -50 → V_0 = 150
    // path 0: V = 150, 220-45=175, 176-54=122, 220-27=193 → P&L 43
    //         peak 175 at t=1, worst (175-122)/175 = 53/175
    // path 1: V = 150, 100-100=0, 200-100=100, 200-150=50 → P&L -100
    //         peak 150, worst (150-0)/150 = 1
    const sim = simulatePortfolio(cube('f64'), Float64Array.of(200, -50));
    expect(sim.initialValue).toBe(150);
    expect(sim.pnl[0]).toBeCloseTo(43, 10);
    expect(sim.pnl[1]).toBeCloseTo(-100, 10);
    expect(sim.maxDrawdown[0]).toBeCloseTo(53 / 175, 12);
    expect(sim.maxDrawdown[1]).toBeCloseTo(1, 12);
    expect(sim.valuePaths).toBeUndefined();
  });

  it('drawdown above 1 when a leveraged book goes negative', () => {
    // exposures 300, -150 → V_0 = 150
    // path 1: V = 150, 150-300=-150, 300-300=0, 300-450=-150 → MDD = (150+150)/150 = 2
    const sim = simulatePortfolio(cube('f64'), Float64Array.of(300, -150));
    expect(sim.pnl[1]).toBeCloseTo(-300, 10);
    expect(sim.maxDrawdown[1]).toBeCloseTo(2, 12);
  });

  it('flags drawdowns with NaN when V_0 <= 0 but still returns P&L', () => {
    // exposures -100, 50 → V_0 = -50; path 0: V_3 = -110 + 27 = -83 → P&L -33
    const sim = simulatePortfolio(cube('f64'), Float64Array.of(-100, 50));
    expect(sim.initialValue).toBe(-50);
    expect(sim.pnl[0]).toBeCloseTo(-33, 10);
    expect(Number.isNaN(sim.maxDrawdown[0])).toBe(true);
    expect(Number.isNaN(sim.maxDrawdown[1])).toBe(true);
  });

  it('accepts a Float32Array cube (returns rounded to single precision)', () => {
    const sim = simulatePortfolio(cube('f32'), Float64Array.of(100, 50));
    expect(sim.pnl[0]).toBeCloseTo(-13, 4);
    expect(sim.pnl[1]).toBeCloseTo(100, 4);
    expect(sim.maxDrawdown[0]).toBeCloseTo(18 / 155, 6);
  });

  it('horizon 0: zero P&L, zero drawdown', () => {
    const sim = simulatePortfolio(
      { values: new Float64Array(0), nPaths: 3, horizon: 0, nAssets: 2 },
      Float64Array.of(1, 2),
      { keepValuePaths: true },
    );
    expect(Array.from(sim.pnl)).toEqual([0, 0, 0]);
    expect(Array.from(sim.maxDrawdown)).toEqual([0, 0, 0]);
    expect(Array.from(sim.valuePaths!)).toEqual([3, 3, 3]);
  });

  it('validates dimensions and exposures', () => {
    const c = cube('f64');
    expect(() => simulatePortfolio(c, Float64Array.of(1))).toThrow(/exposures has length 1, expected one per asset \(2\)/);
    expect(() => simulatePortfolio({ ...c, horizon: 4 }, Float64Array.of(1, 2))).toThrow(/paths.values has length 12/);
    expect(() => simulatePortfolio({ ...c, nPaths: 1.5 }, Float64Array.of(1, 2))).toThrow(RangeError);
    expect(() => simulatePortfolio(c, Float64Array.of(1, NaN))).toThrow(/exposures\[1\] must be a finite number/);
  });
});

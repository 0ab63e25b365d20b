import { describe, it, expect } from '@jest/globals';
import { drawdownStats, maxDrawdown, simulatePortfolio, type PathCube } from '../src/index.js';
import { mulberry32 } from './helpers/seeded-normal.js';

// Same hand cube as simulate-portfolio.test.ts: 2 paths × 3 steps × 2 assets.
// path 0: asset 0 multipliers 1.1, 0.88, 1.1; asset 1 multipliers 0.9, 1.08, 0.54
// path 1: asset 0 multipliers 0.5, 1, 1;     asset 1 multipliers 2, 2, 3
const RATIOS = [
  [1.1, 0.9], [0.8, 1.2], [1.25, 0.5],
  [0.5, 2], [2, 1], [1, 1.5],
].flat();
const CUBE: PathCube = { values: Float64Array.from(RATIOS, Math.log), nPaths: 2, horizon: 3, nAssets: 2 };
const EXPOSURES = Float64Array.of(100, 50);

/** A random cube with daily log returns of about ±2%. */
function randomCube(nPaths: number, horizon: number, nAssets: number, seed: number): PathCube {
  const u = mulberry32(seed);
  const values = Float64Array.from({ length: nPaths * horizon * nAssets }, () => 0.04 * (u() - 0.5));
  return { values, nPaths, horizon, nAssets };
}

describe('simulatePortfolio: horizons', () => {
  it('P&L after h steps, in the requested order (hand values)', () => {
    // exposures 100, 50, V_0 = 150
    // path 0: V = 155, 142, 137 → P&L 5, -8, -13;  path 1: V = 150, 200, 250 → 0, 50, 100
    const sim = simulatePortfolio(CUBE, EXPOSURES, { horizons: [3, 1, 2] });
    const [h3, h1, h2] = sim.pnlByHorizon!;
    expect(h1[0]).toBeCloseTo(5, 10);
    expect(h2[0]).toBeCloseTo(-8, 10);
    expect(h3[0]).toBeCloseTo(-13, 10);
    expect(h1[1]).toBeCloseTo(0, 10);
    expect(h2[1]).toBeCloseTo(50, 10);
    expect(h3[1]).toBeCloseTo(100, 10);
    // h = horizon is the same computation as pnl
    expect(Array.from(h3)).toEqual(Array.from(sim.pnl));
  });

  it('matches a separate run on the cube cut after h steps', () => {
    const cube = randomCube(50, 10, 4, 11);
    const exposures = Float64Array.of(30, -10, 50, 20);
    const sim = simulatePortfolio(cube, exposures, { horizons: [1, 4, 7] });
    [1, 4, 7].forEach((h, i) => {
      const cut = new Float64Array(cube.nPaths * h * cube.nAssets);
      for (let p = 0; p < cube.nPaths; p++) {
        cut.set(cube.values.subarray(p * 10 * 4, (p * 10 + h) * 4), p * h * 4);
      }
      const short = simulatePortfolio({ values: cut, nPaths: 50, horizon: h, nAssets: 4 }, exposures);
      expect(Array.from(sim.pnlByHorizon![i])).toEqual(Array.from(short.pnl));
    });
  });

  it('omits pnlByHorizon unless asked; an empty list gives []', () => {
    expect(simulatePortfolio(CUBE, EXPOSURES).pnlByHorizon).toBeUndefined();
    expect(simulatePortfolio(CUBE, EXPOSURES, { horizons: [] }).pnlByHorizon).toEqual([]);
  });

  it('rejects horizons outside 1..horizon, non-integers and duplicates', () => {
    expect(() => simulatePortfolio(CUBE, EXPOSURES, { horizons: [0] })).toThrow(/horizons\[0\] must be an integer in \[1, 3\]/);
    expect(() => simulatePortfolio(CUBE, EXPOSURES, { horizons: [1, 4] })).toThrow(/horizons\[1\]/);
    expect(() => simulatePortfolio(CUBE, EXPOSURES, { horizons: [1.5] })).toThrow(RangeError);
    expect(() => simulatePortfolio(CUBE, EXPOSURES, { horizons: [2, 2] })).toThrow(/listed twice/);
  });
});

describe('simulatePortfolio: keepPositionPnl', () => {
  it('each position P&L at the horizon (hand values)', () => {
    // path 0: 100·(1.1 − 1) = 10, 50·(0.54 − 1) = −23 (sum −13)
    // path 1: 100·(1 − 1) = 0,   50·(3 − 1) = 100    (sum 100)
    const sim = simulatePortfolio(CUBE, EXPOSURES, { keepPositionPnl: true });
    const expected = [10, -23, 0, 100];
    expect(sim.positionPnl!.length).toBe(4);
    expected.forEach((x, i) => expect(sim.positionPnl![i]).toBeCloseTo(x, 10));
  });

  it('rows sum to the portfolio P&L', () => {
    const cube = randomCube(200, 20, 5, 3);
    const exposures = Float64Array.of(40, -15, 25, 10, 0);
    const sim = simulatePortfolio(cube, exposures, { keepPositionPnl: true });
    for (let p = 0; p < 200; p++) {
      let sum = 0;
      for (let a = 0; a < 5; a++) sum += sim.positionPnl![p * 5 + a];
      expect(Math.abs(sum - sim.pnl[p])).toBeLessThan(1e-12);
      expect(sim.positionPnl![p * 5 + 4]).toBe(0); // zero exposure, zero P&L
    }
  });
});

describe('simulatePortfolio: drawdownDetail', () => {
  it('hand cube: open drawdown on path 0, none on path 1', () => {
    // path 0: V = 150, 155, 142, 137: peak 155 at t=1, trough t=3, never regained
    //   → duration 3 − 1 = 2, time to recovery NaN, not recovered
    // path 1: V = 150, 150, 200, 250: never falls → 0, 0, recovered
    const sim = simulatePortfolio(CUBE, EXPOSURES, { drawdownDetail: true });
    const d = sim.drawdownDetail!;
    expect(d.maxDrawdown).toBe(sim.maxDrawdown);
    expect(d.maxDrawdown[0]).toBeCloseTo(18 / 155, 12);
    expect(Array.from(d.drawdownDuration)).toEqual([2, 0]);
    expect(Number.isNaN(d.timeToRecovery[0])).toBe(true);
    expect(d.timeToRecovery[1]).toBe(0);
    expect(Array.from(d.recovered)).toEqual([0, 1]);
  });

  it('equals drawdownStats on the value paths, and maxDrawdown per path', () => {
    const cube = randomCube(300, 15, 3, 5);
    const exposures = Float64Array.of(50, 30, 20);
    const sim = simulatePortfolio(cube, exposures, { drawdownDetail: true, keepValuePaths: true });
    const ref = drawdownStats(sim.valuePaths!, 300, 16);
    expect(Array.from(sim.drawdownDetail!.drawdownDuration)).toEqual(Array.from(ref.drawdownDuration));
    expect(Array.from(sim.drawdownDetail!.timeToRecovery)).toEqual(Array.from(ref.timeToRecovery));
    expect(Array.from(sim.drawdownDetail!.recovered)).toEqual(Array.from(ref.recovered));
    for (let p = 0; p < 300; p++) {
      expect(sim.maxDrawdown[p]).toBe(maxDrawdown(sim.valuePaths!.subarray(p * 16, (p + 1) * 16)));
    }
  });

  it('NaN and not recovered when V_0 <= 0', () => {
    const sim = simulatePortfolio(CUBE, Float64Array.of(-100, 50), { drawdownDetail: true });
    const d = sim.drawdownDetail!;
    expect(Number.isNaN(d.drawdownDuration[0])).toBe(true);
    expect(Number.isNaN(d.timeToRecovery[1])).toBe(true);
    expect(Array.from(d.recovered)).toEqual([0, 0]);
  });

  it('leaves pnl and maxDrawdown unchanged when every option is on', () => {
    const cube = randomCube(100, 8, 4, 9);
    const exposures = Float64Array.of(10, 20, -5, 40);
    const plain = simulatePortfolio(cube, exposures);
    const full = simulatePortfolio(cube, exposures, {
      horizons: [2, 8],
      keepPositionPnl: true,
      drawdownDetail: true,
      keepValuePaths: true,
    });
    expect(Array.from(full.pnl)).toEqual(Array.from(plain.pnl));
    expect(Array.from(full.maxDrawdown)).toEqual(Array.from(plain.maxDrawdown));
  });
});

describe('simulatePortfolio: drawdowns on the P&L against a base (long/short books)', () => {
  // A market-neutral book: +100 in asset 0, −100 in asset 1, V_0 = 0, gross 200.
  // path 0: V = 110 − 90 = 20, 88 − 108 = −20, 110 − 54 = 56 → P&L 20, −20, 56
  // path 1: V = 50 − 200 = −150, 100 − 200 = −100, 100 − 300 = −200
  const NEUTRAL = Float64Array.of(100, -100);

  it('peak minus trough of the cumulative P&L over the base (hand values)', () => {
    const sim = simulatePortfolio(CUBE, NEUTRAL, { drawdownBase: 200, drawdownDetail: true });
    expect(sim.initialValue).toBe(0);
    expect(sim.pnl[0]).toBeCloseTo(56, 10);
    expect(sim.pnl[1]).toBeCloseTo(-200, 10);
    // path 0: peak 20 at step 1, trough −20 at step 2 → 40 / 200; regained at step 3
    expect(sim.maxDrawdown[0]).toBeCloseTo(0.2, 12);
    expect(sim.drawdownDetail!.drawdownDuration[0]).toBe(2);
    expect(sim.drawdownDetail!.timeToRecovery[0]).toBe(1);
    expect(sim.drawdownDetail!.recovered[0]).toBe(1);
    // path 1: peak 0 at step 0, trough −200 at step 3 → 200 / 200, never regained
    expect(sim.maxDrawdown[1]).toBeCloseTo(1, 12);
    expect(sim.drawdownDetail!.drawdownDuration[1]).toBe(3);
    expect(sim.drawdownDetail!.recovered[1]).toBe(0);
    expect(Number.isNaN(sim.drawdownDetail!.timeToRecovery[1])).toBe(true);
  });

  it('without a base a book with V_0 <= 0 has undefined (NaN) drawdowns; the base leaves the P&L unchanged', () => {
    const plain = simulatePortfolio(CUBE, NEUTRAL);
    expect(Number.isNaN(plain.maxDrawdown[0])).toBe(true);
    expect(simulatePortfolio(CUBE, NEUTRAL, { drawdownBase: 200 }).pnl).toEqual(plain.pnl);
  });

  it('equals a direct peak-to-trough scan of the value paths minus V_0, over the base', () => {
    const cube = randomCube(200, 15, 2, 5);
    const sim = simulatePortfolio(cube, NEUTRAL, { drawdownBase: 200, keepValuePaths: true });
    const v = sim.valuePaths!;
    for (let p = 0; p < 200; p++) {
      let peak = 0;
      let mdd = 0;
      for (let t = 1; t <= 15; t++) {
        const x = v[p * 16 + t] - sim.initialValue;
        peak = Math.max(peak, x);
        mdd = Math.max(mdd, (peak - x) / 200);
      }
      expect(sim.maxDrawdown[p]).toBeCloseTo(mdd, 12);
    }
  });

  it('rejects a base that is not a finite positive number', () => {
    expect(() => simulatePortfolio(CUBE, NEUTRAL, { drawdownBase: 0 })).toThrow(/drawdownBase/);
  });
});

import { describe, it, expect } from '@jest/globals';
import { drawdownStats } from '../src/index.js';

/** Statistics of a single path, as plain numbers. */
function one(values: number[]) {
  const s = drawdownStats(Float64Array.from(values), 1, values.length);
  return {
    mdd: s.maxDrawdown[0],
    duration: s.drawdownDuration[0],
    ttr: s.timeToRecovery[0],
    recovered: s.recovered[0],
  };
}

describe('drawdownStats', () => {
  it('recovered drawdown (hand case)', () => {
    // t:      0    1   2    3   4    5    6
    // V:    100  120  90  110  60  130  117
    // max drawdown 0.5: peak 120 at t=1, trough 60 at t=4, 130 >= 120 at t=5
    // → duration 5 − 1 = 4, time to recovery 5 − 4 = 1
    expect(one([100, 120, 90, 110, 60, 130, 117])).toEqual({ mdd: 0.5, duration: 4, ttr: 1, recovered: 1 });
  });

  it('open drawdown: duration runs to the end, no time to recovery', () => {
    // peak 100 at t=0, trough 80 at t=1 (0.2), 90 and 95 stay below → duration 3 − 0 = 3
    const r = one([100, 80, 90, 95]);
    expect(r.mdd).toBeCloseTo(0.2, 15);
    expect(r.duration).toBe(3);
    expect(Number.isNaN(r.ttr)).toBe(true);
    expect(r.recovered).toBe(0);
  });

  it('an exact return to the peak recovers and starts the next episode there', () => {
    // episode 1: 100 → 90 → 100 (0.1, recovered at t=2); episode 2 from t=2: 100 → 80 → 100
    // max drawdown 0.2: peak t=2, trough t=3, recovery t=4 → duration 2, ttr 1
    const r = one([100, 90, 100, 80, 100]);
    expect(r.mdd).toBeCloseTo(0.2, 15);
    expect([r.duration, r.ttr, r.recovered]).toEqual([2, 1, 1]);
  });

  it('a smaller later drawdown does not replace the maximum one', () => {
    // max 0.5 (100 → 50, t 0 → 1), recovered at t=2 (120); later 120 → 100 is only 1/6
    const r = one([100, 50, 120, 100, 130]);
    expect([r.mdd, r.duration, r.ttr, r.recovered]).toEqual([0.5, 2, 1, 1]);
  });

  it('a deeper trough in the same episode moves the trough, not the peak', () => {
    // peak 100 at t=0; 90 (0.1), 95, 70 (0.3) at t=3; 100 at t=4 → duration 4, ttr 1
    const r = one([100, 90, 95, 70, 100]);
    expect(r.mdd).toBeCloseTo(0.3, 15);
    expect([r.duration, r.ttr, r.recovered]).toEqual([4, 1, 1]);
  });

  it('equal drawdowns: the earliest trough wins', () => {
    // 0.2 at t=1 (peak t=0, recovered t=2) and again at t=3 (peak t=2, never recovered)
    // → the first episode: duration 2, ttr 1, recovered
    const r = one([100, 80, 100, 80, 90]);
    expect([r.mdd, r.duration, r.ttr, r.recovered]).toEqual([0.2, 2, 1, 1]);
  });

  it('no drawdown: zero duration, recovered; a single value too', () => {
    expect(one([100, 100, 110, 120])).toEqual({ mdd: 0, duration: 0, ttr: 0, recovered: 1 });
    expect(one([42])).toEqual({ mdd: 0, duration: 0, ttr: 0, recovered: 1 });
  });

  it('reads several paths row-major and flags V_0 <= 0 with NaN', () => {
    const s = drawdownStats(Float64Array.of(100, 80, 100, /* */ -5, -10, -2, /* */ 100, 120, 60), 3, 3);
    // path 0: 0.2, peak t0, trough t1, recovery t2; path 2: 0.5, peak t1, trough t2, open → duration 1
    expect(Array.from(s.maxDrawdown.subarray(0, 1))).toEqual([0.2]);
    expect(s.maxDrawdown[2]).toBe(0.5);
    expect(Number.isNaN(s.maxDrawdown[1])).toBe(true);
    expect(Number.isNaN(s.drawdownDuration[1])).toBe(true);
    expect([s.drawdownDuration[0], s.drawdownDuration[2]]).toEqual([2, 1]);
    expect([s.timeToRecovery[0], s.timeToRecovery[2]]).toEqual([1, NaN]);
    expect(Array.from(s.recovered)).toEqual([1, 0, 0]);
  });

  it('validates its arguments', () => {
    expect(() => drawdownStats(Float64Array.of(1, 2, 3), 2, 2)).toThrow(/valuePaths has length 3, expected/);
    expect(() => drawdownStats(Float64Array.of(1, NaN), 1, 2)).toThrow(/valuePaths\[1\] must be a finite number/);
    expect(() => drawdownStats(new Float64Array(0), 0, 0)).toThrow(/steps must be >= 1/);
    expect(() => drawdownStats(Float64Array.of(1), 1.5, 1)).toThrow(RangeError);
  });
});

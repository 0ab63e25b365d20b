import { describe, expect, it } from '@jest/globals';
import type { ReturnsMatrix } from '@tailforge/core';
import { replayWindows, windowStartsAt, worstWindows } from '@tailforge/scenarios';

// 6 days × 2 assets; asset A loses 10% (log) on day 2 and 20% on day 5.
const r: ReturnsMatrix = {
  dates: ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
  symbols: ['A', 'B'],
  values: Float64Array.of(0, 0.01, -0.1, 0, 0.02, 0, 0, 0, -0.2, 0.01, 0.01, 0),
};

describe('historical replays', () => {
  it('a replayed window is exactly the history rows', () => {
    const { paths, windows } = replayWindows(r, 2, [1, 4]);
    expect(Array.from(paths.values)).toEqual(Array.from(Float32Array.of(-0.1, 0, 0.02, 0, -0.2, 0.01, 0.01, 0)));
    expect(windows).toEqual([
      { start: 1, from: '2020-01-02', to: '2020-01-03' },
      { start: 4, from: '2020-01-07', to: '2020-01-08' },
    ]);
  });

  it('the worst windows for a long-A portfolio, by hand, without overlaps', () => {
    // 2-day window P&L of exposure (100, 0): 100·(e^{ΣA} − 1); the worst start at 3 or 4 (−0.2), then 1 or 0 (−0.1).
    const starts = worstWindows(r, Float64Array.of(100, 0), 2, 2);
    // Windows 3 ([0, -0.2]) and 4 ([-0.2, 0.01]): 3 sums to -0.2, 4 to -0.19 → 3 first; then 0/1 sum to -0.1 and +(-0.08)... 
    // window 0 = [0, -0.1] = -0.1, window 1 = [-0.1, 0.02] = -0.08 → 0 is the second episode (1 overlaps neither 3 nor 0's episode? |1-0| < 2, skipped).
    expect(starts).toEqual([3, 0]);
    // A short-A portfolio's worst window is the best one for the long: window 2 ([0.02, 0]).
    expect(worstWindows(r, Float64Array.of(-100, 0), 2, 1)).toEqual([2]);
  });

  it('window starts by date, and a date without a full window is an InputError', () => {
    expect(windowStartsAt(r, 2, ['2020-01-04'])).toEqual([3]);
    expect(() => windowStartsAt(r, 3, ['2020-01-08'])).toThrow(/no 3-day window of returns starts on or after 2020-01-08/);
  });
});

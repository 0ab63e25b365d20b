import { describe, it, expect } from '@jest/globals';
import { weightedDrawdownSummary } from '../src/weighted-drawdown-summary.js';

describe('weightedDrawdownSummary', () => {
  it('weighted drawdown summary by hand; without weights it is drawdownSummary', () => {
    const dd = Float64Array.of(0.1, 0.4, 0.2, 0, 0.3);
    const w = Float64Array.of(1, 1, 2, 4, 2);
    const s = weightedDrawdownSummary(dd, w);
    // mean = (0.1 + 0.4 + 0.4 + 0 + 0.6) / 10
    expect(s.mean).toBeCloseTo(0.15, 12);
    // sorted: 0 (0.4), 0.1 (0.1), 0.2 (0.2), 0.3 (0.2), 0.4 (0.1): cumulative 0.4, 0.5, 0.7, 0.9, 1.0
    expect(s.median).toBe(0.1);
    expect(s.p95).toBe(0.4);
    expect(s.p99).toBe(0.4);
    expect(s.max).toBe(0.4);
    expect(weightedDrawdownSummary(dd)).toEqual({ mean: 0.2, median: 0.2, p95: 0.38, p99: 0.396, max: 0.4 });
  });
});

import { describe, it, expect } from '@jest/globals';
import { weightedDrawdownSummary } from '../src/weighted-drawdown-summary.js';

describe('weightedDrawdownSummary', () => {
  it('weighted drawdown summary by hand', () => {
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
  });

  it('unweighted paths use the same lower quantile as weighted ones (issue 13 item 16)', () => {
    const dd = Float64Array.of(0.1, 0.4, 0.2, 0, 0.3);
    // sorted 0, 0.1, 0.2, 0.3, 0.4: the q-quantile is the ceil(5q)-th smallest; no interpolation.
    expect(weightedDrawdownSummary(dd)).toEqual({ mean: 0.2, median: 0.2, p95: 0.4, p99: 0.4, max: 0.4 });
    // Equal weights give exactly the unweighted figures.
    const eq = weightedDrawdownSummary(dd, Float64Array.of(2, 2, 2, 2, 2));
    expect({ ...eq, mean: Number(eq.mean.toFixed(12)) }).toEqual(weightedDrawdownSummary(dd));
    const ten = Float64Array.from({ length: 10 }, (_, i) => i / 100);
    // ceil(0.95·10) = 10th smallest, ceil(0.5·10) = 5th smallest.
    expect(weightedDrawdownSummary(ten)).toMatchObject({ median: 0.04, p95: 0.09, p99: 0.09 });
  });
});

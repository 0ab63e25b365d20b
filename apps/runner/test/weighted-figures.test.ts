import { describe, it, expect } from '@jest/globals';
import { riskAtLevels } from '@tailforge/risk';
import { pairBootstrapErrors, weightedDrawdownSummary } from '../src/stress/weighted-figures.js';

describe('figures of importance-weighted paths', () => {
  it('pair bootstrap: point estimates are riskAtLevels\', errors match the delta method for equal weights', () => {
    // A heavy-tailed (Cauchy-like) sample at the points (i + ½)/n, shuffled deterministically.
    const n = 4000;
    const pnl = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = ((i * 7919) % n + 0.5) / n;
      pnl[i] = -Math.tan(Math.PI * (u - 0.5)) * 0.3 - 0.5 * (u - 0.5);
    }
    const w = new Float64Array(n).fill(1);
    const levels = [0.95, 0.99];
    const r = pairBootstrapErrors(pnl, w, levels, { seed: 4, resamples: 400 });
    const point = riskAtLevels(pnl, levels, w);
    r.forEach((x, j) => {
      expect(x.var).toBe(point[j].var);
      expect(x.es).toBe(point[j].es);
      expect(x.esCi[0]).toBeLessThan(x.es);
      expect(x.esCi[1]).toBeGreaterThan(x.es);
      // Delta method for ES: sd((L − VaR)⁺) / (√n·(1 − α)).
      const y = Array.from(pnl, (p) => Math.max(0, -p - x.var));
      const m = y.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(y.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
      const delta = sd / (Math.sqrt(n) * (1 - levels[j]));
      expect(x.esSe / delta).toBeGreaterThan(0.75);
      expect(x.esSe / delta).toBeLessThan(1.33);
    });
    // Scaling every weight changes nothing; the same seed gives the same errors.
    const scaled = pairBootstrapErrors(pnl, w.map(() => 3.5), levels, { seed: 4, resamples: 400 });
    scaled.forEach((x, j) => {
      expect(x.esSe).toBeCloseTo(r[j].esSe, 8);
      expect(x.varSe).toBeCloseTo(r[j].varSe, 8);
    });
  });

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

import { describe, it, expect } from '@jest/globals';
import { riskAtLevels } from '@tailforge/risk';
import { pairBootstrapErrors, type IndexSource } from '../src/pair-bootstrap-errors.js';
import { createUint32Generator, UINT32_SCALE } from '../src/seeded-uniform.js';

/** Uniform indices from risk's own seeded generator (the engine passes core's Rng). */
const indices = (seed: number): IndexSource => {
  const next = createUint32Generator(seed);
  return { int: (n) => Math.floor(next() * UINT32_SCALE * n) };
};

describe('pairBootstrapErrors', () => {
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
    const r = pairBootstrapErrors(pnl, w, levels, { random: indices(4), resamples: 400 });
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
    const scaled = pairBootstrapErrors(pnl, w.map(() => 3.5), levels, { random: indices(4), resamples: 400 });
    scaled.forEach((x, j) => {
      expect(x.esSe).toBeCloseTo(r[j].esSe, 8);
      expect(x.varSe).toBeCloseTo(r[j].varSe, 8);
    });
  });

  it('the intervals are the type-7 quantiles of the replicates: a two-point sample by hand', () => {
    // P&L {−1, −3}, equal weights, 90%: every resample is {−1,−1}, {−1,−3} or {−3,−3}; VaR_0.9 is 1 or 3.
    const r = pairBootstrapErrors(Float64Array.of(-1, -3), Float64Array.of(1, 1), [0.9], { random: indices(9), resamples: 200 });
    expect(r[0].var).toBe(3);
    expect(r[0].varCi[0]).toBeGreaterThanOrEqual(1);
    expect(r[0].varCi[1]).toBe(3);
    expect(r[0].method).toBe('bootstrap');
  });
});

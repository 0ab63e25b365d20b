import { describe, expect, it } from '@jest/globals';
import { generatePaths } from '@tailforge/scenarios';
import { example } from './helpers/cgan-example.js';

/** Sample standard deviation. */
const sd = (x: Float64Array): number => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

/** Equal-weight portfolio log return of each path over days [from, to): Σ_t mean_a r[p, t, a]. */
function basketReturns(values: Float32Array, nPaths: number, horizon: number, A: number, from: number, to: number): Float64Array {
  const out = new Float64Array(nPaths);
  for (let p = 0; p < nPaths; p++) {
    let s = 0;
    for (let t = from; t < to; t++) for (let a = 0; a < A; a++) s += values[(p * horizon + t) * A + a];
    out[p] = s / A;
  }
  return out;
}

describe('long horizons: the example cgan rolled over 250 days', () => {
  it('gives finite paths whose volatility neither explodes nor collapses across 13 windows', async () => {
    const { model, returns } = await example();
    const state = model.latestState(returns);
    const A = model.symbols.length, N = 400, H = 250;
    const year = await generatePaths(model, { nPaths: N, horizon: H, seed: 5, state });
    expect(year.values.length).toBe(N * H * A);
    expect(year.values.every(Number.isFinite)).toBe(true);
    // Window by window (20 days each), the basket's 20-day volatility stays within a factor 2 of the first window's.
    const first = sd(basketReturns(year.values, N, H, A, 0, 20));
    for (let w = 1; w < 12; w++) {
      const v = sd(basketReturns(year.values, N, H, A, 20 * w, 20 * w + 20));
      expect(v / first).toBeGreaterThan(0.5);
      expect(v / first).toBeLessThan(2);
    }
    // The year's volatility against the one-window volatility scaled by √(250/20): within a factor 2 either way.
    const ratio = sd(basketReturns(year.values, N, H, A, 0, H)) / (first * Math.sqrt(H / 20));
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    // Per asset too: no asset's daily returns of the last window blow up (|r| < 1 in log terms) or freeze.
    for (let a = 0; a < A; a++) {
      let s2 = 0, big = 0;
      for (let p = 0; p < N; p++) {
        for (let t = 230; t < 250; t++) {
          const r = year.values[(p * H + t) * A + a];
          s2 += r * r;
          big = Math.max(big, Math.abs(r));
        }
      }
      const daily = Math.sqrt(s2 / (N * 20));
      expect(daily).toBeGreaterThan(0.003);
      expect(daily).toBeLessThan(0.1);
      expect(big).toBeLessThan(1);
    }
  });
});

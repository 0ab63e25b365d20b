import { describe, expect, it } from '@jest/globals';
import { CAP_FACTOR, MAX_VARIANCE_RATIO } from '@tailforge/core';
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
    // Per asset too: every daily move stays within the model's documented bound (innovations ≤ CAP_FACTOR × the
    // largest training move in long-run sds, volatility ≤ √MAX_VARIANCE_RATIO × long run, so |r − μ| ≤ 1.5 × 5 × the
    // largest move); nothing freezes. Moves beyond each stock's largest historical one: 0.25% of asset-days here, where
    // history has 1 in 2528 (0.04%) by construction — the example's extreme single-stock days are too frequent (a
    // known weakness); the check below only stops it getting worse.
    const T = returns.dates.length;
    let beyond = 0;
    for (let a = 0; a < A; a++) {
      let mu = 0, largest = 0;
      for (let t = 0; t < T; t++) mu += returns.values[t * A + a] / T;
      for (let t = 0; t < T; t++) largest = Math.max(largest, Math.abs(returns.values[t * A + a] - mu));
      const bound = CAP_FACTOR * Math.sqrt(MAX_VARIANCE_RATIO) * largest;
      let s2 = 0, big = 0;
      for (let p = 0; p < N; p++) {
        for (let t = 0; t < H; t++) {
          const r = year.values[(p * H + t) * A + a];
          if (t >= 230) s2 += r * r;
          big = Math.max(big, Math.abs(r - mu));
          if (Math.abs(r - mu) > largest) beyond++;
        }
      }
      const daily = Math.sqrt(s2 / (N * 20));
      expect(daily).toBeGreaterThan(0.003);
      expect(daily).toBeLessThan(0.1);
      expect(big).toBeLessThanOrEqual(bound * (1 + 1e-6));
    }
    expect(beyond / (N * H * A)).toBeLessThan(0.005);
  });
});

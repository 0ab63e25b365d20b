import { describe, it, expect } from '@jest/globals';
import {
  fitHeavyTail,
  fromGaussian,
  historicalStateQuantile,
  lambertW0,
  readPricesCsv,
  Rng,
  sampleMoments,
  stateAt,
  stateFeatureNames,
  stateSize,
  toGaussian,
  toLogReturns,
  type ReturnsMatrix,
} from '@tailforge/core';
import { DOWJONES, inputError } from './helpers.js';

describe('Lambert W', () => {
  it('known values and the defining identity', () => {
    expect(lambertW0(0)).toBe(0);
    expect(lambertW0(Math.E)).toBeCloseTo(1, 14);
    expect(lambertW0(1)).toBeCloseTo(0.5671432904097838, 14); // the omega constant
    for (const x of [1e-8, 0.3, 2, 50, 1e6]) {
      const w = lambertW0(x);
      expect(w * Math.exp(w)).toBeCloseTo(x, Math.max(0, 12 - Math.ceil(Math.log10(x + 1))));
    }
  });
});

describe('heavy-tail transform', () => {
  it('round trip: returns → Gaussian space → returns is the identity', async () => {
    const r = toLogReturns(await readPricesCsv(DOWJONES, { symbols: ['IBM', 'KO', 'MSFT', 'AA'] }));
    const T = r.dates.length, A = 4;
    const p = fitHeavyTail(r.values, T, A, true);
    for (let a = 0; a < A; a++) expect(p.delta[a]).toBeGreaterThan(0); // stock returns are heavy-tailed
    const u = new Float64Array(T * A);
    toGaussian(r.values, T, A, p, u);
    const back = new Float64Array(T * A);
    fromGaussian(u, T, A, p, back);
    for (let i = 0; i < back.length; i++) expect(Math.abs(back[i] - r.values[i])).toBeLessThan(1e-12);
    // The Gaussianised values have lighter tails than the standardised returns.
    const kuOf = (a: number, x: Float64Array) => sampleMoments(Float64Array.from({ length: T }, (_, t) => x[t * A + a])).excessKurtosis;
    for (let a = 0; a < A; a++) expect(Math.abs(kuOf(a, u))).toBeLessThan(kuOf(a, r.values));
  });

  it('recovers δ from data simulated from a Lambert W × Gaussian distribution', () => {
    // z = u·exp(δu²/2), u ~ N(0, 1), δ = 0.1; returns r = 0.001 + 0.02·z.
    const rng = new Rng(2);
    const n = 400_000;
    const x = Float64Array.from({ length: n }, () => {
      const u = rng.normal();
      return 0.001 + 0.02 * u * Math.exp((0.1 * u * u) / 2);
    });
    const p = fitHeavyTail(x, n, 1, true, 0);
    expect(p.delta[0]).toBeGreaterThan(0.08);
    expect(p.delta[0]).toBeLessThan(0.12);
    expect(fitHeavyTail(x, n, 1, false).delta[0]).toBe(0);
  });

  it('volatility regimes alone do not count as heavy tails', () => {
    // Gaussian returns with a slowly moving vol σ_t = 1.5%·exp(0.8·sin(2πt/500)): heavy-tailed overall
    // (kurtosis 3·I₀(3.2)/I₀(1.6)² ≈ 5.6), Gaussian given σ_t. Devolatilised with a 20-day window, δ is near 0
    // (what remains is the noise of a 20-day vol estimate); on the raw series it is large.
    const rng = new Rng(4);
    const n = 20_000;
    const x = Float64Array.from({ length: n }, (_, t) => 0.015 * Math.exp(0.8 * Math.sin((2 * Math.PI * t) / 500)) * rng.normal());
    expect(sampleMoments(x).excessKurtosis).toBeGreaterThan(2);
    expect(fitHeavyTail(x, n, 1, true, 0).delta[0]).toBeGreaterThan(0.08);
    expect(fitHeavyTail(x, n, 1, true, 20).delta[0]).toBeLessThan(0.06);
  });

  it('generated values beyond the cap are clamped', () => {
    const p = { mean: Float64Array.of(0), std: Float64Array.of(1), delta: Float64Array.of(0.1), uCap: Float64Array.of(5) };
    const out = new Float64Array(2);
    fromGaussian(Float64Array.of(50, -5), 2, 1, p, out);
    // u = ±5 → z = ±5·e^{1.25}; x = z·(1 − 0.2)^{3/4}.
    const x5 = 5 * Math.exp(1.25) * 0.8 ** 0.75;
    expect(out[0]).toBeCloseTo(x5, 10);
    expect(out[1]).toBeCloseTo(-x5, 10);
  });
});

describe('conditioning state', () => {
  // Two assets, 6 days; stateWindow 5 ending at index 5 uses days 1..5.
  const rows = [
    [0.0, 0.0],
    [0.01, 0.03],
    [-0.02, 0.0],
    [0.03, -0.01],
    [0.0, 0.02],
    [-0.01, 0.01],
  ];
  const returns: ReturnsMatrix = {
    dates: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'],
    symbols: ['X', 'Y'],
    values: Float64Array.from(rows.flat()),
  };

  it('values match a hand computation, in the documented order', () => {
    const s = stateAt(returns, 5, 5);
    expect(s.label).toBe('d5');
    expect(s.values).toHaveLength(stateSize(2));
    expect(stateFeatureNames(['X', 'Y'], 5)).toEqual([
      'logVol5.market', 'logVolRecent5.market', 'logVol5.X', 'logVol5.Y',
      'return.market.t-4', 'return.market.t-3', 'return.market.t-2', 'return.market.t-1', 'return.market.t-0',
      'return5.X', 'return5.Y',
    ]);
    // Market returns of days 1..5: 0.02, −0.01, 0.01, 0.01, 0.
    const m = [0.02, -0.01, 0.01, 0.01, 0];
    const lv = (xs: number[]) => 0.5 * Math.log(xs.reduce((a, v) => a + v * v, 0) / xs.length + 1e-10);
    expect(s.values[0]).toBeCloseTo(lv(m), 12);
    expect(s.values[1]).toBeCloseTo(lv(m), 12); // RECENT_DAYS = 5 = stateWindow here
    expect(s.values[2]).toBeCloseTo(lv([0.01, -0.02, 0.03, 0, -0.01]), 12);
    expect(s.values[3]).toBeCloseTo(lv([0.03, 0, -0.01, 0.02, 0.01]), 12);
    for (let k = 0; k < 5; k++) expect(s.values[4 + k]).toBeCloseTo(m[k], 14);
    expect(s.values[9]).toBeCloseTo(0.01, 14);
    expect(s.values[10]).toBeCloseTo(0.05, 14);
  });

  it('too little history is an InputError', async () => {
    const e = await inputError(() => stateAt(returns, 3, 5));
    expect(e.message).toMatch(/needs 5 daily returns up to it, the data has 4/);
  });

  it('historical quantiles pick the calmest and the most volatile dates', () => {
    // Volatility regime rises with the date: day t has returns ±(t+1)·0.001.
    const T = 60;
    const vals = Float64Array.from({ length: T * 2 }, (_, i) => ((Math.floor(i / 2) % 2 === 0 ? 1 : -1) * (Math.floor(i / 2) + 1)) / 1000);
    const r: ReturnsMatrix = { dates: Array.from({ length: T }, (_, t) => `t${t}`), symbols: ['X', 'Y'], values: vals };
    expect(historicalStateQuantile(r, 0, 5).index).toBe(4); // first full state
    const top = historicalStateQuantile(r, 1, 5);
    expect(top.index).toBe(T - 1);
    expect(top.state.label).toBe('p100');
    expect(historicalStateQuantile(r, 0.99, 5).state.label).toBe('p99');
  });
});

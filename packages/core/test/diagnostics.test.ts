import { describe, it, expect } from '@jest/globals';
import {
  acfByAsset,
  correlationError,
  correlationMatrix,
  equalWeightWindowReturns,
  leverageByAsset,
  modelCard,
  quantileL1,
  quantileSorted,
  Rng,
  sampleMoments,
  sortedCopy,
  tailWasserstein1,
  wasserstein1,
} from '@tailforge/core';

const one = (values: number[], nAssets = 1) => ({ values: Float64Array.from(values), nWindows: 1, horizon: values.length / nAssets, nAssets });

describe('moments', () => {
  it('match a hand computation', () => {
    // x = 1, 2, 3, 4, 10: mean 4; deviations −3, −2, −1, 0, 6.
    // Σd² = 9+4+1+0+36 = 50, Σd³ = −27−8−1+0+216 = 180, Σd⁴ = 81+16+1+0+1296 = 1394.
    const m = sampleMoments([1, 2, 3, 4, 10]);
    expect(m.mean).toBe(4);
    expect(m.std).toBeCloseTo(Math.sqrt(50 / 4), 12);
    expect(m.skew).toBeCloseTo(180 / 5 / (50 / 5) ** 1.5, 12);
    expect(m.excessKurtosis).toBeCloseTo(1394 / 5 / (50 / 5) ** 2 - 3, 12);
  });

  it('a large normal sample has skewness and excess kurtosis near 0', () => {
    const rng = new Rng(5);
    const x = Float64Array.from({ length: 200_000 }, () => rng.normal());
    const m = sampleMoments(x);
    expect(Math.abs(m.skew)).toBeLessThan(0.03);
    expect(Math.abs(m.excessKurtosis)).toBeLessThan(0.06);
  });
});

describe('Wasserstein-1 and quantiles', () => {
  it('W1 between a sample and its shift is the shift', () => {
    const rng = new Rng(1);
    const a = Float64Array.from({ length: 1000 }, () => rng.normal());
    const b = a.map((v) => v + 0.37);
    expect(wasserstein1(a, b)).toBeCloseTo(0.37, 12);
    const t = tailWasserstein1(sortedCopy(a), sortedCopy(b), 0.01);
    expect(t.lower).toBeCloseTo(0.37, 12);
    expect(t.upper).toBeCloseTo(0.37, 12);
  });

  it('W1 of samples of different sizes, by hand', () => {
    // Q_a = 0 on (0,1]; Q_b = 0 on (0, ½], 1 on (½, 1]: ∫|Q_a − Q_b| = ½.
    expect(wasserstein1([0], [0, 1])).toBeCloseTo(0.5, 15);
    // {0, 1} against {0, 0, 1, 1}: the same distribution.
    expect(wasserstein1([1, 0], [0, 1, 0, 1])).toBe(0);
    // a = {0, 3}, b = {1, 1, 1}: Q_a = 0 on (0,½], 3 on (½,1]; |0−1|·½ + |3−1|·½ = 1.5.
    expect(wasserstein1([0, 3], [1, 1, 1])).toBeCloseTo(1.5, 15);
    // Over (0, 0.25] only: |0 − 1| · 0.25.
    expect(quantileL1(Float64Array.of(0, 3), Float64Array.of(1, 1, 1), 0, 0.25)).toBeCloseTo(0.25, 15);
  });

  it('quantiles are the lower empirical quantile x_(⌈p·n⌉)', () => {
    const s = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    expect(quantileSorted(s, 0.01)).toBe(1); // ⌈0.1⌉ = 1
    expect(quantileSorted(s, 0.5)).toBe(5);
    expect(quantileSorted(s, 0.51)).toBe(6);
    expect(quantileSorted(s, 0.99)).toBe(10);
  });
});

describe('serial dependence', () => {
  it('ACF of one window by hand', () => {
    // 1, 2, 3, 4: mean 2.5, deviations −1.5, −0.5, 0.5, 1.5; c0 = 5/4;
    // c1 = ((−1.5)(−0.5) + (−0.5)(0.5) + (0.5)(1.5)) / 3 = 1.25/3; ρ1 = 1/3.
    const acf = acfByAsset(one([1, 2, 3, 4]), 2, false);
    expect(acf[0]).toBeCloseTo(1 / 3, 12);
    // c2 = ((−1.5)(0.5) + (−0.5)(1.5)) / 2 = −0.75; ρ2 = −0.6.
    expect(acf[1]).toBeCloseTo(-0.6, 12);
  });

  it('pairs never cross windows', () => {
    // Two windows [1, −1] and [1, −1]: the only lag-1 pairs are (1, −1): ρ1 = −1. Across the boundary (−1, 1) would count otherwise.
    const acf = acfByAsset({ values: Float64Array.of(1, -1, 1, -1), nWindows: 2, horizon: 2, nAssets: 1 }, 1, false);
    expect(acf[0]).toBeCloseTo(-1, 12);
  });

  it('ACF of an AR(1) process is close to φ^k', () => {
    const phi = 0.6;
    const rng = new Rng(11);
    const n = 100_000;
    const x = new Float64Array(n);
    for (let t = 1; t < n; t++) x[t] = phi * x[t - 1] + rng.normal();
    const acf = acfByAsset(one([...x]), 4, false);
    for (let k = 1; k <= 4; k++) expect(Math.abs(acf[k - 1] - phi ** k)).toBeLessThan(0.02);
  });

  it('leverage of a series built with a known negative leverage', () => {
    // x_t = ±1 i.i.d., r_t = x_t (1 − x_{t−1}/2): |r_{t+1}| = 1 − x_t/2, so cov(r_t, |r_{t+1}|) = −E[a_t]/2 = −1/2,
    // var r = E[a²] = (0.25 + 2.25)/2 = 1.25, var |r| = 0.25: corr = −0.5 / √(1.25 · 0.25) ≈ −0.894.
    const rng = new Rng(3);
    const n = 100_000;
    const x = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const r = x.map((v, t) => v * (1 - (t > 0 ? x[t - 1] : 0) / 2));
    const lev = leverageByAsset(one([...r]), 2);
    expect(lev[0]).toBeCloseTo(-0.5 / Math.sqrt(1.25 * 0.25), 1);
    expect(Math.abs(lev[1])).toBeLessThan(0.02); // |r_{t+2}| does not depend on x_t
    const acfAbs = acfByAsset(one([...r]), 1, true);
    expect(Math.abs(acfAbs[0])).toBeLessThan(0.02); // |r_t| = 1 − x_{t−1}/2 and |r_{t+1}| = 1 − x_t/2 are independent
  });
});

describe('correlation and portfolio returns', () => {
  it('correlation of exact linear relations and its error', () => {
    // Asset 1 = 2·asset 0 + 1 (ρ = 1); asset 2 = −asset 0 (ρ = −1).
    const rows: number[] = [];
    for (const v of [0.1, -0.3, 0.2, 0.05]) rows.push(v, 2 * v + 1, -v);
    const c = correlationMatrix({ values: Float64Array.from(rows), nWindows: 2, horizon: 2, nAssets: 3 });
    expect(c[1]).toBeCloseTo(1, 12);
    expect(c[2]).toBeCloseTo(-1, 12);
    expect(c[5]).toBeCloseTo(-1, 12);
    expect(c[4]).toBe(1);
    const zero = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    // Off-diagonal pairs (0,1), (0,2), (1,2): |1| + |−1| + |−1| over 3.
    expect(correlationError(c, zero, 3)).toBeCloseTo(1, 12);
  });

  it('equal-weight window return by hand', () => {
    // Window of 2 days × 2 assets: asset 0 gains ln 1.1 then ln 1.2 (+32%), asset 1 loses ln 0.5 once then 0 (−50%).
    const w = { values: Float64Array.of(Math.log(1.1), Math.log(0.5), Math.log(1.2), 0), nWindows: 1, horizon: 2, nAssets: 2 };
    expect(equalWeightWindowReturns(w)[0]).toBeCloseTo((0.32 - 0.5) / 2, 12);
  });
});

describe('model card', () => {
  it('a set compared with itself has zero errors; a shifted copy has W1 = the shift', () => {
    const rng = new Rng(8);
    const values = Float64Array.from({ length: 50 * 10 * 3 }, () => rng.normal() * 0.01);
    const real = { values, nWindows: 50, horizon: 10, nAssets: 3 };
    const shifted = { ...real, values: values.map((v) => v + 0.002) };
    const card = modelCard(real, [{ name: 'same', windows: real }, { name: 'shifted', windows: shifted }], 5);
    const same = card.models[0].errors;
    expect(same.w1Scaled).toBe(0);
    expect(same.correlationMae).toBe(0);
    expect(same.acfAbsError1to5).toBe(0);
    expect(same.kurtosisRelError).toBe(0);
    const sh = card.models[1].errors;
    for (const d of sh.w1) expect(d).toBeCloseTo(0.002, 12);
    expect(sh.q01Error).toBeCloseTo(0.002, 12);
    expect(sh.stdLogRatio).toBeCloseTo(0, 10); // a shift keeps the std
    expect(sh.correlationMae).toBeCloseTo(0, 10);
    expect(card.real.acf).toHaveLength(5);
  });
});

import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cganModel, initBackend, isCganModel, loadModel, Rng, type CganModel, type ReturnsMatrix } from '@tailforge/core';
import { arResiduals, fitArMean, shrunkAutocorrelations, yuleWalker } from '../src/models/cgan/ar-mean.js';
import { Generator, latentSize, type NetworkConfig } from '../src/models/cgan/networks.js';
import { rollPaths, type GeneratorParts } from '../src/models/cgan/sampler.js';
import { logLongRunVols, stateSize, type VolFilter } from '../src/models/cgan/state-features.js';
import type { Margins } from '../src/models/cgan/tails.js';
import { isoDates } from './helpers/returns-fixture.js';
import { rollVsSample } from './helpers/roll-vs-sample.js';

/** A Gaussian AR(p) series per asset (coefficients `phi`, innovation sd `sd`), started from 0 and burnt in for 200 days. */
function simulateAr(T: number, A: number, phi: readonly number[], sd: number, seed: number, mean = 0): Float64Array {
  const rng = new Rng(seed);
  const p = phi.length, burn = 200;
  const out = new Float64Array(T * A);
  for (let a = 0; a < A; a++) {
    const x = new Float64Array(T + burn);
    for (let t = 0; t < T + burn; t++) {
      let v = sd * rng.normal();
      for (let j = 1; j <= p && j <= t; j++) v += phi[j - 1] * x[t - j];
      x[t] = v;
      if (t >= burn) out[(t - burn) * A + a] = mean + v;
    }
  }
  return out;
}

/** Theoretical autocorrelations ρ_0..ρ_n of a stationary AR(p) (Yule–Walker recursion after solving for ρ_1..ρ_p by iteration). */
function arAcf(phi: readonly number[], n: number): Float64Array {
  const p = phi.length;
  const rho = new Float64Array(n + 1 + p);
  rho[0] = 1;
  // ρ_k = Σ_j φ_j ρ_{|k−j|} for k = 1..p: a fixed point (contraction for these stationary examples).
  for (let it = 0; it < 2000; it++) {
    for (let k = 1; k <= p; k++) {
      let s = 0;
      for (let j = 1; j <= p; j++) s += phi[j - 1] * rho[Math.abs(k - j)];
      rho[k] = s;
    }
  }
  for (let k = p + 1; k <= n; k++) {
    let s = 0;
    for (let j = 1; j <= p; j++) s += phi[j - 1] * rho[k - j];
    rho[k] = s;
  }
  return rho.slice(0, n + 1);
}

/**
 * Bartlett's large-sample variance of the lag-k sample autocorrelation of a
 * linear process with i.i.d. innovations and autocorrelations ρ, from N terms:
 * (1/N) Σ_j (ρ_{j+k}² + ρ_{j−k}ρ_{j+k} + 2ρ_k²ρ_j² − 4ρ_kρ_jρ_{j+k}), j over all integers.
 */
function bartlettVar(rho: Float64Array, k: number, N: number): number {
  const r = (j: number): number => (Math.abs(j) < rho.length ? rho[Math.abs(j)] : 0);
  let s = 0;
  for (let j = -(rho.length - 1); j < rho.length; j++) s += r(j + k) ** 2 + r(j - k) * r(j + k) + 2 * r(k) ** 2 * r(j) ** 2 - 4 * r(k) * r(j) * r(j + k);
  return s / N;
}

/** Lag-k sample autocorrelation of column a of paths (nPaths × H × A), pairs within a path, pooled mean and variance. */
function pathAcf(x: Float32Array, nPaths: number, H: number, A: number, a: number, k: number): number {
  let m = 0;
  for (let i = a; i < x.length; i += A) m += x[i];
  m /= nPaths * H;
  let c0 = 0, ck = 0;
  for (let p = 0; p < nPaths; p++) {
    for (let t = 0; t < H; t++) {
      const v = x[(p * H + t) * A + a] - m;
      c0 += v * v;
      if (t + k < H) ck += v * (x[(p * H + t + k) * A + a] - m);
    }
  }
  return ck / (nPaths * (H - k)) / (c0 / (nPaths * H));
}

describe('AR mean: Yule–Walker and the fit', () => {
  it('Yule–Walker by hand: AR(1) φ = ρ₁; AR(2) φ₁ = ρ₁(1−ρ₂)/(1−ρ₁²), φ₂ = (ρ₂−ρ₁²)/(1−ρ₁²); non-stationary ρ is undefined', () => {
    expect(Array.from(yuleWalker([0.4])!)).toEqual([0.4]);
    const [r1, r2] = [0.5, 0.1];
    const phi = yuleWalker([r1, r2])!;
    expect(phi[0]).toBeCloseTo((r1 * (1 - r2)) / (1 - r1 * r1), 14);
    expect(phi[1]).toBeCloseTo((r2 - r1 * r1) / (1 - r1 * r1), 14);
    expect(yuleWalker([1])).toBeUndefined();
    expect(yuleWalker([0.9, 0.1])).toBeUndefined(); // ρ₂ < 2ρ₁² − 1: no stationary AR(2) has these
  });

  it('Yule–Walker inverts the AR autocorrelations (property, stationary AR(2))', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.6, max: 0.6, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true }), (p1, p2) => {
        const rho = arAcf([p1, p2], 2);
        const phi = yuleWalker([rho[1], rho[2]])!;
        expect(phi[0]).toBeCloseTo(p1, 9);
        expect(phi[1]).toBeCloseTo(p2, 9);
      }),
    );
  });

  it('residuals by hand: ε_t = x_t − Σ_j φ_j x_{t−j}, x = r − mean, zero before day 0', () => {
    // Two assets, T = 3, p = 2; asset 0: φ = (0.5, 0.25), mean 1; asset 1: φ = (0, 0), mean 0.
    const values = Float64Array.of(2, 1, 3, -1, 0, 2);
    const eps = arResiduals(values, 3, 2, [1, 0], Float64Array.of(0.5, 0.25, 0, 0));
    // asset 0: x = 1, 2, −1 → ε = 1, 2 − 0.5, −1 − 1 − 0.25 = 1, 1.5, −2.25
    expect(Array.from(eps)).toEqual([1, 1, 1.5, -1, -2.25, 2]);
  });

  it('recovers φ of simulated AR(1) series (φ = 0.3, 4000 days, 3 assets) within 4 × √((1 − φ²)/T); lags 2..5 within 4/√T of 0', () => {
    const T = 4000, A = 3, phi = 0.3;
    const values = simulateAr(T, A, [phi], 0.01, 11, 0.0004);
    const mean = new Float64Array(A);
    for (let t = 0; t < T; t++) for (let a = 0; a < A; a++) mean[a] += values[t * A + a] / T;
    const one = fitArMean(values, T, A, mean, 1);
    const sd1 = Math.sqrt((1 - phi * phi) / T); // asymptotic sd of the AR(1) estimate
    for (let a = 0; a < A; a++) expect(Math.abs(one[a] - phi)).toBeLessThan(4 * sd1);
    const five = fitArMean(values, T, A, mean, 5);
    for (let a = 0; a < A; a++) {
      expect(Math.abs(five[a * 5] - phi)).toBeLessThan(4 * sd1);
      for (let j = 1; j < 5; j++) expect(Math.abs(five[a * 5 + j])).toBeLessThan(4 / Math.sqrt(T));
    }
  });

  it('shrinkage: on white noise the shrunk autocorrelations are closer to the truth (0) than the sample ones; a strong AR(1) keeps almost all of its ρ₁', () => {
    const T = 1500, A = 4;
    const noise = simulateAr(T, A, [], 0.01, 3);
    const mean = new Float64Array(A);
    const shrunk = shrunkAutocorrelations(noise, T, A, mean, 5);
    let rawSq = 0, shrunkSq = 0;
    for (let a = 0; a < A; a++) {
      let c0 = 0;
      for (let t = 0; t < T; t++) c0 += noise[t * A + a] ** 2;
      for (let k = 1; k <= 5; k++) {
        let ck = 0;
        for (let t = k; t < T; t++) ck += noise[t * A + a] * noise[(t - k) * A + a];
        rawSq += (ck / c0) ** 2;
        shrunkSq += shrunk[a * 5 + k - 1] ** 2;
      }
    }
    expect(rawSq).toBeGreaterThan(0);
    expect(shrunkSq).toBeLessThan(0.5 * rawSq);
    const strong = simulateAr(T, A, [0.5], 0.01, 4);
    const s = shrunkAutocorrelations(strong, T, A, mean, 1);
    // Noise variance of the mean of 4 independent ρ̂ is about 1/(4T); the shrink factor 1 − V/m² is then above 0.99.
    for (let a = 0; a < A; a++) expect(Math.abs(s[a] - 0.5)).toBeLessThan(4 * Math.sqrt(0.75 / T));
  });
});

describe('AR mean in the sampler', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('long paths from i.i.d. innovations reproduce the AR(1) and AR(2) autocorrelations (lags carried across windows) within 4 Bartlett sds', () => {
    // Generator with u = ε (no hidden-layer output, identity skip): innovations i.i.d. across days. Constant variance
    // (α = γ = β = 0), so the paths are exactly the AR processes; windows of 5 days, 400-day paths: the lags cross windows.
    const A = 2, H = 5, S = stateSize(A), latentDim = 2;
    const config: NetworkConfig = { latentDim, stateDim: S, hidden: 4, window: H, nAssets: A };
    const weights: Record<string, Float32Array> = {};
    const sizes: Record<string, [number, number]> = { g_noise: [A, 4], g_context: [latentDim + S, 4], g_day: [H, 4], g_l2: [4, 4], g_out: [4, A], g_skip: [A, A] };
    for (const [n, [i, o]] of Object.entries(sizes)) {
      weights[`${n}_w`] = new Float32Array(i * o);
      weights[`${n}_b`] = new Float32Array(o);
    }
    weights.g_skip_w = Float32Array.of(1, 0, 0, 1);
    const generator = new Generator(config, weights);
    const phis = [[0.3], [0.2, -0.1]];
    const filter: VolFilter = {
      mean: Float64Array.of(0.0005, -0.0002), omega: Float64Array.of(1e-4, 4e-4), alpha: new Float64Array(A), gamma: new Float64Array(A), beta: new Float64Array(A),
      ar: Float64Array.of(0.3, 0, 0.2, -0.1),
    };
    const f = (x: number) => Float64Array.of(x, x);
    const margins: Margins = { u0: 1.6448536, left: f(-1.6448536), right: f(1.6448536), xiLeft: f(0.1), betaLeft: f(0.5), xiRight: f(0.1), betaRight: f(0.5), lowerCap: f(-20), upperCap: f(20) };
    const llr = logLongRunVols(filter);
    const parts: GeneratorParts = {
      generators: [generator], corrections: [{ w: new Float64Array(S * A), b: new Float64Array(A), w2: new Float64Array(S * A), b2: f(1) }],
      margins, filter, logLongRunVol: llr,
      scaler: { mean: new Float64Array(S), std: new Float64Array(S).fill(1), whiten: Float64Array.from({ length: S * S }, (_, i) => (i % (S + 1) === 0 ? 1 : 0)), center: new Float64Array(S), maxDistance: 1e9, distances: Float64Array.of(0, 1) },
      stateWindow: H, drift: 'historical',
    };
    const state = Float64Array.from({ length: S }, (_, i) => (i >= 2 ? llr[i - 2] : 0));
    const nPaths = 500, horizon = 400;
    try {
      const paths = rollPaths(parts, { nPaths, horizon, seed: 3, firstPath: 0, initialStates: state }).values;
      expect(latentSize(config)).toBe(latentDim + H * A);
      for (let a = 0; a < A; a++) {
        const rho = arAcf(phis[a], 60);
        for (let k = 1; k <= 5; k++) {
          const sd = Math.sqrt(bartlettVar(rho, k, nPaths * (horizon - k)));
          expect(Math.abs(pathAcf(paths, nPaths, horizon, A, a, k) - rho[k])).toBeLessThan(4 * sd);
        }
      }
      // The unconditional mean stays the drift: the grand mean within 4 sd (sd of the independent paths' means / √nPaths).
      for (let a = 0; a < A; a++) {
        const pm = Array.from({ length: nPaths }, (_, p) => {
          let s = 0;
          for (let t = 0; t < horizon; t++) s += paths[(p * horizon + t) * A + a];
          return s / horizon;
        });
        const m = pm.reduce((s, v) => s + v, 0) / nPaths;
        const sdMean = Math.sqrt(pm.reduce((s, v) => s + (v - m) ** 2, 0) / (nPaths - 1) / nPaths);
        expect(Math.abs(m - filter.mean[a])).toBeLessThan(4 * sdMean);
      }
    } finally {
      generator.dispose();
    }
  });
});

describe('cgan with an AR mean', () => {
  const T = 900, A = 3;
  let data: ReturnsMatrix;
  let model: CganModel;
  const TINY = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 3, batchSize: 32, patience: 0, learningRate: 0.002, ensemble: 1, arLags: 2 };

  beforeAll(async () => {
    await initBackend('auto');
    // AR(1) φ = 0.25 on volatility regimes (0.5% / 2% alternating every 150 days).
    const base = simulateAr(T, A, [0.25], 1, 21);
    const values = base.map((v, i) => v * (Math.floor(i / A / 150) % 2 === 0 ? 0.005 : 0.02));
    data = { dates: isoDates(T), symbols: ['X', 'Y', 'Z'], values };
    const fitted = await cganModel.fit(data, TINY, { seed: 5, diagnostics: false });
    if (!isCganModel(fitted)) throw new Error('not a cgan');
    model = fitted;
  }, 240_000);

  it('records φ per asset near the simulated 0.25 (shrunk, heteroskedastic: within 0.1) and stores arLags', () => {
    expect(model.params.arLags).toBe(2);
    for (const f of model.fitInfo.filter) {
      expect(f.ar).toHaveLength(2);
      expect(Math.abs(f.ar![0] - 0.25)).toBeLessThan(0.1);
    }
  });

  it('the differentiable roll equals sampling with the AR term on, over two windows', async () => {
    const { worst, gradientReaches } = await rollVsSample(model, model.stateAt(data, 420), 4, 8);
    expect(worst).toBeLessThan(2e-5);
    expect(gradientReaches).toBe(true);
  });

  it('save then load keeps the AR coefficients: same id, identical samples', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'cgan-ar-')), 'm');
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.id).toBe(model.id);
    expect(loaded.params).toEqual(model.params);
    const req = { nPaths: 50, horizon: 12, seed: 9 };
    const a = await model.sample(req), b = await loaded.sample(req);
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
  });

  it('arLags = 0 stores parameters and arrays as before the AR mean existed (no arLags, no filter_ar)', async () => {
    const fitted = await cganModel.fit(data, { ...TINY, arLags: 0, epochs: 1 }, { seed: 5, diagnostics: false });
    try {
      expect('arLags' in fitted.params).toBe(false);
      const dir = join(await mkdtemp(join(tmpdir(), 'cgan-ar0-')), 'm');
      await fitted.save(dir);
      const { readModelDir } = await import('../src/io/model-dir.js');
      const stored = await readModelDir(dir);
      expect(stored.arrays.filter_ar).toBeUndefined();
      expect('arLags' in stored.meta.params).toBe(false);
      if (isCganModel(fitted)) expect(fitted.fitInfo.filter.every((f) => f.ar === undefined)).toBe(true);
    } finally {
      if (isCganModel(fitted)) fitted.dispose();
    }
  });
});

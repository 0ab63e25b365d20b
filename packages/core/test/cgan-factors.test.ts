import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cganModel,
  factorCount,
  factorScores,
  fitFactorStructure,
  fitMargins,
  fromU,
  fromURows,
  initBackend,
  jacobiEigen,
  loadModel,
  normalCdf,
  residualDay,
  Rng,
  tensorflow,
  topEigen,
  FACTOR_AUTO_THRESHOLD,
  MAX_FACTORS,
  type CganModel,
  type ReturnsMatrix,
} from '@tailforge/core';
import { Generator, latentSize } from '../src/models/cgan/networks.js';
import { readFloat32Into } from '../src/tensorflow/read-float32.js';
import { isoDates } from './helpers/returns-fixture.js';
import { rollVsSample } from './helpers/roll-vs-sample.js';

/** Symmetric n × n matrix Q·diag(λ)·Qᵀ with Q a random orthogonal matrix (Gram–Schmidt of normals). */
function withSpectrum(lambda: number[], seed: number): Float64Array {
  const n = lambda.length, rng = new Rng(seed);
  const q = Float64Array.from({ length: n * n }, () => rng.normal());
  for (let b = 0; b < n; b++) {
    for (let a = 0; a < b; a++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * n + a] * q[i * n + b];
      for (let i = 0; i < n; i++) q[i * n + b] -= d * q[i * n + a];
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i * n + b] ** 2;
    for (let i = 0; i < n; i++) q[i * n + b] /= Math.sqrt(s);
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) c[i * n + j] += q[i * n + k] * lambda[k] * q[j * n + k];
  return c;
}

describe('factor structure: eigenpairs', () => {
  it('Jacobi and subspace iteration recover a known spectrum, and C·v = λ·v', () => {
    const lambda = [9, 5, 3, 1.5, 1, 0.8, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const n = lambda.length;
    const c = withSpectrum(lambda, 3);
    const j = jacobiEigen(c, n);
    for (let k = 0; k < n; k++) expect(j.values[k]).toBeCloseTo(lambda[k], 9);
    const t = topEigen(c, n, 3);
    for (let k = 0; k < 3; k++) {
      expect(t.values[k]).toBeCloseTo(lambda[k], 8);
      for (let i = 0; i < n; i++) {
        let cv = 0;
        for (let m = 0; m < n; m++) cv += c[i * n + m] * t.vectors[m * 3 + k];
        expect(cv).toBeCloseTo(lambda[k] * t.vectors[i * 3 + k], 7);
      }
    }
  });

  it('Φ of the residual-day map: symmetric, known values, days in range and near uniform', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 8);
    expect(normalCdf(-0.7) + normalCdf(0.7)).toBeCloseTo(1, 12);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    const rng = new Rng(8), D = 50, counts = new Array<number>(D).fill(0);
    for (let i = 0; i < 50_000; i++) counts[residualDay(rng.normal(), D)]++;
    // Each count ~ Binomial(50000, 1/50): sd ≈ 31.3.
    for (const k of counts) expect(Math.abs(k - 1000)).toBeLessThan(160);
    expect(residualDay(-40, D)).toBe(0);
    expect(residualDay(40, D)).toBe(D - 1);
  });
});

describe('factor structure: fit', () => {
  // D days of A assets: 3 factors (sd 3, 2, 1.5) through random loadings, plus unit idiosyncratic noise.
  const D = 3000, A = 40;
  const rng = new Rng(11);
  const beta = Float64Array.from({ length: 3 * A }, () => rng.normal());
  const u = new Float64Array(D * A);
  for (let d = 0; d < D; d++) {
    const f = [3 * rng.normal(), 2 * rng.normal(), 1.5 * rng.normal()];
    for (let a = 0; a < A; a++) u[d * A + a] = f[0] * beta[a] + f[1] * beta[A + a] + f[2] * beta[2 * A + a] + rng.normal();
  }

  it('u = f·loadings + residual exactly; scores are standardised and uncorrelated with the residuals', () => {
    const fs = fitFactorStructure(u, D, A, 3);
    const f = factorScores(u, D, fs);
    let maxErr = 0;
    for (let d = 0; d < D; d++) {
      for (let a = 0; a < A; a++) {
        let x = fs.residuals[d * A + a];
        for (let k = 0; k < 3; k++) x += f[d * 3 + k] * fs.loadings[k * A + a];
        maxErr = Math.max(maxErr, Math.abs(x - u[d * A + a]));
      }
    }
    expect(maxErr).toBeLessThan(1e-4); // float32 scores and residuals
    for (let k = 0; k < 3; k++) {
      let m = 0, v = 0;
      for (let d = 0; d < D; d++) m += f[d * 3 + k] / D;
      for (let d = 0; d < D; d++) v += (f[d * 3 + k] - m) ** 2 / (D - 1);
      expect(v).toBeCloseTo(1, 3);
      for (let a = 0; a < A; a += 7) {
        let cov = 0, ma = 0;
        for (let d = 0; d < D; d++) ma += fs.residuals[d * A + a] / D;
        for (let d = 0; d < D; d++) cov += (f[d * 3 + k] - m) * (fs.residuals[d * A + a] - ma) / (D - 1);
        expect(Math.abs(cov)).toBeLessThan(1e-3);
      }
    }
    // Projection columns are the squared unit eigenvectors: each sums to 1.
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += fs.projection[a * 3 + k];
      expect(s).toBeCloseTo(1, 8);
    }
  });

  it('auto K: the fewest components reaching 85% of the variance, capped', () => {
    const auto = fitFactorStructure(u, D, A, 0);
    const full = fitFactorStructure(u, D, A, Math.min(MAX_FACTORS, A - 1));
    const K = auto.eigenvalues.length;
    expect(auto.explained).toBeGreaterThanOrEqual(0.85);
    // One factor fewer would not reach it.
    const trace = full.eigenvalues.reduce((s, x) => s + x, 0) / full.explained;
    const fewer = full.eigenvalues.slice(0, K - 1).reduce((s, x) => s + x, 0);
    expect(fewer / trace).toBeLessThan(0.85);
    expect(factorCount('auto', FACTOR_AUTO_THRESHOLD)).toBeUndefined();
    expect(factorCount('auto', FACTOR_AUTO_THRESHOLD + 1)).toBe(0);
    expect(factorCount('off', 500)).toBeUndefined();
    expect(factorCount(7, 500)).toBe(7);
  });

  it('fromURows maps every value as fromU does', () => {
    const T = 400, A2 = 3, r = new Rng(4);
    const z = Float64Array.from({ length: T * A2 }, () => r.normal() * (1 + r.uniform()));
    const m = fitMargins(z, T, A2, 0.05);
    const uu = Float32Array.from({ length: 2 + 5 * A2 }, () => 3 * r.normal());
    const out = new Float64Array(5 * A2);
    fromURows(uu, 2, 5, m, out);
    for (let j = 0; j < out.length; j++) expect(out[j]).toBe(fromU(uu[2 + j], m, j % A2));
  });
});

/** T days of A assets driven by 2 factors with volatility regimes (every 100 days), seeded. */
function factorReturns(A: number, T: number, seed: number): ReturnsMatrix {
  const rng = new Rng(seed);
  const b = Float64Array.from({ length: 2 * A }, (_, i) => (i < A ? 0.8 : 0.5 * rng.normal()));
  const values = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    const vol = Math.floor(t / 100) % 2 === 0 ? 0.006 : 0.018;
    const f1 = rng.normal(), f2 = rng.normal();
    for (let a = 0; a < A; a++) values[t * A + a] = vol * (b[a] * f1 + b[A + a] * f2 + 0.6 * rng.normal());
  }
  return { dates: isoDates(T), symbols: Array.from({ length: A }, (_, i) => `S${i}`), values };
}

function correlation(x: ArrayLike<number>, n: number, A: number): Float64Array {
  const mean = new Float64Array(A), c = new Float64Array(A * A);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) mean[a] += x[i * A + a] / n;
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) for (let b = 0; b <= a; b++) c[a * A + b] += (x[i * A + a] - mean[a]) * (x[i * A + b] - mean[b]);
  for (let a = 0; a < A; a++) for (let b = 0; b < a; b++) c[a * A + b] /= Math.sqrt(c[a * A + a] * c[b * A + b]);
  return c;
}

describe('cgan factor mode (A above the auto threshold)', () => {
  const A = FACTOR_AUTO_THRESHOLD + 10, T = 900;
  const data = factorReturns(A, T, 21);
  const params = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 3, batchSize: 32, patience: 0, learningRate: 0.002, ensemble: 1 };
  let model: CganModel;

  beforeAll(async () => {
    await initBackend('wasm');
    model = (await cganModel.fit(data, params, { seed: 5 })) as CganModel;
  }, 600_000);

  it('auto picks the factor structure above the threshold; a bad setting is an InputError', async () => {
    expect(model.factors).toBeGreaterThanOrEqual(2);
    expect(model.params.factors).toBeUndefined(); // auto, the default, is not stored (ids of older models stay valid)
    expect(model.featureDim).toBe(model.factors! + 2);
    expect(model.latentSize).toBe(4 + 5 * (model.factors! + 1));
    await expect(cganModel.fit(data, { ...params, factors: 'many' }, { seed: 1 })).rejects.toThrow(/factors.*auto, off or a whole number/);
    await expect(cganModel.fit(data, { ...params, factors: A }, { seed: 1 })).rejects.toThrow(/below the number of assets/);
  });

  it('the same seed gives the same paths; chunks equal one shot', async () => {
    const a = await model.sample({ nPaths: 300, horizon: 12, seed: 3 });
    const b = await model.sample({ nPaths: 300, horizon: 12, seed: 3 });
    expect(Array.from(b)).toEqual(Array.from(a));
    const tail = await model.sample({ nPaths: 100, horizon: 12, seed: 3, firstPath: 200 });
    expect(Array.from(tail)).toEqual(Array.from(a.subarray(200 * 12 * A)));
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('the sampler’s split generator (f·loadings in TF.js, residual rows added in place) equals apply, value for value', async () => {
    const cfg = { window: 4, nAssets: A, latentDim: 3, hidden: 8, stateDim: 5, factors: 3 };
    const D = 40, rng = new Rng(8);
    const u = Float64Array.from({ length: D * A }, () => rng.normal());
    const g = Generator.initial(cfg, rng, undefined, fitFactorStructure(u, D, A, 3));
    const B = 6, L = latentSize(cfg);
    const latent = Float32Array.from({ length: B * L }, () => rng.normal());
    const s = Float32Array.from({ length: B * 5 }, () => rng.normal());
    const tf = await tensorflow();
    const whole = tf.tidy(() => g.apply(tf.tensor2d(latent, [B, L]), tf.tensor2d(s, [B, 5])).dataSync() as Float32Array);
    const common = tf.tidy(() => g.applyCommon(tf.tensor2d(latent, [B, L]), tf.tensor2d(s, [B, 5])));
    const split = new Float32Array(B * 4 * A + 3);
    readFloat32Into(common, split);
    expect(Array.from(split.subarray(B * 4 * A))).toEqual([0, 0, 0]);
    // Off the residuals, u is the common part alone.
    expect(Array.from(split.subarray(0, 4 * A))).not.toEqual(Array.from(whole.subarray(0, 4 * A)));
    g.addResiduals(split, latent, B);
    expect(Array.from(split.subarray(0, B * 4 * A))).toEqual(Array.from(whole));
    expect(() => readFloat32Into(common, new Float32Array(3))).toThrow(RangeError);
    common.dispose();
    g.dispose();
  });

  it('save then load carries the loadings and residuals: identical samples', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgan-factors-'));
    await model.save(dir);
    const back = (await loadModel(dir)) as CganModel;
    expect(back.factors).toBe(model.factors);
    const a = await model.sample({ nPaths: 200, horizon: 8, seed: 9 });
    const b = await back.sample({ nPaths: 200, horizon: 8, seed: 9 });
    expect(Array.from(b)).toEqual(Array.from(a));
    back.dispose();
  });

  it("generated one-day returns from one state have the data's correlations (factor + residual dependence)", async () => {
    const n = 4000;
    const gen = await model.sample({ nPaths: n, horizon: 1, seed: 17 });
    const cg = correlation(gen, n, A), cd = correlation(data.values, T, A);
    let diff = 0, mg = 0, md = 0, pairs = 0;
    for (let a = 0; a < A; a++) {
      for (let b = 0; b < a; b++) {
        diff += Math.abs(cg[a * A + b] - cd[a * A + b]);
        mg += cg[a * A + b];
        md += cd[a * A + b];
        pairs++;
      }
    }
    // Sampling error of a correlation from 4000 draws is ≈ 0.015; the data's own from 900 days ≈ 0.03.
    expect(diff / pairs).toBeLessThan(0.08);
    expect(Math.abs(mg - md) / pairs).toBeLessThan(0.05);
  });

  it('the differentiable roll equals sampling for the same latents (residual days included), and gradients reach the latent', async () => {
    const { worst, gradientReaches } = await rollVsSample(model, model.stateAt(data, 600), 3, 8);
    expect(worst).toBeLessThan(2e-5);
    expect(gradientReaches).toBe(true);
  });

  afterAll(() => model?.dispose());
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import { det, inv, lgamma } from 'mathjs';
import {
  InputError,
  ModelError,
  readPricesCsv,
  Rng,
  studentTModel,
  toLogReturns,
  type ReturnsMatrix,
  type StudentTModel,
} from '../src/index.js';
import { studentTPaths } from '../src/models/student-t/student-t-paths.js';
import { DOWJONES } from './helpers.js';
import { returnsFrom } from './helpers/returns-fixture.js';
import { expectSaveLoadIdentical } from './helpers/save-load.js';
import { L, MU, SIGMA } from './helpers/known-covariance.js';

// Known distribution: t_3(μ, Σ, ν = 5) with the μ, Σ of helpers/known-covariance.ts.
const NU = 5;
const T = 5000;
const P = 3;

/**
 * T draws μ + L·z·√(ν/W) from the project Rng, with W ~ χ²_5 made as a sum of
 * five squared normals: exact for whole ν and independent of the model's gamma sampler.
 */
function knownTReturns(nRows: number, seed: number): ReturnsMatrix {
  const rng = new Rng(seed);
  const values = new Float64Array(nRows * P);
  for (let t = 0; t < nRows; t++) {
    let w = 0;
    for (let k = 0; k < NU; k++) w += rng.normal() ** 2;
    const s = Math.sqrt(NU / w);
    const z = [rng.normal(), rng.normal(), rng.normal()];
    for (let i = 0; i < P; i++) values[t * P + i] = MU[i] + s * (L[i * 3] * z[0] + L[i * 3 + 1] * z[1] + L[i * 3 + 2] * z[2]);
  }
  return returnsFrom(nRows, ['X', 'Y', 'Z'], (t, a) => values[t * P + a]);
}

const toRows = (m: ArrayLike<number>, p: number): number[][] =>
  Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => m[i * p + j]));

/** (x_t − μ)ᵀ Σ⁻¹ (x_t − μ) for every row, with mathjs's inverse. */
function mahalanobis(x: ArrayLike<number>, nRows: number, p: number, mu: ArrayLike<number>, sigma: number[][]): number[] {
  const si = inv(sigma) as number[][];
  const out: number[] = [];
  const d = new Array<number>(p);
  for (let t = 0; t < nRows; t++) {
    for (let i = 0; i < p; i++) d[i] = x[t * p + i] - mu[i];
    let s = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += d[i] * si[i][j] * d[j];
    out.push(s);
  }
  return out;
}

/**
 * Log-likelihood of t_p(μ, Σ, ν), written out here with mathjs (lgamma, det, inv):
 * Σ_t [ln Γ((ν+p)/2) − ln Γ(ν/2) − (p/2) ln(νπ) − ½ ln|Σ| − ((ν+p)/2) ln(1 + δ_t/ν)].
 */
function tLogLik(x: ArrayLike<number>, nRows: number, p: number, mu: ArrayLike<number>, sigma: number[][], nu: number): number {
  const c = lgamma((nu + p) / 2) - lgamma(nu / 2) - (p / 2) * Math.log(nu * Math.PI) - 0.5 * Math.log(det(sigma) as number);
  return mahalanobis(x, nRows, p, mu, sigma).reduce((ll, delta) => ll - ((nu + p) / 2) * Math.log(1 + delta / nu), nRows * c);
}

describe('student-t model', () => {
  const data = knownTReturns(T, 2024);
  let model: StudentTModel;
  beforeAll(async () => {
    model = (await studentTModel.fit(data, {}, { seed: 1 })) as StudentTModel;
  });

  it('recovers ν, Σ and μ of simulated t_5 data (5000 draws)', () => {
    // A Monte Carlo study of this estimator (20 samples like this one) gave sd(ν̂) = 0.27, relative
    // sd of the diagonal of Σ̂ ≤ 3% and sd of the implied correlations ≤ 0.016; the asymptotic
    // covariance of μ̂ is (ν+p+2)/(ν+p)·Σ/T = 1.25·Σ/T. Bounds: ν ± 1.5, diagonal ± 10%,
    // correlations ± 0.05, μ within 4 standard errors.
    expect(Math.abs(model.dof - NU)).toBeLessThan(1.5);
    expect(model.fitInfo.degreesOfFreedom).toBe(model.dof);
    for (let i = 0; i < P; i++) {
      expect(Math.abs(model.scale[i * 4] / SIGMA[i * 4] - 1)).toBeLessThan(0.1);
      expect(Math.abs(model.location[i] - MU[i])).toBeLessThan(4 * Math.sqrt((1.25 * SIGMA[i * 4]) / T));
      for (let j = 0; j < i; j++) {
        const fitted = model.scale[i * 3 + j] / Math.sqrt(model.scale[i * 4] * model.scale[j * 4]);
        const truth = SIGMA[i * 3 + j] / Math.sqrt(SIGMA[i * 4] * SIGMA[j * 4]);
        expect(Math.abs(fitted - truth)).toBeLessThan(0.05);
        expect(model.scale[j * 3 + i]).toBe(model.scale[i * 3 + j]);
      }
    }
    expect(model.fitInfo.emConverged).toBe(true);
  });

  it('solves the likelihood equations: μ and Σ are the weighted mean and scatter with w = (ν+p)/(ν+δ)', () => {
    const sigma = toRows(model.scale, P);
    const delta = mahalanobis(data.values, T, P, model.location, sigma);
    const w = delta.map((d) => (model.dof + P) / (model.dof + d));
    const sw = w.reduce((s, v) => s + v, 0);
    for (let i = 0; i < P; i++) {
      let m = 0;
      for (let t = 0; t < T; t++) m += w[t] * data.values[t * P + i];
      expect(Math.abs(m / sw - model.location[i])).toBeLessThan(1e-6 * Math.sqrt(sigma[i][i]));
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let t = 0; t < T; t++) {
          s += w[t] * (data.values[t * P + i] - model.location[i]) * (data.values[t * P + j] - model.location[j]);
        }
        expect(Math.abs(s / T - sigma[i][j])).toBeLessThan(1e-5 * Math.sqrt(sigma[i][i] * sigma[j][j]));
      }
    }
  });

  it('is a maximum of the likelihood: beats the truth and small steps in ν, Σ and μ', () => {
    const x = data.values;
    const sigma = toRows(model.scale, P);
    const best = tLogLik(x, T, P, model.location, sigma, model.dof);
    expect(Math.abs(best - model.fitInfo.logLikelihood)).toBeLessThan(1e-7 * Math.abs(best));
    expect(best).toBeGreaterThan(tLogLik(x, T, P, MU, toRows(SIGMA, P), NU));
    for (const nu of [model.dof - 0.02, model.dof + 0.02]) expect(best).toBeGreaterThan(tLogLik(x, T, P, model.location, sigma, nu));
    for (const c of [0.995, 1.005]) {
      expect(best).toBeGreaterThan(tLogLik(x, T, P, model.location, sigma.map((r) => r.map((v) => v * c)), model.dof));
    }
    for (let i = 0; i < P; i++) {
      for (const sign of [-1, 1]) {
        const mu = Array.from(model.location);
        mu[i] += sign * 0.01 * Math.sqrt(sigma[i][i]);
        expect(best).toBeGreaterThan(tLogLik(x, T, P, mu, sigma, model.dof));
      }
    }
  });

  it('fills fit info and the id', async () => {
    expect(model.id).toMatch(/^student-t-[0-9a-f]{12}$/);
    expect((await studentTModel.fit(data, {}, { seed: 1 })).id).toBe(model.id);
    expect(model.params).toEqual({ meanZero: false });
    expect(model.capabilities).toEqual({ conditional: false, tailSampling: false, needsTensorflow: false });
    expect(model.fitInfo).toMatchObject({ nObservations: T, firstDate: '2000-01-03', lastDate: data.dates[T - 1] });
    // The stored factor is the Cholesky factor of the stored scale.
    const llt = toRows(model.choleskyFactor, P);
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < P; j++) {
        let s = 0;
        for (let k = 0; k < P; k++) s += llt[i][k] * llt[j][k];
        expect(Math.abs(s - model.scale[i * P + j])).toBeLessThan(1e-15);
        if (j > i) expect(llt[i][j]).toBe(0);
      }
    }
  });

  describe('paths (the sampler with chosen parameters)', () => {
    const chol2 = new Float64Array([0.02, 0, -0.01, 0.015]); // Σ = [[4, −2], [−2, 3.25]]·1e-4
    const sigma2 = [
      [4e-4, -2e-4],
      [-2e-4, 3.25e-4],
    ];
    const mu2 = new Float64Array([0.001, -0.002]);
    const nPaths = 20_000;
    const horizon = 5;
    const n = nPaths * horizon;
    const draw = (nu: number, seed: number): Float32Array => {
      const out = new Float32Array(n * 2);
      studentTPaths(mu2, chol2, nu, 2, out, nPaths, horizon, seed, 0);
      return out;
    };

    it('draw δ = (r − μ)ᵀΣ⁻¹(r − μ) with the closed-form tail P(δ > d) = (1 + d/ν)^(−ν/2) (p = 2), ν = 3.7', () => {
      // δ = |z|²·ν/W with |z|² ~ χ²_2 (tail e^(−c/2)), so P(δ > d) = E[exp(−d·W/(2ν))], the χ²_ν
      // moment-generating function at −d/(2ν): (1 + d/ν)^(−ν/2). This checks L, the gamma draw and their mixing.
      const nu = 3.7;
      const delta = mahalanobis(draw(nu, 11), n, 2, mu2, sigma2);
      for (const d of [0.5, 2, 6, 20, 80]) {
        const p = (1 + d / nu) ** (-nu / 2);
        const frac = delta.filter((v) => v > d).length / n;
        expect(Math.abs(frac - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
      }
    });

    it('have t_4 marginals with the closed-form CDF', () => {
      // Student t with 4 dof: F(t) = ½ + (3/8)·(t/√(1 + t²/4))·(1 − t²/(12(1 + t²/4))).
      const cdf4 = (t: number): number => 0.5 + (3 / 8) * (t / Math.sqrt(1 + t * t / 4)) * (1 - (t * t) / (12 * (1 + t * t / 4)));
      const v = draw(4, 12);
      for (let a = 0; a < 2; a++) {
        const sd = Math.sqrt(sigma2[a][a]);
        for (const c of [-4, -1.5, 0.3, 2.5, 6]) {
          let count = 0;
          for (let i = 0; i < n; i++) if ((v[i * 2 + a] - mu2[a]) / sd <= c) count++;
          const p = cdf4(c);
          expect(Math.abs(count / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
        }
      }
    });

    it('have covariance ν/(ν − 2)·Σ (ν = 9, finite fourth moments)', () => {
      const nu = 9;
      const v = draw(nu, 13);
      const k = nu / (nu - 2);
      for (const [i, j] of [[0, 0], [1, 1], [0, 1]]) {
        const prod: number[] = [];
        for (let s = 0; s < n; s++) prod.push((v[s * 2 + i] - mu2[i]) * (v[s * 2 + j] - mu2[j]));
        const m = prod.reduce((a, b) => a + b, 0) / n;
        const se = Math.sqrt(prod.reduce((a, b) => a + (b - m) ** 2, 0) / n / n);
        expect(Math.abs(m - k * sigma2[i][j])).toBeLessThan(4.5 * se);
      }
    });
  });

  it('samples nPaths × horizon × assets, deterministic per seed, chunked = one-shot', async () => {
    const a = await model.sample({ nPaths: 40, horizon: 7, seed: 1 });
    expect(a.length).toBe(40 * 7 * 3);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(await model.sample({ nPaths: 40, horizon: 7, seed: 1 })).toEqual(a);
    expect(await model.sample({ nPaths: 40, horizon: 7, seed: 2 })).not.toEqual(a);
    const joined = new Float32Array(a.length);
    joined.set(await model.sample({ nPaths: 17, horizon: 7, seed: 1 }));
    joined.set(await model.sample({ nPaths: 23, horizon: 7, seed: 1, firstPath: 17 }), 17 * 7 * 3);
    expect(joined).toEqual(a);
  });

  it('meanZero removes exactly the location μ̂', async () => {
    const zero = await studentTModel.fit(data, { meanZero: true }, { seed: 1 });
    expect(zero.id).not.toBe(model.id);
    const a = await model.sample({ nPaths: 300, horizon: 4, seed: 5 });
    const b = await zero.sample({ nPaths: 300, horizon: 4, seed: 5 });
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(b[i] + model.location[i % 3] - a[i])).toBeLessThanOrEqual(2 ** -24 * (Math.abs(a[i]) + Math.abs(b[i])) + 1e-18);
    }
  });

  it('rejects too little, too narrow and collinear data and bad parameters with InputError, a state with ModelError', async () => {
    expect(studentTModel.minObservations({})).toBe(30);
    await expect(studentTModel.fit(knownTReturns(29, 1), {}, { seed: 1 })).rejects.toThrow(
      'model student-t needs at least 30 daily returns, got 29',
    );
    const rng = new Rng(3);
    const wide = returnsFrom(40, Array.from({ length: 45 }, (_, a) => `S${a}`), () => 0.01 * rng.normal());
    await expect(studentTModel.fit(wide, {}, { seed: 1 })).rejects.toThrow(
      'model student-t needs at least 47 daily returns for 45 assets (more than assets + 1), got 40',
    );
    const collinear = returnsFrom(T, ['X', 'Y', 'Z', 'W'], (t, a) =>
      a < 3 ? data.values[t * 3 + a] : data.values[t * 3] - 2 * data.values[t * 3 + 2],
    );
    await expect(studentTModel.fit(collinear, {}, { seed: 1 })).rejects.toThrow(/returns of W are constant or a linear combination/);
    const pegged = returnsFrom(100, ['A', 'B'], (t, a) => (a === 0 ? data.values[t * 3] : 0.0002));
    await expect(studentTModel.fit(pegged, {}, { seed: 1 })).rejects.toThrow(InputError);
    await expect(studentTModel.fit(data, { meanZero: 'no' }, { seed: 1 })).rejects.toThrow(
      'model student-t: parameter meanZero must be true or false, got "no"',
    );
    await expect(studentTModel.fit(data, { dof: 5 }, { seed: 1 })).rejects.toThrow(/no parameter "dof"; its parameters are: meanZero/);
    await expect(model.sample({ nPaths: 1, horizon: 1, seed: 1, state: { values: new Float64Array(3) } })).rejects.toThrow(ModelError);
    await expect(model.sample({ nPaths: 1, horizon: 1, seed: -1 })).rejects.toThrow(InputError);
  });

  it('save and load restore a model that samples identically', async () => {
    for (const loaded of await expectSaveLoadIdentical(model, studentTModel)) {
      expect((loaded as StudentTModel).dof).toBe(model.dof);
    }
  });

  it('fits the Dow Jones 30, with fatter tails and a higher likelihood than the normal', async () => {
    const returns = toLogReturns(await readPricesCsv(DOWJONES));
    const n = returns.dates.length;
    const m = (await studentTModel.fit(returns, {}, { seed: 1 })) as StudentTModel;
    expect(m.fitInfo.emConverged).toBe(true);
    expect(m.dof).toBeGreaterThan(2.1);
    expect(m.dof).toBeLessThan(30);
    // The normal's maximum log-likelihood is −½ n (p ln 2π + ln|S| + p), S the covariance with divisor n.
    const mean = new Array<number>(30).fill(0);
    for (let t = 0; t < n; t++) for (let a = 0; a < 30; a++) mean[a] += returns.values[t * 30 + a] / n;
    const s = toRows(new Float64Array(900), 30);
    for (let t = 0; t < n; t++) {
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 30; j++) s[i][j] += ((returns.values[t * 30 + i] - mean[i]) * (returns.values[t * 30 + j] - mean[j])) / n;
      }
    }
    const normalLogLik = -0.5 * n * (30 * Math.log(2 * Math.PI) + Math.log(det(s) as number) + 30);
    expect(m.fitInfo.logLikelihood).toBeGreaterThan(normalLogLik);
    const v = await m.sample({ nPaths: 200, horizon: 20, seed: 1 });
    expect(v.length).toBe(200 * 20 * 30);
    expect(v.every(Number.isFinite)).toBe(true);
  });
});

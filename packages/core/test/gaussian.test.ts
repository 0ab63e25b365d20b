import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { multiply, transpose } from 'mathjs';
import {
  gaussianModel,
  InputError,
  ModelError,
  readPricesCsv,
  Rng,
  toLogReturns,
  type ReturnsMatrix,
} from '../src/index.js';
import type { GaussianModel } from '../src/models/gaussian/gaussian.js';
import { returnsFrom } from './helpers/returns-fixture.js';
import { expectSaveLoadIdentical } from './helpers/save-load.js';
import { L, MU, SIGMA } from './helpers/known-covariance.js';

const T = 5000;

/** T rows of μ + L·z, z standard normal from the project Rng. */
function knownNormalReturns(nRows: number, seed: number): ReturnsMatrix {
  const rng = new Rng(seed);
  const z = [0, 0, 0];
  return returnsFrom(nRows, ['X', 'Y', 'Z'], (_t, a) => {
    if (a === 0) for (let k = 0; k < 3; k++) z[k] = rng.normal();
    return MU[a] + L[a * 3] * z[0] + L[a * 3 + 1] * z[1] + L[a * 3 + 2] * z[2];
  });
}

/** Mean and unbiased covariance by the one-pass formula (Σ x_i x_j − n m_i m_j)/(n − 1): independent of the model's two-pass code. */
function moments(x: ArrayLike<number>, n: number, k: number): { mean: number[]; cov: number[] } {
  const sum = new Array<number>(k).fill(0);
  const cross = new Array<number>(k * k).fill(0);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      sum[i] += x[r * k + i];
      for (let j = 0; j < k; j++) cross[i * k + j] += x[r * k + i] * x[r * k + j];
    }
  }
  const mean = sum.map((s) => s / n);
  const cov = cross.map((c, ij) => (c - n * mean[Math.floor(ij / k)] * mean[ij % k]) / (n - 1));
  return { mean, cov };
}

/**
 * Checks estimated moments against reference ones within 4 standard errors,
 * for normal data: SE(mean_i) = √(Σ_ii/n), SE(cov_ij) = √((Σ_ii Σ_jj + Σ_ij²)/n).
 * `invN` is 1/n, or a sum of such terms when two estimates' errors add up.
 */
function expectMomentsClose(est: { mean: ArrayLike<number>; cov: ArrayLike<number> }, mean: number[], cov: number[], invN: number): void {
  const k = mean.length;
  for (let i = 0; i < k; i++) {
    expect(Math.abs(est.mean[i] - mean[i])).toBeLessThan(4 * Math.sqrt(cov[i * k + i] * invN));
    for (let j = 0; j < k; j++) {
      const se = Math.sqrt((cov[i * k + i] * cov[j * k + j] + cov[i * k + j] ** 2) * invN);
      expect(Math.abs(est.cov[i * k + j] - cov[i * k + j])).toBeLessThan(4 * se);
    }
  }
}

describe('gaussian model', () => {
  const data = knownNormalReturns(T, 2024);

  it('estimates the sample mean and unbiased covariance', async () => {
    const m = (await gaussianModel.fit(data, {}, { seed: 1 })) as GaussianModel;
    const ref = moments(data.values, T, 3);
    for (let i = 0; i < 3; i++) expect(m.mean[i]).toBeCloseTo(ref.mean[i], 15);
    for (let ij = 0; ij < 9; ij++) expect(Math.abs(m.covariance[ij] - ref.cov[ij])).toBeLessThan(1e-12 * 1e-4);
    // And these estimates are near the truth (T observations).
    expectMomentsClose({ mean: m.mean, cov: m.covariance }, MU, SIGMA, 1 / T);
    // The factor is lower-triangular with L·Lᵀ = Σ̂.
    const rows = [0, 1, 2].map((i) => Array.from(m.choleskyFactor.subarray(i * 3, i * 3 + 3)));
    expect(rows[0][1]).toBe(0);
    expect(rows[0][2]).toBe(0);
    expect(rows[1][2]).toBe(0);
    const llt = (multiply(rows, transpose(rows)) as number[][]).flat();
    for (let ij = 0; ij < 9; ij++) expect(Math.abs(llt[ij] - m.covariance[ij])).toBeLessThan(1e-17);
    expect(m.fitInfo.covarianceRepair).toBeUndefined();
  });

  it('fills fit info and the id', async () => {
    const m = await gaussianModel.fit(data, { meanZero: 'true' }, { seed: 1 });
    expect(m.id).toMatch(/^gaussian-[0-9a-f]{12}$/);
    expect((await gaussianModel.fit(data, { meanZero: true }, { seed: 2 })).id).toBe(m.id);
    expect(m.params).toEqual({ meanZero: true });
    expect(m.fitInfo).toMatchObject({ nObservations: T, firstDate: '2000-01-03', lastDate: data.dates[T - 1] });
  });

  it('samples recover the fitted and the true moments (100k draws)', async () => {
    const m = (await gaussianModel.fit(data, {}, { seed: 1 })) as GaussianModel;
    const nPaths = 20_000;
    const horizon = 5;
    const v = await m.sample({ nPaths, horizon, seed: 77 });
    expect(v.length).toBe(nPaths * horizon * 3);
    const n = nPaths * horizon;
    const est = moments(v, n, 3);
    expectMomentsClose(est, Array.from(m.mean), Array.from(m.covariance), 1 / n);
    // Against the truth the fit's error (T) and the sampling error (n) add up.
    expectMomentsClose(est, MU, SIGMA, 1 / n + 1 / T);
    // Steps are independent: lag-1 correlation of asset Y within paths ≈ 0 (SE 1/√pairs).
    let sxy = 0;
    let sxx = 0;
    const pairs = nPaths * (horizon - 1);
    for (let p = 0; p < nPaths; p++) {
      for (let t = 1; t < horizon; t++) {
        const a = v[(p * horizon + t - 1) * 3 + 1] - est.mean[1];
        const b = v[(p * horizon + t) * 3 + 1] - est.mean[1];
        sxy += a * b;
        sxx += a * a;
      }
    }
    expect(Math.abs(sxy / sxx)).toBeLessThan(4 / Math.sqrt(pairs));
  });

  it('meanZero shifts every draw by −μ̂ and nothing else', async () => {
    const withMean = (await gaussianModel.fit(data, {}, { seed: 1 })) as GaussianModel;
    const zero = await gaussianModel.fit(data, { meanZero: true }, { seed: 1 });
    const a = await withMean.sample({ nPaths: 500, horizon: 4, seed: 5 });
    const b = await zero.sample({ nPaths: 500, horizon: 4, seed: 5 });
    // Both are rounded to float32: each off by at most half an ulp, ≤ 2^-24·|x|.
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(b[i] + withMean.mean[i % 3] - a[i])).toBeLessThanOrEqual(2 ** -24 * (Math.abs(a[i]) + Math.abs(b[i])) + 1e-18);
    }
    expect(zero.id).not.toBe(withMean.id);
  });

  it('is deterministic per seed, differs across seeds, and chunked = one-shot', async () => {
    const m = await gaussianModel.fit(data, {}, { seed: 1 });
    const a = await m.sample({ nPaths: 40, horizon: 7, seed: 1 });
    expect(await m.sample({ nPaths: 40, horizon: 7, seed: 1 })).toEqual(a);
    expect(await m.sample({ nPaths: 40, horizon: 7, seed: 2 })).not.toEqual(a);
    const joined = new Float32Array(a.length);
    joined.set(await m.sample({ nPaths: 9, horizon: 7, seed: 1 }));
    joined.set(await m.sample({ nPaths: 31, horizon: 7, seed: 1, firstPath: 9 }), 9 * 7 * 3);
    expect(joined).toEqual(a);
  });

  it('repairs the covariance of perfectly collinear series and records it', async () => {
    // W = X + Y exactly: Σ̂ is singular with one zero eigenvalue.
    const collinear = returnsFrom(T, ['X', 'Y', 'Z', 'W'], (t, a) =>
      a < 3 ? data.values[t * 3 + a] : data.values[t * 3] + data.values[t * 3 + 1],
    );
    const m = (await gaussianModel.fit(collinear, {}, { seed: 1 })) as GaussianModel;
    const repair = m.fitInfo.covarianceRepair;
    expect(repair?.clippedEigenvalues).toBe(1);
    const v = await m.sample({ nPaths: 20_000, horizon: 1, seed: 3 });
    expect(v.every(Number.isFinite)).toBe(true);
    // The repair only adds variance f = 1e-8·λmax along the null direction
    // u = (−1,−1,0,1)/√3: samples keep Σ̂, and W − X − Y = √3·(u·r) has
    // standard deviation √(3f). 20k draws stay within 6 of those (plus float32 rounding).
    const est = moments(v, 20_000, 4);
    expectMomentsClose(est, Array.from(m.mean), Array.from(m.covariance), 1 / 20_000);
    const bound = 6 * Math.sqrt(3 * (repair?.floor ?? 0)) + 1e-7;
    let worst = 0;
    for (let p = 0; p < 20_000; p++) worst = Math.max(worst, Math.abs(v[p * 4 + 3] - v[p * 4] - v[p * 4 + 1]));
    expect(worst).toBeLessThan(bound);
    expect(worst).toBeGreaterThan(0);
  });

  it('fits more assets than observations: rank T − 1, so A − T + 1 eigenvalues clipped', async () => {
    const rng = new Rng(9);
    const wide = returnsFrom(30, Array.from({ length: 40 }, (_, a) => `S${a}`), () => 0.01 * rng.normal());
    const m = await gaussianModel.fit(wide, {}, { seed: 1 });
    expect((m as GaussianModel).fitInfo.covarianceRepair?.clippedEigenvalues).toBe(11);
    expect((await m.sample({ nPaths: 10, horizon: 3, seed: 1 })).every(Number.isFinite)).toBe(true);
  });

  it('refuses returns that never move, and repairs one constant series among others', async () => {
    await expect(gaussianModel.fit(returnsFrom(40, ['A', 'B'], () => 0.001), {}, { seed: 1 })).rejects.toThrow(InputError);
    const pegged = returnsFrom(T, ['X', 'Y', 'Z', 'C'], (t, a) => (a < 3 ? data.values[t * 3 + a] : 0.0003));
    const m = (await gaussianModel.fit(pegged, {}, { seed: 1 })) as GaussianModel;
    expect(m.mean[3]).toBe(0.0003);
    expect(m.covariance[15]).toBe(0);
    expect(m.fitInfo.covarianceRepair?.clippedEigenvalues).toBe(1);
  });

  it('rejects too little data and bad parameters with InputError', async () => {
    expect(gaussianModel.minObservations({})).toBe(30);
    await expect(gaussianModel.fit(knownNormalReturns(29, 1), {}, { seed: 1 })).rejects.toThrow(
      'model gaussian needs at least 30 daily returns, got 29',
    );
    await expect(gaussianModel.fit(data, { meanZero: 'yes' }, { seed: 1 })).rejects.toThrow(
      'model gaussian: parameter meanZero must be true or false, got "yes"',
    );
    await expect(gaussianModel.fit(data, { meanZero: 1 }, { seed: 1 })).rejects.toThrow(InputError);
    await expect(gaussianModel.fit(data, { mean: 0 }, { seed: 1 })).rejects.toThrow(/no parameter "mean"; its parameters are: meanZero/);
    expect(() => gaussianModel.minObservations({ nope: 1 })).toThrow(InputError);
  });

  it('rejects a conditioning state with a ModelError', async () => {
    const m = await gaussianModel.fit(data, {}, { seed: 1 });
    await expect(m.sample({ nPaths: 1, horizon: 1, seed: 1, state: { values: new Float64Array(3) } })).rejects.toThrow(
      ModelError,
    );
  });

  it('save and load restore models that sample identically, repair record included', async () => {
    const plain = await gaussianModel.fit(data, { meanZero: true }, { seed: 1 });
    const rng = new Rng(4);
    const wide = await gaussianModel.fit(
      returnsFrom(30, Array.from({ length: 35 }, (_, a) => `S${a}`), () => 0.01 * rng.normal()),
      {},
      { seed: 1 },
    );
    expect((wide as GaussianModel).fitInfo.covarianceRepair).toBeDefined();
    for (const m of [plain, wide]) await expectSaveLoadIdentical(m, gaussianModel);
  });

  it('fits the Dow Jones 30 returns without repair', async () => {
    const file = fileURLToPath(new URL('../../../examples/dowjones30_prices.csv', import.meta.url));
    const returns = toLogReturns(await readPricesCsv(file));
    const m = (await gaussianModel.fit(returns, {}, { seed: 1 })) as GaussianModel;
    expect(m.fitInfo.covarianceRepair).toBeUndefined();
    const ref = moments(returns.values, returns.dates.length, 30);
    for (let a = 0; a < 30; a++) {
      expect(Math.abs(m.mean[a] - ref.mean[a])).toBeLessThan(1e-15);
      expect(Math.abs(m.covariance[a * 31] - ref.cov[a * 31])).toBeLessThan(1e-12 * ref.cov[a * 31]);
    }
    const v = await m.sample({ nPaths: 200, horizon: 20, seed: 1 });
    expect(v.length).toBe(200 * 20 * 30);
    expect(v.every(Number.isFinite)).toBe(true);
  });
});

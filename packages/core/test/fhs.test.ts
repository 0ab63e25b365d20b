import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  fhsModel,
  InputError,
  ModelError,
  readPricesCsv,
  Rng,
  toLogReturns,
  type FhsModel,
  type ReturnsMatrix,
} from '../src/index.js';
import { DOWJONES } from './helpers.js';
import { returnsFrom } from './helpers/returns-fixture.js';
import { expectSaveLoadIdentical } from './helpers/save-load.js';

// Two assets, each GARCH(1,1) with the same known parameters, constant means,
// and normal innovations correlated 0.6 across the assets.
const OMEGA = 1e-6;
const ALPHA = 0.08;
const BETA = 0.9;
const MU = [3e-4, -2e-4];
const RHO = 0.6;
const T = 4000;

interface Simulated {
  readonly returns: ReturnsMatrix;
  /** True conditional variance of each row, T × 2; row T holds the variance of the day after the data. */
  readonly sigma2: Float64Array;
}

/** Simulates the two-asset GARCH(1,1) above from the project Rng, after 500 burn-in days from the unconditional variance. */
function simulate(nRows: number, seed: number): Simulated {
  const rng = new Rng(seed);
  const s2 = [OMEGA / (1 - ALPHA - BETA), OMEGA / (1 - ALPHA - BETA)];
  const sigma2 = new Float64Array((nRows + 1) * 2);
  const values = new Float64Array(nRows * 2);
  for (let t = -500; t < nRows; t++) {
    const z0 = rng.normal();
    const z1 = RHO * z0 + Math.sqrt(1 - RHO * RHO) * rng.normal();
    const z = [z0, z1];
    for (let a = 0; a < 2; a++) {
      if (t >= 0) sigma2[t * 2 + a] = s2[a];
      const e = Math.sqrt(s2[a]) * z[a];
      if (t >= 0) values[t * 2 + a] = MU[a] + e;
      s2[a] = OMEGA + ALPHA * e * e + BETA * s2[a];
    }
  }
  sigma2[nRows * 2] = s2[0];
  sigma2[nRows * 2 + 1] = s2[1];
  const base = returnsFrom(nRows, ['X', 'Y'], (t, a) => values[t * 2 + a]);
  return { returns: base, sigma2 };
}

/** The first `n` rows of a returns matrix. */
function head(r: ReturnsMatrix, n: number): ReturnsMatrix {
  const k = r.symbols.length;
  return { dates: r.dates.slice(0, n), symbols: r.symbols, values: r.values.slice(0, n * k) };
}

/** Column a of a T × k matrix, minus `shift`. */
function column(r: ReturnsMatrix, a: number, shift = 0): number[] {
  const k = r.symbols.length;
  return Array.from({ length: r.dates.length }, (_, t) => r.values[t * k + a] - shift);
}

/**
 * Gaussian log-likelihood of a demeaned series under GARCH(1,1), written out
 * here independently of the model: σ²_0 = mean of ε², then
 * σ²_t = ω + α ε²_{t−1} + β σ²_{t−1}; ℓ = −½ Σ (ln 2π + ln σ²_t + ε²_t/σ²_t).
 */
function logLik(eps: number[], omega: number, alpha: number, beta: number): number {
  let s2 = eps.reduce((s, e) => s + e * e, 0) / eps.length;
  let ll = 0;
  for (const e of eps) {
    ll -= 0.5 * (Math.log(2 * Math.PI) + Math.log(s2) + (e * e) / s2);
    s2 = omega + alpha * e * e + beta * s2;
  }
  return ll;
}

const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

describe('fhs model', () => {
  const sim = simulate(T, 2024);
  const data = sim.returns;
  let model: FhsModel;
  beforeAll(async () => {
    model = (await fhsModel.fit(data, {}, { seed: 1 })) as FhsModel;
  });

  it('recovers the GARCH(1,1) parameters of simulated data (4000 days)', () => {
    // Tolerances from a Monte Carlo study of this estimator (100 series of 4000 days with these
    // parameters): sd(α̂) = 0.0094, sd(β̂) = 0.0125, sd(α̂ + β̂) = 0.0062, sd(ω̂) = 2.5e-7,
    // sd of the unconditional variance ω̂/(1 − α̂ − β̂) = 13%. Each bound is about 4 sd.
    const f = model.fitted;
    for (let a = 0; a < 2; a++) {
      expect(Math.abs(f.alpha[a] - ALPHA)).toBeLessThan(0.04);
      expect(Math.abs(f.beta[a] - BETA)).toBeLessThan(0.05);
      expect(Math.abs(f.alpha[a] + f.beta[a] - (ALPHA + BETA))).toBeLessThan(0.025);
      expect(Math.abs(f.omega[a] - OMEGA)).toBeLessThan(1e-6);
      const uncond = f.omega[a] / (1 - f.alpha[a] - f.beta[a]);
      expect(Math.abs(uncond / (OMEGA / (1 - ALPHA - BETA)) - 1)).toBeLessThan(0.5);
    }
  });

  it('is a maximum of the likelihood: beats the truth and every small step away', () => {
    const f = model.fitted;
    for (let a = 0; a < 2; a++) {
      // μ̂ is the sample mean.
      const mu = mean(column(data, a));
      expect(f.mean[a]).toBeCloseTo(mu, 15);
      const eps = column(data, a, f.mean[a]);
      const best = logLik(eps, f.omega[a], f.alpha[a], f.beta[a]);
      expect(best).toBeCloseTo(f.logLikelihood[a], 6);
      expect(best).toBeGreaterThanOrEqual(logLik(eps, OMEGA, ALPHA, BETA));
      // A step of 1e-4 in α or β changes ℓ by about ½·I·h² ≈ 6e-5 (I ≈ 1/sd² from the study above);
      // the optimiser's own error is far below that.
      const steps: [number, number, number][] = [
        [1.001, 0, 0], [0.999, 0, 0], [1, 1e-4, 0], [1, -1e-4, 0], [1, 0, 1e-4], [1, 0, -1e-4], [1, 1e-4, -1e-4], [1, -1e-4, 1e-4],
      ];
      for (const [wf, da, db] of steps) {
        expect(best).toBeGreaterThanOrEqual(logLik(eps, f.omega[a] * wf, f.alpha[a] + da, f.beta[a] + db) - 1e-9);
      }
    }
  });

  it('filters the residuals and tomorrow’s variance by the recursion', () => {
    const f = model.fitted;
    for (let a = 0; a < 2; a++) {
      const eps = column(data, a, f.mean[a]);
      let s2 = mean(eps.map((e) => e * e));
      expect(f.initialVariance[a]).toBeCloseTo(s2, 18);
      let worst = 0;
      for (let t = 0; t < T; t++) {
        worst = Math.max(worst, Math.abs(f.residuals[t * 2 + a] - eps[t] / Math.sqrt(s2)));
        if (t === T - 1) {
          expect(f.lastVariance[a]).toBeCloseTo(s2, 15);
          expect(f.lastResidual[a]).toBe(eps[t]);
        }
        s2 = f.omega[a] + f.alpha[a] * eps[t] ** 2 + f.beta[a] * s2;
      }
      expect(worst).toBeLessThan(1e-10);
      expect(model.startVariance[a]).toBeCloseTo(s2, 15);
      // The filtered variance tracks the true one: within 30% on the day after the data.
      expect(Math.abs(model.startVariance[a] / sim.sigma2[T * 2 + a] - 1)).toBeLessThan(0.3);
    }
  });

  it('fills fit info and the id', async () => {
    // The id hashes the content (model-id.test.ts): the same fit again has the same id.
    expect(model.id).toMatch(/^fhs-[0-9a-f]{12}$/);
    expect((await fhsModel.fit(data, {}, { seed: 1 })).id).toBe(model.id);
    expect(model.params).toEqual({ meanZero: false });
    expect(model.capabilities).toEqual({ conditional: false, tailSampling: false, needsTensorflow: false });
    expect(model.fitInfo).toMatchObject({ nObservations: T, firstDate: '2000-01-03', lastDate: data.dates[T - 1] });
    expect(model.fitInfo.garch.map((g) => g.symbol)).toEqual(['X', 'Y']);
    expect(model.fitInfo.garch[1].alpha).toBe(model.fitted.alpha[1]);
  });

  describe('paths', () => {
    const N = 20_000;
    const H = 20;
    let v: Float32Array;
    beforeAll(async () => {
      v = await model.sample({ nPaths: N, horizon: H, seed: 7 });
    });

    /** Per-asset empirical moments of the residuals: m2 = mean z², m4 = mean z⁴, and the cross moment mean z_X z_Y. */
    const residualMoments = (): { m2: number[]; m4: number[]; cross: number } => {
      const z = model.fitted.residuals;
      const m2 = [0, 0];
      const m4 = [0, 0];
      let cross = 0;
      for (let t = 0; t < T; t++) {
        for (let a = 0; a < 2; a++) {
          m2[a] += z[t * 2 + a] ** 2 / T;
          m4[a] += z[t * 2 + a] ** 4 / T;
        }
        cross += (z[t * 2] * z[t * 2 + 1]) / T;
      }
      return { m2, m4, cross };
    };

    it('have the shape nPaths × horizon × assets', () => {
      expect(v.length).toBe(N * H * 2);
      expect(v.every(Number.isFinite)).toBe(true);
    });

    it('have the closed-form second moments: E(r_h − μ)² = m2·E σ²_h, with E σ²_{h+1} = ω + (α m2 + β) E σ²_h', () => {
      // A day's residual is drawn independently of its σ_h, so E(ε_h²) = m2·E(σ²_h) exactly, where m2 is
      // the residuals' own mean square; σ²_1 = the fitted variance for the day after the data.
      const f = model.fitted;
      const { m2 } = residualMoments();
      for (let a = 0; a < 2; a++) {
        let es2 = model.startVariance[a];
        for (let h = 1; h <= H; h++) {
          if (h === 1 || h === 5 || h === 20) {
            const sq: number[] = [];
            for (let p = 0; p < N; p++) sq.push((v[(p * H + h - 1) * 2 + a] - f.mean[a]) ** 2);
            const m = mean(sq);
            const se = Math.sqrt(mean(sq.map((s) => (s - m) ** 2)) / N);
            expect(Math.abs(m - m2[a] * es2)).toBeLessThan(4.5 * se);
          }
          es2 = f.omega[a] + (f.alpha[a] * m2[a] + f.beta[a]) * es2;
        }
      }
    });

    it('resample whole residual vectors: day-1 cross moment = σ_X σ_Y · mean(z_X z_Y)', () => {
      const f = model.fitted;
      const { cross } = residualMoments();
      const prod: number[] = [];
      for (let p = 0; p < N; p++) prod.push((v[p * H * 2] - f.mean[0]) * (v[p * H * 2 + 1] - f.mean[1]));
      const m = mean(prod);
      const se = Math.sqrt(mean(prod.map((x) => (x - m) ** 2)) / N);
      const expected = Math.sqrt(model.startVariance[0] * model.startVariance[1]) * cross;
      expect(cross).toBeGreaterThan(0.5); // the simulated shocks are correlated 0.6
      expect(Math.abs(m - expected)).toBeLessThan(4.5 * se);
    });

    it('cluster volatility: Cov(ε²_1, ε²_2) = α·m2·σ⁴_1·Var(z²) > 0 (zero for an i.i.d. resampler)', () => {
      // ε²_2 = σ²_2 z², σ²_2 = ω + α ε²_1 + β σ²_1 with σ_1 fixed, so the covariance is α m2 σ⁴_1 (m4 − m2²).
      const f = model.fitted;
      const { m2, m4 } = residualMoments();
      for (let a = 0; a < 2; a++) {
        const e1: number[] = [];
        const e2: number[] = [];
        for (let p = 0; p < N; p++) {
          e1.push((v[(p * H) * 2 + a] - f.mean[a]) ** 2);
          e2.push((v[(p * H + 1) * 2 + a] - f.mean[a]) ** 2);
        }
        const m1 = mean(e1);
        const mm2 = mean(e2);
        const prods = e1.map((x, i) => (x - m1) * (e2[i] - mm2));
        const cov = mean(prods);
        const se = Math.sqrt(mean(prods.map((x) => (x - cov) ** 2)) / N);
        const expected = f.alpha[a] * m2[a] * model.startVariance[a] ** 2 * (m4[a] - m2[a] ** 2);
        expect(Math.abs(cov - expected)).toBeLessThan(4.5 * se);
        expect(cov).toBeGreaterThan(5 * se);
      }
    });
  });

  it('starts paths in the volatility regime at the end of the data: high-σ vs low-σ starts', async () => {
    // Fit on the data up to a day before the most and the least volatile day of the simulation (past day 2000).
    let hi = 2000;
    let lo = 2000;
    for (let k = 2000; k < T - 1; k++) {
      if (sim.sigma2[(k + 1) * 2] > sim.sigma2[(hi + 1) * 2]) hi = k;
      if (sim.sigma2[(k + 1) * 2] < sim.sigma2[(lo + 1) * 2]) lo = k;
    }
    const trueRatio = Math.sqrt(sim.sigma2[(hi + 1) * 2] / sim.sigma2[(lo + 1) * 2]);
    expect(trueRatio).toBeGreaterThan(2);
    const high = (await fhsModel.fit(head(data, hi + 1), { meanZero: true }, { seed: 1 })) as FhsModel;
    const low = (await fhsModel.fit(head(data, lo + 1), { meanZero: true }, { seed: 1 })) as FhsModel;
    const N = 10_000;
    const H = 20;
    const rms = (x: Float32Array, day: number): number => {
      let s = 0;
      for (let p = 0; p < N; p++) s += x[(p * H + day) * 2] ** 2;
      return Math.sqrt(s / N);
    };
    const vh = await high.sample({ nPaths: N, horizon: H, seed: 3 });
    const vl = await low.sample({ nPaths: N, horizon: H, seed: 3 });
    // Day 1's spread is the fitted σ on the day after each fit's data (times √m2, about 1): the ratio of
    // the spreads follows the ratio of the fitted σ's, which is near the true ratio.
    const fittedRatio = Math.sqrt(high.startVariance[0] / low.startVariance[0]);
    expect(Math.abs(fittedRatio / trueRatio - 1)).toBeLessThan(0.3);
    expect(Math.abs(rms(vh, 0) / rms(vl, 0) / fittedRatio - 1)).toBeLessThan(0.06);
    // Then volatility reverts towards its long-run level: down from the high start, up from the low one.
    expect(rms(vh, H - 1)).toBeLessThan(0.9 * rms(vh, 0));
    expect(rms(vl, H - 1)).toBeGreaterThan(1.1 * rms(vl, 0));
  });

  it('meanZero removes exactly the drift μ̂', async () => {
    const zero = await fhsModel.fit(data, { meanZero: 'true' }, { seed: 1 });
    expect(zero.id).not.toBe(model.id);
    const a = await model.sample({ nPaths: 300, horizon: 5, seed: 5 });
    const b = await zero.sample({ nPaths: 300, horizon: 5, seed: 5 });
    // Same draws, same variances (the fit is unchanged); both rounded to float32.
    for (let i = 0; i < a.length; i++) {
      const mu = model.fitted.mean[i % 2];
      expect(Math.abs(b[i] + mu - a[i])).toBeLessThanOrEqual(2 ** -24 * (Math.abs(a[i]) + Math.abs(b[i])) + 1e-18);
    }
  });

  it('is deterministic per seed, differs across seeds, and chunked = one-shot', async () => {
    const a = await model.sample({ nPaths: 40, horizon: 7, seed: 1 });
    expect(await model.sample({ nPaths: 40, horizon: 7, seed: 1 })).toEqual(a);
    expect(await model.sample({ nPaths: 40, horizon: 7, seed: 2 })).not.toEqual(a);
    const joined = new Float32Array(a.length);
    joined.set(await model.sample({ nPaths: 13, horizon: 7, seed: 1 }));
    joined.set(await model.sample({ nPaths: 27, horizon: 7, seed: 1, firstPath: 13 }), 13 * 7 * 2);
    expect(joined).toEqual(a);
    expect((await model.sample({ nPaths: 0, horizon: 3, seed: 1 })).length).toBe(0);
  });

  it('rejects too little data, constant returns and bad parameters with InputError, a state with ModelError', async () => {
    expect(fhsModel.minObservations({})).toBe(250);
    await expect(fhsModel.fit(head(data, 249), {}, { seed: 1 })).rejects.toThrow('model fhs needs at least 250 daily returns, got 249');
    const pegged = returnsFrom(300, ['A', 'B'], (t, a) => (a === 0 ? data.values[t * 2] : 0.0002));
    await expect(fhsModel.fit(pegged, {}, { seed: 1 })).rejects.toThrow(InputError);
    await expect(fhsModel.fit(pegged, {}, { seed: 1 })).rejects.toThrow(/returns of B never change/);
    await expect(fhsModel.fit(data, { meanZero: 'yes' }, { seed: 1 })).rejects.toThrow(
      'model fhs: parameter meanZero must be true or false, got "yes"',
    );
    await expect(fhsModel.fit(data, { blockLength: 5 }, { seed: 1 })).rejects.toThrow(/no parameter "blockLength"; its parameters are: meanZero/);
    expect(() => fhsModel.minObservations({ nope: 1 })).toThrow(InputError);
    await expect(model.sample({ nPaths: 1, horizon: 1, seed: 1, state: { values: new Float64Array(2) } })).rejects.toThrow(ModelError);
    await expect(model.sample({ nPaths: 1, horizon: 0, seed: 1 })).rejects.toThrow(InputError);
  });

  it('reports progress per asset', async () => {
    const seen: number[] = [];
    await fhsModel.fit(head(data, 400), {}, { seed: 1, onProgress: (f) => seen.push(f) });
    expect(seen).toEqual([0.5, 1]);
  });

  it('save and load restore a model that samples identically', async () => {
    for (const loaded of await expectSaveLoadIdentical(model, fhsModel, { nPaths: 30, horizon: 6, seed: 12, firstPath: 4 })) {
      expect((loaded as FhsModel).startVariance).toEqual(model.startVariance);
    }
  });

  it('fits the Dow Jones 30: every asset stationary and better than constant variance', async () => {
    const returns = toLogReturns(await readPricesCsv(DOWJONES));
    const m = (await fhsModel.fit(returns, {}, { seed: 1 })) as FhsModel;
    const f = m.fitted;
    const n = returns.dates.length;
    for (let a = 0; a < 30; a++) {
      expect(f.omega[a]).toBeGreaterThan(0);
      expect(f.alpha[a]).toBeGreaterThanOrEqual(0);
      expect(f.beta[a]).toBeGreaterThanOrEqual(0);
      expect(f.alpha[a] + f.beta[a]).toBeLessThan(1);
      // GARCH nests constant variance (α = β = 0, ω = s²), whose ℓ is −½ n (ln 2π + ln s² + 1).
      const eps = column(returns, a, f.mean[a]);
      const s2 = mean(eps.map((e) => e * e));
      expect(f.logLikelihood[a]).toBeGreaterThan(-0.5 * n * (Math.log(2 * Math.PI) + Math.log(s2) + 1));
      expect(logLik(eps, f.omega[a], f.alpha[a], f.beta[a])).toBeCloseTo(f.logLikelihood[a], 6);
    }
    const v = await m.sample({ nPaths: 200, horizon: 20, seed: 1 });
    expect(v.length).toBe(200 * 20 * 30);
    expect(v.every(Number.isFinite)).toBe(true);
  });
});

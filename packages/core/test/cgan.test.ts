import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cganModel,
  initBackend,
  isCganModel,
  loadModel,
  ModelError,
  Rng,
  type CganModel,
  type ReturnsMatrix,
} from '@tailforge/core';
import { inputError } from './helpers.js';
import { isoDates } from './helpers/returns-fixture.js';
import { rollVsSample } from './helpers/roll-vs-sample.js';

/**
 * Tiny configurations on synthetic data with clear volatility regimes: daily
 * vol alternates between 0.5% and 3% every 100 days, three assets driven by a
 * common factor. Training takes a second or two.
 */
const TINY = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 8, batchSize: 32, patience: 0, learningRate: 0.002, ensemble: 1 };
const T = 700;

function regimeReturns(seed: number): ReturnsMatrix {
  const rng = new Rng(seed);
  const A = 3;
  const values = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    const vol = Math.floor(t / 100) % 2 === 0 ? 0.005 : 0.03;
    const f = rng.normal();
    for (let a = 0; a < A; a++) values[t * A + a] = vol * (0.6 * f + 0.8 * rng.normal());
  }
  return { dates: isoDates(T), symbols: ['X', 'Y', 'Z'], values };
}

function std(x: Float32Array): number {
  let s = 0, s2 = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
  }
  const m = s / x.length;
  return Math.sqrt(s2 / x.length - m * m);
}

describe('cgan', () => {
  const data = regimeReturns(1);
  let model: CganModel;

  beforeAll(async () => {
    await initBackend('auto');
    const fitted = await cganModel.fit(data, TINY, { seed: 7 });
    if (!isCganModel(fitted)) throw new Error('not a cgan');
    model = fitted;
  }, 240_000);

  it('trains and generates finite paths of the right shape, rolling past one window', async () => {
    const paths = await model.sample({ nPaths: 300, horizon: 12, seed: 1 });
    expect(paths).toBeInstanceOf(Float32Array);
    expect(paths).toHaveLength(300 * 12 * 3);
    expect(paths.every(Number.isFinite)).toBe(true);
    expect(model.training.epochsRun).toBe(TINY.epochs);
    expect(model.training.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(model.training.history.map((h) => h.metric).reduce((a, b) => Math.min(a, b))).toBeCloseTo(model.training.bestMetric, 5);
    expect(model.trainingCard?.models.map((m) => m.name)).toEqual(['cgan', 'fhs', 'bootstrap', 'gaussian']);
    expect(model.trainingCard?.verdicts?.length).toBeGreaterThan(0);
    expect(model.fitInfo.drift).toBe('historical');
    expect(model.fitInfo.filter).toHaveLength(3);
    expect(Array.isArray(model.fitInfo.warnings)).toBe(true);
    expect(model.params.seed).toBe(7);
  });

  it('the same seed gives the same paths; chunks equal one shot; another seed differs', async () => {
    const a = await model.sample({ nPaths: 600, horizon: 12, seed: 3 });
    const b = await model.sample({ nPaths: 600, horizon: 12, seed: 3 });
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    const c1 = await model.sample({ nPaths: 257, horizon: 12, seed: 3 });
    const c2 = await model.sample({ nPaths: 343, horizon: 12, seed: 3, firstPath: 257 });
    const joined = new Float32Array(a.length);
    joined.set(c1);
    joined.set(c2, c1.length);
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(joined.buffer))).toBe(0);
    const d = await model.sample({ nPaths: 600, horizon: 12, seed: 4 });
    expect(d).not.toEqual(a);
  });

  it('a high-volatility state gives more volatile paths than a low-volatility one', async () => {
    const high = model.stateAt(data, 150); // inside days 100..199, vol 3%
    const low = model.stateAt(data, 250); // inside days 200..299, vol 0.5%
    const sHigh = std(await model.sample({ nPaths: 2000, horizon: 5, seed: 2, state: high }));
    const sLow = std(await model.sample({ nPaths: 2000, horizon: 5, seed: 2, state: low }));
    expect(sHigh / sLow).toBeGreaterThan(2); // 6 in the data; about 3 to 7 after this short training
  });

  it('save then load gives identical samples, from the default and from a given state', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'cgan-')), 'm');
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(loaded.id).toBe(model.id);
    expect(loaded.params).toEqual(model.params);
    const state = model.stateAt(data, 420);
    for (const req of [{ nPaths: 100, horizon: 7, seed: 9 }, { nPaths: 100, horizon: 7, seed: 9, state }]) {
      const a = await model.sample(req);
      const b = await loaded.sample(req);
      expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    }
    // An edited model.json (another seed) no longer matches its id.
    const meta = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    meta.params.seed = 8;
    await writeFile(join(dir, 'model.json'), JSON.stringify(meta));
    const e = await inputError(() => loadModel(dir));
    expect(e.message).toMatch(/the model's content does not match its id/);
  });

  it('the differentiable roll equals sampling for the same latents and state, over two windows', async () => {
    const { worst, gradientReaches } = await rollVsSample(model, model.stateAt(data, 420), 4, 8);
    expect(worst).toBeLessThan(2e-5);
    expect(gradientReaches).toBe(true);
  });

  it('a shifted latent gives likelihood-ratio weights; no shift gives plain sampling', () => {
    const req = { nPaths: 4000, horizon: 10, seed: 6 };
    const zero = model.sampleWithLatent(req, { latentMean: new Float64Array(model.latentSize) });
    expect(zero.logWeights?.every((w) => w === 0)).toBe(true);
    const mu = Float64Array.from({ length: model.latentSize }, (_, j) => (j === 0 ? 0.5 : 0));
    const shifted = model.sampleWithLatent(req, { latentMean: mu });
    // Two windows per path: log w = Σ_k (−μ·z_k + |μ|²/2); E[w] under the shifted law is 1.
    const w = Array.from(shifted.logWeights as Float64Array, Math.exp);
    const meanW = w.reduce((a, b) => a + b, 0) / w.length;
    expect(Math.abs(meanW - 1)).toBeLessThan(0.05);
  });

  it('a state of the wrong size is an InputError', async () => {
    const e = await inputError(() => model.sample({ nPaths: 1, horizon: 5, seed: 1, state: { values: new Float64Array(3), label: 'bad' } }));
    expect(e.message).toMatch(/"bad".*has 5 values, got 3/);
  });
});

describe('cgan training input', () => {
  it('too little data is an InputError naming the minimum', async () => {
    const short = { ...regimeReturns(2), dates: isoDates(50), values: regimeReturns(2).values.slice(0, 150) };
    const e = await inputError(() => cganModel.fit(short, TINY, { seed: 1 }));
    expect(e.message).toMatch(/model cgan needs at least \d+ daily returns, got 50/);
    expect(cganModel.minObservations(TINY)).toBeGreaterThan(50);
  });

  it('bad parameters are InputErrors', async () => {
    expect((await inputError(() => cganModel.fit(regimeReturns(2), { ...TINY, stateWindow: 6 }, { seed: 1 }))).message).toMatch(/stateWindow must be at most window/);
    expect((await inputError(() => cganModel.fit(regimeReturns(2), { ...TINY, drift: 'momentum' }, { seed: 1 }))).message).toMatch(/drift must be one of historical, zero, model|drift must be historical, zero or model/);
    expect((await inputError(() => cganModel.fit(regimeReturns(2), { ...TINY, ensemble: 0 }, { seed: 1 }))).message).toMatch(/ensemble must be/);
    expect((await inputError(() => cganModel.fit(regimeReturns(2), { seed: 3 }, { seed: 1 }))).message).toMatch(/no parameter "seed"/);
  });

  it('a non-finite return is an InputError', async () => {
    const d = regimeReturns(2);
    const values = d.values.slice();
    values[400] = NaN;
    expect((await inputError(() => cganModel.fit({ ...d, values }, TINY, { seed: 1 }))).message).toMatch(/is not finite/);
  });

  it('divergence stops training with a ModelError', async () => {
    let thrown: unknown;
    try {
      await cganModel.fit(regimeReturns(3), { ...TINY, learningRate: 1e10, epochs: 3 }, { seed: 1 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    expect((thrown as Error).message).toMatch(/cgan training diverged in epoch \d+/);
  });
});

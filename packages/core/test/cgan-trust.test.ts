import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cganModel, initBackend, isCganModel, loadModel, Rng, type CganModel, type ReturnsMatrix } from '@tailforge/core';
import { isoDates } from './helpers/returns-fixture.js';

/**
 * The trust rules of the cgan on tiny networks: drift options, tails that
 * scale with the state (no wall at the largest training move), the
 * out-of-range warning, and ensembles (deterministic, saved and loaded).
 * Data: 3 assets, volatility alternating 0.8% / 2.4% every 100 days, a
 * common factor, and a drift of 0.2% a day.
 */
const TINY = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 4, batchSize: 32, patience: 0, learningRate: 0.002 };
const T = 700, A = 3, DRIFT = 0.002;

function data(): ReturnsMatrix {
  const rng = new Rng(11);
  const values = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    const vol = Math.floor(t / 100) % 2 === 0 ? 0.008 : 0.024;
    const f = rng.normal();
    for (let a = 0; a < A; a++) values[t * A + a] = DRIFT + vol * (0.6 * f + 0.8 * rng.normal());
  }
  return { dates: isoDates(T), symbols: ['X', 'Y', 'Z'], values };
}

async function fit(params: Record<string, number | string>, seed = 3): Promise<CganModel> {
  const m = await cganModel.fit(data(), { ...TINY, ...params }, { seed });
  if (!isCganModel(m)) throw new Error('not a cgan');
  return m;
}

/** Mean daily return over all paths, days and assets, and its standard error (paths independent). */
function meanAndSe(x: Float32Array, nPaths: number): { mean: number; se: number } {
  const per = x.length / nPaths;
  const pm = new Float64Array(nPaths);
  for (let p = 0; p < nPaths; p++) {
    let s = 0;
    for (let i = 0; i < per; i++) s += x[p * per + i];
    pm[p] = s / per;
  }
  const m = pm.reduce((a, b) => a + b, 0) / nPaths;
  const v = pm.reduce((a, b) => a + (b - m) ** 2, 0) / (nPaths - 1);
  return { mean: m, se: Math.sqrt(v / nPaths) };
}

describe('cgan drift options', () => {
  let models: Record<string, CganModel>;
  beforeAll(async () => {
    await initBackend('auto');
    // arLags 0: these fits predate the AR mean and the tolerance below (4 se + 1e-4) is tight for the drift
    // correction of such tiny networks, whose error moves the mean by ±3e-4 from seed to seed with or without an AR
    // mean (seeds 3–6 without: +0.9, +1.6, +2.9, −2.5 × 1e-4). The AR mean keeping the mean is tested in cgan-ar-mean.test.ts.
    const noAr = { ensemble: 1, arLags: 0 };
    models = { historical: await fit(noAr), zero: await fit({ ...noAr, drift: 'zero' }), model: await fit({ ...noAr, drift: 'model' }) };
  }, 300_000);

  it('historical: paths average the training mean; zero: 0; both recorded in the fit info', async () => {
    const n = 3000;
    const h = meanAndSe(await models.historical.sample({ nPaths: n, horizon: 10, seed: 1 }), n);
    const training = data().values.reduce((a, b) => a + b, 0) / (T * A);
    expect(Math.abs(h.mean - training)).toBeLessThan(4 * h.se + 1e-4);
    const z = meanAndSe(await models.zero.sample({ nPaths: n, horizon: 10, seed: 1 }), n);
    expect(Math.abs(z.mean)).toBeLessThan(4 * z.se + 1e-4);
    expect(models.historical.fitInfo.drift).toBe('historical');
    expect(models.zero.fitInfo.drift).toBe('zero');
    expect(models.model.params.drift).toBe('model');
  });

  it('model keeps the learned conditional mean: the same latents give other paths than historical', async () => {
    const a = await models.historical.sample({ nPaths: 50, horizon: 5, seed: 2 });
    const b = await models.model.sample({ nPaths: 50, horizon: 5, seed: 2 });
    expect(a).not.toEqual(b);
    // Same networks (same seed): the paths differ only by the removed drift, a small shift of the innovations.
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThan(0.05);
  });
});

describe('cgan tails, support and ensembles', () => {
  let single: CganModel, ens: CganModel;
  beforeAll(async () => {
    await initBackend('auto');
    single = await fit({ ensemble: 1 });
    ens = await fit({ ensemble: 2 });
  }, 300_000);

  it('tails scale with the state: from a state 3× the largest training volatility, moves pass 1.5× the largest training move; the state is out of range and says so', async () => {
    const d = data();
    const maxMove = d.values.reduce((m, v) => Math.max(m, Math.abs(v - DRIFT)), 0);
    const base = single.stateAt(d, 150); // a high-volatility day
    const values = base.values.slice();
    for (let a = 0; a < A; a++) values[2 + a] = Math.log(3 * 0.024);
    values[0] = values[2] - Math.log(0.016); // roughly consistent level; the support check sees all values
    const extreme = { values, label: 'extreme' };
    const r = single.sampleWithLatent({ nPaths: 4000, horizon: 1, seed: 4, state: extreme });
    const largest = r.values.reduce((m, v) => Math.max(m, Math.abs(v - DRIFT)), 0);
    expect(largest).toBeGreaterThan(1.5 * maxMove);
    expect(r.values.every(Number.isFinite)).toBe(true);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0];
    expect(w.code).toBe('cgan.state-out-of-range');
    expect(w.severity).toBe('warn');
    expect(Number(w.details?.distance)).toBeGreaterThan(Number(w.details?.maxTrainingDistance));
    // A state of the fitting period is in range, without warnings.
    expect(single.sampleWithLatent({ nPaths: 10, horizon: 1, seed: 4, state: base }).warnings).toEqual([]);
    expect(single.stateSupport(base).inRange).toBe(true);
  });

  it('an ensemble is deterministic with one seed: member 0 is the single model (even paths), odd paths come from member 1', async () => {
    const again = await fit({ ensemble: 2 });
    const a = await ens.sample({ nPaths: 40, horizon: 7, seed: 9 });
    const b = await again.sample({ nPaths: 40, horizon: 7, seed: 9 });
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    const s = await single.sample({ nPaths: 40, horizon: 7, seed: 9 });
    const per = 7 * A;
    let evenSame = true, oddSame = true;
    for (let p = 0; p < 40; p++) {
      const same = a.subarray(p * per, (p + 1) * per).every((v, i) => v === s[p * per + i]);
      if (p % 2 === 0) evenSame &&= same;
      else oddSame &&= same;
    }
    expect(evenSame).toBe(true);
    expect(oddSame).toBe(false);
    expect(ens.ensembleSize).toBe(2);
    expect(ens.training.members).toHaveLength(2);
    expect(ens.training.memberRisk?.[0].var99).toHaveLength(2);
  }, 120_000);

  it('an ensemble in chunks equals one shot: chunks start mid-block and on either member, across a block boundary', async () => {
    const per = 7 * A;
    const whole = await ens.sample({ nPaths: 300, horizon: 7, seed: 2 });
    for (const [first, n] of [[101, 199], [256, 44], [255, 2]]) {
      const part = await ens.sample({ nPaths: n, horizon: 7, seed: 2, firstPath: first });
      expect(Buffer.compare(Buffer.from(part.buffer), Buffer.from(whole.buffer, first * per * 4, n * per * 4))).toBe(0);
    }
  });

  it('an ensemble saves and loads: same id, size and samples (also with a latent shift)', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'cgan-ens-')), 'm');
    await ens.save(dir);
    const loaded = await loadModel(dir);
    if (!isCganModel(loaded)) throw new Error('not a cgan');
    expect(loaded.id).toBe(ens.id);
    expect(loaded.ensembleSize).toBe(2);
    expect(loaded.fitInfo.drift).toBe('historical');
    const req = { nPaths: 30, horizon: 11, seed: 5 };
    const a = await ens.sample(req), b = await loaded.sample(req);
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    const mu = Float64Array.from({ length: ens.latentSize }, (_, j) => (j < 2 ? 0.3 : 0));
    const x = ens.sampleWithLatent(req, { latentMean: mu }), y = loaded.sampleWithLatent(req, { latentMean: mu });
    expect(Buffer.compare(Buffer.from(x.values.buffer), Buffer.from(y.values.buffer))).toBe(0);
    expect(Array.from(x.logWeights ?? [])).toEqual(Array.from(y.logWeights ?? []));
  });
});

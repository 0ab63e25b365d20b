import { describe, it, expect, beforeAll } from '@jest/globals';
import { activeBackend, cganModel, initBackend, isCganModel, Rng, type ReturnsMatrix } from '@tailforge/core';
import { fitParams, resolveCgan, resolveStoredCgan } from '../src/models/cgan/params.js';
import { trainingPlan } from '../src/tensorflow/backend.js';
import { inputError } from './helpers.js';
import { isoDates } from './helpers/returns-fixture.js';

describe('cgan batchSize: auto or a number', () => {
  it('defaults to auto; a number (or its text) is kept; anything else is an input error', async () => {
    expect(resolveCgan({}).batchSize).toBe('auto');
    expect(resolveCgan({ batchSize: 'auto' }).batchSize).toBe('auto');
    expect(resolveCgan({ batchSize: 128 }).batchSize).toBe(128);
    expect(resolveCgan({ batchSize: ' 96 ' }).batchSize).toBe(96);
    for (const bad of [1, 4097, 2.5, 'big', '', 'Auto']) {
      const e = await inputError(() => resolveCgan({ batchSize: bad }));
      expect(e.message).toMatch(/batchSize/);
    }
  });

  it('a fit replaces auto with the backend plan; a number stays as given', () => {
    expect(fitParams(resolveCgan({}), 256).batchSize).toBe(256);
    expect(fitParams(resolveCgan({}), 64).batchSize).toBe(64);
    expect(fitParams(resolveCgan({ batchSize: 32 }), 256).batchSize).toBe(32);
  });

  it('stored parameters keep their number (models saved before auto hold 64)', () => {
    expect(resolveStoredCgan({ batchSize: 64, seed: 1 }).batchSize).toBe(64);
    expect(resolveStoredCgan({ batchSize: 200, seed: 1 }).batchSize).toBe(200);
  });
});

describe('cgan batch plan on the active backend', () => {
  beforeAll(async () => {
    await initBackend('auto');
  }, 60_000);

  it('256 on the native TensorFlow backends, 64 on wasm and cpu', () => {
    const name = activeBackend()!.name;
    expect(trainingPlan().batchSize).toBe(name === 'tensorflow' || name === 'tensorflow-gpu' ? 256 : 64);
  });

  it('a fit with batchSize auto stores the planned number, and the model id follows it', async () => {
    const rng = new Rng(5);
    const T = 420, A = 2;
    const values = Float64Array.from({ length: T * A }, () => 0.01 * rng.normal());
    const data: ReturnsMatrix = { dates: isoDates(T), symbols: ['X', 'Y'], values };
    const tiny = { window: 5, stateWindow: 5, latentDim: 2, hidden: 4, epochs: 1, patience: 0, ensemble: 1, arLags: 0 };
    const auto = await cganModel.fit(data, tiny, { seed: 3 });
    const explicit = await cganModel.fit(data, { ...tiny, batchSize: trainingPlan().batchSize }, { seed: 3 });
    if (!isCganModel(auto) || !isCganModel(explicit)) throw new Error('not a cgan');
    expect(auto.params.batchSize).toBe(trainingPlan().batchSize);
    expect(auto.id).toBe(explicit.id);
  }, 120_000);
});

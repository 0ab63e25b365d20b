import { describe, it, expect, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import { cganModel, initBackend, InputError, type CganModel } from '@tailforge/core';
import { rollPathsParallel, samplingThreads, splitAtBlocks, stats } from '../src/models/cgan/parallel-roll.js';
import { BATCH, rollPaths, type GeneratorParts } from '../src/models/cgan/sampler.js';
import { isoDates } from './helpers/returns-fixture.js';
import { Rng } from '@tailforge/core';

describe('generation on several threads', () => {
  it('splitAtBlocks by hand: cuts at multiples of BATCH, at most `threads` ranges', () => {
    expect(BATCH).toBe(256);
    expect(splitAtBlocks(0, 1000, 2)).toEqual([[0, 512], [512, 1000]]);
    expect(splitAtBlocks(100, 50, 4)).toEqual([[100, 150]]);
    expect(splitAtBlocks(200, 600, 3)).toEqual([[200, 256], [256, 512], [512, 800]]);
    expect(splitAtBlocks(0, 5000, 1)).toEqual([[0, 5000]]);
  });

  it('splitAtBlocks covers the request exactly, in order, with inner cuts on block boundaries (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 9 }), (first, n, threads) => {
        const r = splitAtBlocks(first, n, threads);
        expect(r.length).toBeGreaterThanOrEqual(1);
        expect(r.length).toBeLessThanOrEqual(threads);
        expect(r[0][0]).toBe(first);
        expect(r[r.length - 1][1]).toBe(first + n);
        for (let i = 0; i < r.length; i++) {
          expect(r[i][1]).toBeGreaterThan(r[i][0]);
          if (i > 0) {
            expect(r[i][0]).toBe(r[i - 1][1]);
            expect(r[i][0] % BATCH).toBe(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('TAILFORGE_THREADS: unset is 1, auto or a whole number; anything else is an InputError naming the variable', () => {
    expect(samplingThreads({ TAILFORGE_THREADS: '3' })).toBe(3);
    expect(samplingThreads({})).toBe(1);
    const auto = samplingThreads({ TAILFORGE_THREADS: 'auto' });
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(8);
    for (const bad of ['0', '2.5', 'many', '-1']) expect(() => samplingThreads({ TAILFORGE_THREADS: bad })).toThrow(InputError);
    expect(() => samplingThreads({ TAILFORGE_THREADS: 'many' })).toThrow(/TAILFORGE_THREADS must be auto or a whole number/);
  });

  describe('with a fitted model', () => {
    let model: CganModel;
    let parts: GeneratorParts;
    const A = 3;
    beforeAll(async () => {
      await initBackend('wasm');
      const T = 500, rng = new Rng(4), values = new Float64Array(T * A);
      for (let t = 0; t < T; t++) {
        const vol = Math.floor(t / 50) % 2 === 0 ? 0.006 : 0.02, f = rng.normal();
        for (let a = 0; a < A; a++) values[t * A + a] = vol * (0.6 * f + 0.8 * rng.normal());
      }
      const params = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 2, batchSize: 32, patience: 0, ensemble: 2 };
      model = (await cganModel.fit({ dates: isoDates(T), symbols: ['A', 'B', 'C'], values }, params, { seed: 3 })) as CganModel;
      // The sampler's parts, as the model hands them to rollPathsParallel.
      parts = (model as unknown as { parts: GeneratorParts }).parts;
    }, 120_000);

    it('three threads give the paths of one, bit for bit, from one state and from a state per path; the worker threads did roll some', async () => {
      const S = model.stateDim;
      const before = stats.remotePaths;
      const shared = { nPaths: 700, horizon: 7, seed: 4, firstPath: 37, initialStates: model.defaultState.values };
      const one = rollPaths(parts, shared).values;
      const three = await rollPathsParallel(parts, model.id, shared, 3, 0);
      expect(Buffer.compare(Buffer.from(three.buffer), Buffer.from(one.buffer))).toBe(0);
      const perPath = new Float64Array(600 * S);
      for (let p = 0; p < 600; p++) for (let j = 0; j < S; j++) perPath[p * S + j] = model.defaultState.values[j] + (j >= 2 ? 0.3 * Math.sin(p) : 0);
      const own = { nPaths: 600, horizon: 12, seed: 8, firstPath: 0, initialStates: perPath };
      const a = rollPaths(parts, own).values, b = await rollPathsParallel(parts, model.id, own, 3, 0);
      expect(Buffer.compare(Buffer.from(b.buffer), Buffer.from(a.buffer))).toBe(0);
      expect(stats.remotePaths - before).toBeGreaterThan(0);
      // model.sample goes through the same path (below the size threshold: this thread alone) and agrees.
      const s = await model.sample({ nPaths: 700, horizon: 7, seed: 4, firstPath: 37 });
      expect(Buffer.compare(Buffer.from(s.buffer), Buffer.from(one.buffer))).toBe(0);
    }, 120_000);
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  bootstrapModel,
  gaussianModel,
  InputError,
  ModelError,
  type ReturnsMatrix,
  type SampleRequest,
  type ScenarioModel,
} from '@tailforge/core';
import { generatePaths } from '@tailforge/scenarios';

const SYMBOLS = ['A', 'B', 'C'];
const N_ROWS = 80;

function fixture(): ReturnsMatrix {
  const values = new Float64Array(N_ROWS * 3);
  for (let i = 0; i < values.length; i++) values[i] = 0.01 * Math.sin(1.3 * i + 0.2) + 0.004 * Math.cos(0.7 * i * i);
  const dates = Array.from({ length: N_ROWS }, (_, t) => new Date(Date.UTC(2010, 0, 4 + t)).toISOString().slice(0, 10));
  return { dates, symbols: SYMBOLS, values };
}

/**
 * A test double whose value at (path, day, asset) is path + day/100 + asset/10000
 * (path counted from firstPath), so misplaced chunks show; `poison` puts a bad
 * value at one global index and `short` returns one value too few.
 */
function fakeModel(options: { poison?: { at: number; value: number }; short?: boolean; conditional?: boolean } = {}): ScenarioModel & { requests: SampleRequest[] } {
  const requests: SampleRequest[] = [];
  return {
    name: 'fake',
    id: 'fake-000000000000',
    symbols: SYMBOLS,
    capabilities: { conditional: options.conditional ?? false, tailSampling: false, needsTensorflow: false },
    params: {},
    fitInfo: { nObservations: 1, firstDate: '2000-01-01', lastDate: '2000-01-01', dataHash: '', fittedAt: '' },
    requests,
    async sample(r: SampleRequest): Promise<Float32Array> {
      requests.push(r);
      const first = r.firstPath ?? 0;
      const out = new Float32Array(r.nPaths * r.horizon * 3 - (options.short ? 1 : 0));
      for (let i = 0; i < out.length; i++) {
        const p = Math.floor(i / (r.horizon * 3));
        const t = Math.floor(i / 3) % r.horizon;
        out[i] = first + p + t / 100 + (i % 3) / 10000;
        if (options.poison !== undefined && first * r.horizon * 3 + i === options.poison.at) out[i] = options.poison.value;
      }
      return out;
    },
    save: () => Promise.resolve(),
  };
}

describe('generatePaths', () => {
  it('returns a path set of the requested shape with its provenance', async () => {
    const model = await bootstrapModel.fit(fixture(), {}, { seed: 1 });
    const set = await generatePaths(model, { nPaths: 50, horizon: 10, seed: 3 });
    expect(set.values).toBeInstanceOf(Float32Array);
    expect(set.values.length).toBe(50 * 10 * 3);
    expect(set).toMatchObject({ nPaths: 50, horizon: 10, nAssets: 3, symbols: SYMBOLS, modelId: model.id, modelName: 'bootstrap', seed: 3 });
    expect(set.weights).toBeUndefined();
    expect(set.state).toBeUndefined();
  });

  it('places chunks by path: chunked = one-shot = the model sampled at once', async () => {
    for (const model of [await bootstrapModel.fit(fixture(), {}, { seed: 1 }), await gaussianModel.fit(fixture(), {}, { seed: 1 })]) {
      const whole = await model.sample({ nPaths: 23, horizon: 6, seed: 9 });
      const oneShot = await generatePaths(model, { nPaths: 23, horizon: 6, seed: 9 });
      const chunked = await generatePaths(model, { nPaths: 23, horizon: 6, seed: 9, chunkSize: 5 });
      expect(oneShot.values).toEqual(whole);
      expect(chunked.values).toEqual(whole);
      const other = await generatePaths(model, { nPaths: 23, horizon: 6, seed: 10 });
      expect(other.values).not.toEqual(whole);
    }
  });

  it('asks for consecutive chunks and reports progress after each', async () => {
    const model = fakeModel();
    const progress: [number, number][] = [];
    const set = await generatePaths(model, { nPaths: 20, horizon: 4, seed: 0, chunkSize: 7, onProgress: (d, t) => progress.push([d, t]) });
    expect(model.requests.map((r) => [r.firstPath, r.nPaths])).toEqual([[0, 7], [7, 7], [14, 6]]);
    expect(progress).toEqual([[7, 20], [14, 20], [20, 20]]);
    // Path 15, day 2, asset 1 sits at (15·4 + 2)·3 + 1 and holds 15 + 2/100 + 1/10000.
    expect(set.values[(15 * 4 + 2) * 3 + 1]).toBe(Math.fround(15.0201));
  });

  it('passes a state to a conditional model and records its label', async () => {
    const model = fakeModel({ conditional: true });
    const state = { values: Float64Array.of(0.2), label: '2008-09-15' };
    const set = await generatePaths(model, { nPaths: 3, horizon: 2, seed: 1, state });
    expect(model.requests[0].state).toBe(state);
    expect(set.state).toBe('2008-09-15');
  });

  it('refuses a state for a non-conditional model with a ModelError', async () => {
    const model = await bootstrapModel.fit(fixture(), {}, { seed: 1 });
    await expect(generatePaths(model, { nPaths: 3, horizon: 2, seed: 1, state: { values: new Float64Array(1) } })).rejects.toThrow(
      /model bootstrap is not conditional/,
    );
  });

  it('validates counts, seed and size with InputError', async () => {
    const model = fakeModel();
    for (const bad of [
      { nPaths: 0, horizon: 5, seed: 1 },
      { nPaths: 2.5, horizon: 5, seed: 1 },
      { nPaths: 10, horizon: -1, seed: 1 },
      { nPaths: 10, horizon: 5, seed: 1.5 },
      { nPaths: 10, horizon: 5, seed: 2 ** 32 },
      { nPaths: 10, horizon: 5, seed: 1, chunkSize: 0 },
    ]) {
      await expect(generatePaths(model, bad)).rejects.toThrow(InputError);
    }
    await expect(generatePaths(model, { nPaths: 1e9, horizon: 250, seed: 1 })).rejects.toThrow(
      /use fewer paths or a shorter horizon/,
    );
    expect(model.requests).toHaveLength(0);
  });

  it('rejects non-finite values and wrong lengths with a ModelError naming the model', async () => {
    // Global index (9·4 + 3)·3 + 2: path 9, day 3, asset C.
    const at = (9 * 4 + 3) * 3 + 2;
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const err = await generatePaths(fakeModel({ poison: { at, value } }), { nPaths: 12, horizon: 4, seed: 1, chunkSize: 5 }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ModelError);
      expect((err as Error).message).toMatch(/^model fake produced a non-finite return .* on path 9, day 3, asset C$/);
    }
    await expect(generatePaths(fakeModel({ short: true }), { nPaths: 4, horizon: 2, seed: 1 })).rejects.toThrow(
      'model fake returned 23 values for 4 paths × 2 days × 3 assets (expected 24)',
    );
  });
});

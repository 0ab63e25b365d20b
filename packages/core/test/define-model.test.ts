import { describe, expect, it } from '@jest/globals';
import {
  defineModel,
  InputError,
  ModelError,
  MODEL_CONTRACT_VERSION,
  type ModelDefinition,
  type ParamSchema,
  type ScenarioModel,
} from '../src/index.js';
import { returnsFrom } from './helpers/returns-fixture.js';
import { toyModel } from './helpers/toy-model.js';

const data = returnsFrom(40, ['A', 'B'], (t, a) => 0.01 * Math.sin(1.3 * t + a) + 0.001 * a);

const SCHEMA = {
  n: { type: 'number', default: 0.5, min: 0, exclusiveMin: true, max: 1, description: 'a fraction' },
  k: { type: 'integer', default: 3, min: 1, max: 10, description: 'a count' },
  b: { type: 'boolean', default: false, description: 'a switch' },
  s: { type: 'string', default: 'x', description: 'a label' },
  e: { type: 'enum', default: 'a', values: ['a', 'b', 'c'], description: 'a choice' },
} as const;

/** A definition whose fit records what it was given and returns `fitted` (default: a toy model's fit). */
function definition<S extends ParamSchema>(over: Partial<ModelDefinition<S>> & { parameters: S }): ModelDefinition<S> {
  const toy = toyModel('toy-inner');
  return {
    contractVersion: MODEL_CONTRACT_VERSION,
    name: 'toy-inner',
    description: 'a test model',
    capabilities: { conditional: false, tailSampling: false, needsTensorflow: false },
    minObservations: () => 5,
    fit: (returns) => toy.fit(returns, {}, { seed: 1 }),
    load: (dir) => toy.load(dir),
    ...over,
  };
}

describe('defineModel: the versioned declaration', () => {
  it('refuses another contract version with what to do about it', () => {
    expect(MODEL_CONTRACT_VERSION).toBe(1);
    const def = definition({ parameters: {} });
    expect(() => defineModel({ ...def, contractVersion: 2 })).toThrow(
      new ModelError('model "toy-inner" was written for model contract version 2; this tailforge implements version 1 (it needs a newer tailforge)'),
    );
    expect(() => defineModel({ ...def, contractVersion: 0 })).toThrow(/version 0; this tailforge implements version 1 \(the model must be updated to the current contract\)/);
    expect(() => defineModel({ ...def, contractVersion: undefined as unknown as number })).toThrow(/declares no contractVersion/);
  });

  it('refuses malformed declarations: name, capabilities, schema, defaults outside their own range', () => {
    const def = definition({ parameters: {} });
    expect(() => defineModel({ ...def, name: 'Bad Name' })).toThrow(ModelError);
    expect(() => defineModel({ ...def, capabilities: { conditional: 'no' } as never })).toThrow(/capabilities.conditional must be true or false/);
    expect(() => defineModel({ ...def, parameters: { x: { type: 'float', default: 1, description: 'd' } } as never })).toThrow(
      /x.type must be one of number, integer, string, boolean, enum, got "float"/,
    );
    expect(() => defineModel({ ...def, parameters: { x: { type: 'number', default: 2, max: 1, description: 'd' } } })).toThrow(
      /the default of x is not an allowed value \(model toy-inner: parameter x must be a number <= 1, got 2\)/,
    );
    expect(() => defineModel({ ...def, parameters: { x: { type: 'enum', default: 'a', values: [], description: 'd' } } as never })).toThrow(/x.values must be a non-empty list/);
    expect(() => defineModel({ ...def, parameters: { x: { type: 'integer', default: 1, description: '' } } })).toThrow(/x.description must be a non-empty string/);
  });
});

describe('defineModel: parameters resolved from the schema', () => {
  const seen: unknown[] = [];
  const model = defineModel(
    definition({
      parameters: SCHEMA,
      check: (p) => {
        if (p.e === 'c' && p.k > 5) throw new InputError('model toy-inner: e = c needs k <= 5');
      },
      minObservations: (p) => p.k * 2,
      fit: async (returns, p) => {
        seen.push(p);
        return toyModel('toy-inner').fit(returns, {}, { seed: 1 });
      },
    }),
  );

  it('fills defaults and types strings from the command line', async () => {
    expect(model.resolveParams({})).toEqual({ n: 0.5, k: 3, b: false, s: 'x', e: 'a' });
    expect(model.resolveParams({ n: '0.25', k: '7', b: 'TRUE', s: 42, e: 'b' })).toEqual({ n: 0.25, k: 7, b: true, s: '42', e: 'b' });
    expect(model.minObservations({ k: 4 })).toBe(8);
    await model.fit(data, { k: '2', n: 1 }, { seed: 1 });
    expect(seen[seen.length - 1]).toEqual({ n: 1, k: 2, b: false, s: 'x', e: 'a' });
  });

  it('names the model, parameter and expectation in every refusal', () => {
    const refuse = (raw: Record<string, string | number | boolean>, message: string) => {
      expect(() => model.resolveParams(raw)).toThrow(InputError);
      expect(() => model.resolveParams(raw)).toThrow(message);
    };
    refuse({ n: 0 }, 'model toy-inner: parameter n must be a number in (0, 1], got 0');
    refuse({ n: 'half' }, 'model toy-inner: parameter n must be a finite number, got "half"');
    refuse({ k: 2.5 }, 'model toy-inner: parameter k must be a whole number from 1 to 10, got 2.5');
    refuse({ k: 11 }, 'model toy-inner: parameter k must be a whole number from 1 to 10, got 11');
    refuse({ b: 'yes' }, 'model toy-inner: parameter b must be true or false, got "yes"');
    refuse({ e: 'z' }, 'model toy-inner: parameter e must be a, b or c, got "z"');
    refuse({ q: 1 }, 'model toy-inner has no parameter "q"; its parameters are: n, k, b, s, e');
    refuse({ e: 'c', k: 6 }, 'model toy-inner: e = c needs k <= 5');
    expect(() => model.resolveParams({ e: 'c', k: 5 })).not.toThrow();
  });

  it('a minObservations that is not a positive whole number is the model\'s defect', () => {
    const broken = defineModel(definition({ parameters: {}, minObservations: () => 0 }));
    expect(() => broken.minObservations({})).toThrow(new ModelError('model toy-inner: minObservations returned 0, not a whole number >= 1'));
  });
});

describe('defineModel: data and fitted models checked centrally', () => {
  it('too little or non-finite data is an InputError before the model sees it', async () => {
    let calls = 0;
    const model = defineModel(definition({ parameters: {}, fit: async () => (calls++, toyModel('toy-inner').fit(data, {}, { seed: 1 })) }));
    const short = { ...data, dates: data.dates.slice(0, 4), values: data.values.slice(0, 8) };
    await expect(model.fit(short, {}, { seed: 1 })).rejects.toThrow(new InputError('model toy-inner needs at least 5 daily returns, got 4'));
    const values = data.values.slice();
    values[3] = NaN;
    await expect(model.fit({ ...data, values }, {}, { seed: 1 })).rejects.toThrow(/return of B on 2000-01-04 is not finite/);
    expect(calls).toBe(0);
  });

  it('a fit returning a model of other symbols, another name or other capabilities is a ModelError', async () => {
    const other = returnsFrom(40, ['A'], (t) => 0.01 * Math.cos(t));
    const inner = toyModel('toy-inner');
    const wrongSymbols = defineModel(definition({ parameters: {}, fit: () => inner.fit(other, {}, { seed: 1 }) }));
    await expect(wrongSymbols.fit(data, {}, { seed: 1 })).rejects.toThrow(new ModelError('model toy-inner: fit returned a model of 1 symbols (A), not the 2 it was fitted on'));
    const wrongName = defineModel(definition({ parameters: {}, fit: () => toyModel('someone-else').fit(data, {}, { seed: 1 }) }));
    await expect(wrongName.fit(data, {}, { seed: 1 })).rejects.toThrow('model toy-inner: fit returned a model named "someone-else"');
    const wrongCaps = defineModel(definition({ parameters: {}, capabilities: { conditional: true, tailSampling: false, needsTensorflow: false } }));
    await expect(wrongCaps.fit(data, {}, { seed: 1 })).rejects.toThrow('model toy-inner: fit returned a model whose capabilities.conditional is false; the model declares true');
    const notAModel = defineModel(definition({ parameters: {}, fit: async () => 42 as unknown as ScenarioModel }));
    await expect(notAModel.fit(data, {}, { seed: 1 })).rejects.toThrow('model toy-inner: fit returned number, not a fitted model');
  });

  it('samples of the wrong size or with NaN are ModelErrors naming path, day and asset; a state is refused', async () => {
    const values = (n: number) => new Float32Array(n).fill(0.01);
    /** A hand-written fitted model (a plain object) whose paths come from `sample`. */
    const make = (sample: (r: { nPaths: number; horizon: number }) => Float32Array) =>
      defineModel(
        definition({
          parameters: {},
          fit: async (returns): Promise<ScenarioModel> => ({
            name: 'toy-inner',
            id: 'toy-inner-1',
            symbols: returns.symbols,
            capabilities: { conditional: false, tailSampling: false, needsTensorflow: false },
            params: {},
            fitInfo: { nObservations: 40, firstDate: '', lastDate: '', dataHash: '', fittedAt: '' },
            sample: async (r) => sample(r),
            save: async () => undefined,
          }),
        }),
      );
    const short = await make((r) => values(r.nPaths * r.horizon * 2 - 1)).fit(data, {}, { seed: 1 });
    await expect(short.sample({ nPaths: 3, horizon: 4, seed: 1 })).rejects.toThrow(
      new ModelError('model toy-inner: sample returned 23 values for 3 paths × 4 days × 2 assets (expected 24 values)'),
    );
    const array = await make(() => [0.1] as unknown as Float32Array).fit(data, {}, { seed: 1 });
    await expect(array.sample({ nPaths: 1, horizon: 1, seed: 1 })).rejects.toThrow('sample returned Array, not a Float32Array for 1 paths');
    // Path 2 of a chunk starting at path 5 is path 7; value index 2·(4·2) + 3 = day 2, asset B.
    const nan = await make((r) => {
      const v = values(r.nPaths * r.horizon * 2);
      v[2 * 8 + 3] = NaN;
      return v;
    }).fit(data, {}, { seed: 1 });
    await expect(nan.sample({ nPaths: 3, horizon: 4, seed: 1, firstPath: 5 })).rejects.toThrow(
      'model toy-inner: sample produced a non-finite return (NaN) on path 7, day 2, asset B',
    );
    await expect(nan.sample({ nPaths: 3, horizon: 4, seed: 1, state: { values: Float64Array.of(1), label: 'crisis' } })).rejects.toThrow(
      new ModelError('model toy-inner is not conditional: it cannot start paths from a given state ("crisis")'),
    );
  });

  it('the checked model is the model: its class, private fields and own methods work through the guard', async () => {
    const toy = toyModel('toy');
    const m = (await toy.fit(data, {}, { seed: 1 })) as ScenarioModel & { sd(): Float64Array };
    // sd of asset A by hand from its returns.
    const a = Array.from({ length: 40 }, (_, t) => data.values[2 * t]);
    const mean = a.reduce((s, x) => s + x, 0) / 40;
    const sd = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / 39);
    expect(m.sd()[0]).toBeCloseTo(sd, 14);
    expect(m.constructor.name).toBe('Toy');
    const paths = await m.sample({ nPaths: 2, horizon: 3, seed: 4 });
    expect(paths).toHaveLength(12);
  });
});

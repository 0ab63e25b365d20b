import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bootstrapModel,
  gaussianModel,
  getModel,
  hasModel,
  InputError,
  listModels,
  loadModel,
  ModelError,
  registerBuiltinModels,
  registerModel,
  type ModelFactory,
} from '../src/index.js';
import { returnsFrom } from './helpers/returns-fixture.js';

function fakeFactory(name: string): ModelFactory {
  return {
    name,
    description: 'test double',
    capabilities: { conditional: false, tailSampling: false, needsTensorflow: false },
    parameters: {},
    minObservations: () => 1,
    fit: () => Promise.reject(new Error('not used')),
    load: () => Promise.reject(new Error('not used')),
  };
}

describe('model registry and built-ins', () => {
  it('registers the built-in models, idempotently', () => {
    registerBuiltinModels();
    registerBuiltinModels();
    expect(getModel('bootstrap')).toBe(bootstrapModel);
    expect(getModel('gaussian')).toBe(gaussianModel);
    expect(listModels().map((m) => m.name)).toEqual(['bootstrap', 'cgan', 'fhs', 'gaussian', 'student-t']);
  });

  it('names the known models when asked for an unknown one', () => {
    registerBuiltinModels();
    expect(() => getModel('garch')).toThrow(ModelError);
    expect(() => getModel('garch')).toThrow('unknown model "garch"; known models: bootstrap, cgan, fhs, gaussian, student-t');
    expect(hasModel('garch')).toBe(false);
  });

  it('refuses bad names and taken names unless replacing', () => {
    expect(() => registerModel(fakeFactory('Bad_Name'))).toThrow(ModelError);
    expect(() => registerModel(fakeFactory('bootstrap'))).toThrow(/already registered/);
    const impostor = fakeFactory('bootstrap');
    registerModel(impostor, { replace: true });
    expect(getModel('bootstrap')).toBe(impostor);
    // A foreign factory under a built-in name is not silently overwritten.
    expect(() => registerBuiltinModels()).toThrow(/already registered/);
    registerModel(bootstrapModel, { replace: true });
    registerBuiltinModels();
    expect(getModel('bootstrap')).toBe(bootstrapModel);
  });

  it('sorts listed models by name', () => {
    registerModel(fakeFactory('aardvark'));
    expect(listModels().map((m) => m.name)).toEqual(['aardvark', 'bootstrap', 'cgan', 'fhs', 'gaussian', 'student-t']);
  });
});

describe('loadModel', () => {
  let dir: string;
  const data = returnsFrom(60, ['A', 'B'], (t, a) => 0.01 * Math.sin(t * 0.9 + a * 2.1) + 0.002 * Math.cos(t * t + a));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tailforge-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Saves a model, then rewrites its model.json through `edit`. */
  async function savedAndEdited(name: string, edit: (meta: Record<string, unknown>) => void): Promise<string> {
    const m = await getModel('bootstrap').fit(data, {}, { seed: 1 });
    const d = join(dir, name);
    await m.save(d);
    const file = join(d, 'model.json');
    const meta = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(meta);
    await writeFile(file, JSON.stringify(meta));
    return d;
  }

  it('dispatches on the model.json model field', async () => {
    const b = await bootstrapModel.fit(data, { blockLength: 2 }, { seed: 1 });
    const g = await gaussianModel.fit(data, {}, { seed: 1 });
    await b.save(join(dir, 'b'));
    await g.save(join(dir, 'g'));
    expect((await loadModel(join(dir, 'b'))).name).toBe('bootstrap');
    expect((await loadModel(join(dir, 'g'))).id).toBe(g.id);
    // A factory refuses another model type's directory.
    await expect(gaussianModel.load(join(dir, 'b'))).rejects.toThrow(ModelError);
    await expect(bootstrapModel.load(join(dir, 'g'))).rejects.toThrow(/holds a "gaussian" model, not a bootstrap model/);
  });

  it('reports an unknown model type, a missing directory and an edited model.json', async () => {
    const unknown = await savedAndEdited('unknown', (m) => {
      m.model = 'mystery';
    });
    await expect(loadModel(unknown)).rejects.toThrow('unknown model "mystery"');
    await expect(loadModel(join(dir, 'does-not-exist'))).rejects.toThrow(InputError);
    const edited = await savedAndEdited('edited', (m) => {
      m.params = { blockLength: 9 };
    });
    await expect(loadModel(edited)).rejects.toThrow(/the model's content does not match its id/);
    const badParam = await savedAndEdited('bad-param', (m) => {
      m.params = { blockLength: 0 };
    });
    await expect(loadModel(badParam)).rejects.toThrow(/blockLength must be a number >= 1/);
  });
});

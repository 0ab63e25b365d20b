import { expect } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type ModelFactory, type SampleRequest, type ScenarioModel } from '../../src/index.js';

/**
 * Saves `model`, loads it back through its factory and through `loadModel`,
 * and checks both copies: same identity, parameters, fit info and samples for
 * the same request. Returns the loaded copies for model-specific checks.
 */
export async function expectSaveLoadIdentical(
  model: ScenarioModel,
  factory: ModelFactory,
  request: SampleRequest = { nPaths: 30, horizon: 6, seed: 12, firstPath: 3 },
): Promise<ScenarioModel[]> {
  const dir = await mkdtemp(join(tmpdir(), `tailforge-${model.name}-`));
  try {
    const modelDir = join(dir, 'm');
    await model.save(modelDir);
    const loaded = [await factory.load(modelDir), await loadModel(modelDir)];
    const expected = await model.sample(request);
    for (const l of loaded) {
      expect(l.name).toBe(model.name);
      expect(l.id).toBe(model.id);
      expect(l.params).toEqual(model.params);
      expect(l.symbols).toEqual(model.symbols);
      expect(l.fitInfo).toEqual(model.fitInfo);
      expect(await l.sample(request)).toEqual(expected);
    }
    return loaded;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

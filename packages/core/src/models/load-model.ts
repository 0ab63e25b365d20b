import { readModelDir } from '../io/model-dir.js';
import { registerBuiltinModels } from './builtin.js';
import type { ScenarioModel } from './model.js';
import { getModel } from './registry.js';

/**
 * Restores a saved model of any registered type: reads the `model` field of
 * the directory's metadata and hands the directory to that factory's `load`.
 * The built-in models are registered first, so their directories always load.
 */
export async function loadModel(dir: string): Promise<ScenarioModel> {
  registerBuiltinModels();
  const { meta } = await readModelDir(dir);
  return getModel(meta.model).load(dir);
}

import { ModelError } from '../../errors.js';
import { ownVersion } from '../../io/package-version.js';
import { saveModelDir, type ModelDirMeta } from '../../io/model-dir.js';
import type { FitInfo, ScenarioModel } from '../model.js';
import { modelId, type ModelContent } from './model-id.js';

/** What a model writes beside its name, symbols, parameters and fit info: small JSON facts and numeric arrays. */
export interface SavedParts {
  readonly extra: Record<string, unknown>;
  readonly arrays: Readonly<Record<string, Float64Array | Float32Array>>;
}

/** The content a model's id is the hash of (see {@link modelId}). */
export function modelContent(model: Pick<ScenarioModel, 'name' | 'symbols' | 'params' | 'fitInfo'>, parts: SavedParts): ModelContent {
  return { name: model.name, symbols: model.symbols, params: model.params, fitInfo: model.fitInfo, extra: parts.extra, arrays: parts.arrays };
}

/** The model.json metadata for a fitted model; `extra` holds model-specific small facts. */
export function modelDirMeta(model: ScenarioModel, fitInfo: FitInfo, extra: Record<string, unknown>): ModelDirMeta {
  const meta: ModelDirMeta = {
    format: 'tailforge-model',
    formatVersion: 1,
    model: model.name,
    id: model.id,
    symbols: [...model.symbols],
    params: { ...model.params },
    fitInfo: {
      nObservations: fitInfo.nObservations,
      firstDate: fitInfo.firstDate,
      lastDate: fitInfo.lastDate,
      dataHash: fitInfo.dataHash,
      fittedAt: fitInfo.fittedAt,
    },
    extra,
  };
  const version = ownVersion(import.meta.url);
  if (version !== undefined) meta.tailforgeVersion = version;
  return meta;
}

/**
 * Saves `model` with `parts` to `dir` (atomically, see saveModelDir), first
 * checking that its id is the hash of exactly what is written: a model whose
 * id was made from other content is a ModelError (a defect in the model), not
 * a directory that every later load refuses.
 */
export async function saveModel(dir: string, model: ScenarioModel, parts: SavedParts, descriptive: readonly string[] = []): Promise<void> {
  const id = modelId(modelContent(model, parts), descriptive);
  if (id !== model.id) {
    throw new ModelError(`model ${model.name}: its id ${model.id} is not the hash of what it saves (${id}); make the id from the same parameters, arrays and extra that save writes`);
  }
  await saveModelDir(dir, modelDirMeta(model, model.fitInfo, parts.extra), { ...parts.arrays });
}

import { ownVersion } from '../../io/package-version.js';
import type { ModelDirMeta } from '../../io/model-dir.js';
import type { FitInfo, ScenarioModel } from '../model.js';

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

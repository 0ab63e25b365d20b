import type { ReturnsMatrix } from '../../market/types.js';
import { fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { saveModel } from '../common/model-meta.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import type { FitInfo, ScenarioModel } from '../model.js';
import type { DefinedModel } from './define-model.js';
import type { ParamSchema, ParamsOf, ParamValue } from './param-schema.js';

/**
 * Helpers for writing a model (the built-ins use the same pieces): the
 * identity of a fit, and saving / reading a fitted model in the common model
 * directory format (model.json + binary arrays, written atomically).
 */

/** The standard fields of a model fitted on `returns`. */
export interface FitIdentity<P> {
  /** `${name}-${hash}`, the hash of what the model saves (see modelId): same content, same id. */
  readonly id: string;
  readonly symbols: readonly string[];
  readonly params: P;
  readonly fitInfo: FitInfo;
}

/**
 * Id, symbols, parameters and fit info of a fit of model `name` with `params`
 * on `returns`. `arrays` and `extra` are what the model's save will pass to
 * {@link saveFittedModel}: the id is the hash of all of it, so a saved model
 * whose symbols, parameters or numbers were changed no longer matches its id.
 */
export function fitIdentity<P extends Readonly<Record<string, ParamValue>>>(
  name: string,
  params: P,
  returns: ReturnsMatrix,
  arrays: Readonly<Record<string, Float64Array | Float32Array>>,
  extra: Record<string, unknown> = {},
): FitIdentity<P> {
  const fitInfo = fitInfoFor(returns);
  const symbols = [...returns.symbols];
  return { id: modelId({ name, symbols, params, fitInfo, extra, arrays: arrays ?? {} }), symbols, params, fitInfo };
}

/**
 * Saves a fitted model to `dir`: its name, id, symbols, parameters and fit
 * info in model.json with `extra` (small JSON facts), and `arrays` (the
 * numbers its load needs) as checksummed binary files. ModelError when the
 * model's id is not the hash of exactly this content (give
 * {@link fitIdentity} the same arrays and extra).
 */
export async function saveFittedModel(
  dir: string,
  model: ScenarioModel,
  arrays: Readonly<Record<string, Float64Array | Float32Array>>,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await saveModel(dir, model, { extra, arrays });
}

/** A model directory read back by {@link readFittedModel}. */
export interface SavedModel<P> extends FitIdentity<P> {
  readonly extra: Readonly<Record<string, unknown>>;
  /** The saved array `key` as float64; InputError unless it holds exactly `length` values. */
  array(key: string, length: number): Float64Array;
}

/**
 * Reads a directory written by {@link saveFittedModel} for `factory`: checks
 * it holds that model type, re-validates the saved parameters through the
 * schema, and checks the id is still the hash of the content (an edited
 * directory is a ModelContentError, not a model sampled under a stale id).
 */
export async function readFittedModel<S extends ParamSchema>(dir: string, factory: DefinedModel<S>): Promise<SavedModel<ParamsOf<S>>> {
  const stored = await readStoredModel(dir, factory.name, (raw) => factory.resolveParams(raw));
  return {
    id: stored.meta.id,
    symbols: [...stored.meta.symbols],
    params: stored.params,
    fitInfo: stored.fitInfo,
    extra: stored.meta.extra ?? {},
    array: (key, length) => storedArray(dir, stored, key, length),
  };
}

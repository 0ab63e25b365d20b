import { join } from 'node:path';
import { InputError, ModelContentError, ModelError } from '../../errors.js';
import { readModelDir, type ModelDirMeta } from '../../io/model-dir.js';
import type { FitInfo, RawParams } from '../model.js';
import { modelId } from './model-id.js';
import type { ParamValue } from './params.js';

export interface StoredModel<P> {
  readonly meta: ModelDirMeta;
  readonly params: P;
  readonly fitInfo: FitInfo;
  readonly arrays: Readonly<Record<string, Float64Array | Float32Array>>;
}

/**
 * Reads a model directory written by a model's `save` and checks it is one of
 * `name`'s: the model type matches, the parameters pass `resolve` (the model's
 * own validation, errors located in model.json), and the id is still the
 * hash of the content (symbols in order, parameters, extra and every array's
 * bytes, leaving out the `descriptive` extra keys; see {@link modelId}), so an
 * edited directory is a {@link ModelContentError} rather than a model sampled
 * under a stale id.
 */
export async function readStoredModel<P extends Readonly<Record<string, ParamValue>>>(
  dir: string,
  name: string,
  resolve: (raw: RawParams) => P,
  descriptive: readonly string[] = [],
): Promise<StoredModel<P>> {
  const { meta, arrays } = await readModelDir(dir);
  const file = join(dir, 'model.json');
  if (meta.model !== name) {
    throw new ModelError(`${file} holds a "${meta.model}" model, not a ${name} model`);
  }
  let params: P;
  try {
    params = resolve(meta.params);
  } catch (e) {
    throw e instanceof InputError ? new InputError(e.reason, { file }, { cause: e }) : e;
  }
  const fitInfo: FitInfo = { ...meta.fitInfo };
  if (fitInfo.nObservations < 1) throw new InputError('fitInfo.nObservations must be at least 1', { file });
  const expected = modelId({ name, symbols: meta.symbols, params: meta.params, fitInfo, extra: meta.extra ?? {}, arrays }, descriptive);
  if (meta.id !== expected) {
    throw new ModelContentError(
      `the model's content does not match its id ${meta.id} (it hashes to ${expected}); the folder was edited or is corrupt: restore it or fit the model again`,
      { file: dir },
    );
  }
  return { meta, params, fitInfo, arrays };
}

/** The stored array `key` as float64, checked to hold `length` values. */
export function storedArray(dir: string, stored: StoredModel<unknown>, key: string, length: number): Float64Array {
  const a = stored.arrays[key];
  if (a === undefined) throw new InputError(`model directory lacks the array "${key}"`, { file: dir });
  if (a.length !== length) {
    throw new InputError(`array "${key}" holds ${a.length} values, expected ${length}`, { file: dir });
  }
  return a instanceof Float64Array ? a : Float64Array.from(a);
}

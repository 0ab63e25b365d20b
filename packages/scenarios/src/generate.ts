import { constants } from 'node:buffer';
import { InputError, ModelError, type ConditioningState, type ScenarioModel } from '@tailforge/core';
import type { PathSet } from './path-set.js';

export interface GenerateOptions {
  readonly nPaths: number;
  /** Steps (days) per path. */
  readonly horizon: number;
  /** Master seed, an integer in [0, 2^32). Path p draws from stream (seed, p). */
  readonly seed: number;
  /** Conditioning state; only for conditional models. */
  readonly state?: ConditioningState;
  /** Paths per `model.sample` call. Default 4096. */
  readonly chunkSize?: number;
  /** Called after each chunk with paths done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

const DEFAULT_CHUNK = 4096;

/** Most float32 values one path array may hold: Node's largest buffer, in bytes, over 4. */
const MAX_VALUES = Math.floor(constants.MAX_LENGTH / 4);

/**
 * Draws `nPaths` paths of `horizon` days from a fitted model into one
 * preallocated Float32Array, `chunkSize` paths per `model.sample` call (with
 * `firstPath` set, so the result does not depend on the chunk size). Yields to
 * the event loop between chunks and reports progress. Every chunk is checked:
 * a model returning the wrong number of values, NaN or ±Infinity is a
 * ModelError naming the model, path, day and asset.
 */
export async function generatePaths(model: ScenarioModel, options: GenerateOptions): Promise<PathSet> {
  const { nPaths, horizon, seed, state } = options;
  checkRequest(model, options);
  const nAssets = model.symbols.length;
  const stepValues = horizon * nAssets;
  const total = nPaths * stepValues;
  if (total > MAX_VALUES) {
    throw new InputError(
      `${nPaths} paths × ${horizon} days × ${nAssets} assets = ${total} values exceed one array's limit (${MAX_VALUES}); use fewer paths or a shorter horizon`,
    );
  }
  let values: Float32Array;
  try {
    values = new Float32Array(total);
  } catch (e) {
    throw new InputError(
      `cannot allocate ${nPaths} paths × ${horizon} days × ${nAssets} assets (${((total * 4) / 2 ** 30).toFixed(1)} GiB); use fewer paths or a shorter horizon`,
      {},
      { cause: e },
    );
  }

  for await (const chunk of pathChunks(model, options)) {
    values.set(chunk.values, chunk.firstPath * stepValues);
  }

  return {
    values,
    nPaths,
    horizon,
    nAssets,
    symbols: [...model.symbols],
    modelId: model.id,
    modelName: model.name,
    seed,
    ...(state?.label !== undefined ? { state: state.label } : {}),
  };
}

/** One checked block of consecutive paths, as {@link pathChunks} yields them. */
export interface PathChunk {
  readonly firstPath: number;
  readonly nPaths: number;
  /** nPaths × horizon × nAssets log returns. */
  readonly values: Float32Array;
}

/**
 * Streams paths from a model in chunks without holding them all: the basis of
 * {@link generatePaths} and of writing a path store. Same checks and
 * progress reports as generatePaths; the paths equal generatePaths' for the
 * same options whatever the chunk size.
 */
export async function* pathChunks(model: ScenarioModel, options: GenerateOptions): AsyncGenerator<PathChunk> {
  const { nPaths, horizon, seed, state, onProgress } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  checkRequest(model, options);
  const nAssets = model.symbols.length;
  const stepValues = horizon * nAssets;
  for (let done = 0; done < nPaths; ) {
    const n = Math.min(chunkSize, nPaths - done);
    const chunk = await model.sample({ nPaths: n, horizon, seed, firstPath: done, state });
    if (!(chunk instanceof Float32Array) || chunk.length !== n * stepValues) {
      const got = chunk instanceof Float32Array ? `${chunk.length} values` : 'something other than a Float32Array';
      throw new ModelError(`model ${model.name} returned ${got} for ${n} paths × ${horizon} days × ${nAssets} assets (expected ${n * stepValues})`);
    }
    const bad = firstNonFinite(chunk);
    if (bad >= 0) {
      const path = done + Math.floor(bad / stepValues);
      const day = Math.floor((bad % stepValues) / nAssets);
      throw new ModelError(
        `model ${model.name} produced a non-finite return (${chunk[bad]}) on path ${path}, day ${day}, asset ${model.symbols[bad % nAssets]}`,
      );
    }
    yield { firstPath: done, nPaths: n, values: chunk };
    done += n;
    onProgress?.(done, nPaths);
  }
}

/** Validates a generation request before any work: counts, seed, conditioning. */
export function checkRequest(model: ScenarioModel, options: GenerateOptions): void {
  checkCount('nPaths', options.nPaths);
  checkCount('horizon', options.horizon);
  checkCount('chunkSize', options.chunkSize ?? DEFAULT_CHUNK);
  const seed = options.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InputError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (options.state !== undefined && !model.capabilities.conditional) {
    throw new ModelError(`model ${model.name} is not conditional: it cannot start paths from a given state`);
  }
}

function checkCount(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 1) throw new InputError(`${name} must be a positive integer, got ${v}`);
}

/** Index of the first NaN or ±Infinity, or −1. (x − x is 0 for finite x and NaN otherwise.) */
function firstNonFinite(v: Float32Array): number {
  for (let i = 0; i < v.length; i++) if (v[i] - v[i] !== 0) return i;
  return -1;
}

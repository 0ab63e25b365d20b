import { constants } from 'node:buffer';
import { InputError, ModelError } from '../../errors.js';
import type { ModelCapabilities, SampleRequest } from '../model.js';

/** Most float32 values one path array may hold: Node's largest buffer, in bytes, over 4. */
export const MAX_PATH_VALUES = Math.floor(constants.MAX_LENGTH / 4);

export interface ResolvedSampleRequest {
  readonly nPaths: number;
  readonly horizon: number;
  readonly seed: number;
  readonly firstPath: number;
}

/**
 * Checks a sample request against the model that receives it: counts are
 * integers, the seed is a 32-bit unsigned integer (the Rng reduces seeds to
 * 32 bits, so larger ones would silently collide), the output fits in one
 * Float32Array, and a state is only given to a conditional model.
 */
export function checkSampleRequest(
  model: { readonly name: string; readonly capabilities: ModelCapabilities; readonly symbols: readonly string[] },
  request: SampleRequest,
): ResolvedSampleRequest {
  if (request.state !== undefined && !model.capabilities.conditional) {
    const label = request.state.label !== undefined ? ` ("${request.state.label}")` : '';
    throw new ModelError(`model ${model.name} is not conditional: it cannot start paths from a given state${label}`);
  }
  const { nPaths, horizon, seed } = request;
  const firstPath = request.firstPath ?? 0;
  if (!Number.isSafeInteger(nPaths) || nPaths < 0) throw new InputError(`nPaths must be a non-negative integer, got ${nPaths}`);
  if (!Number.isSafeInteger(horizon) || horizon < 1) throw new InputError(`horizon must be a positive integer, got ${horizon}`);
  if (!Number.isSafeInteger(firstPath) || firstPath < 0) {
    throw new InputError(`firstPath must be a non-negative integer, got ${firstPath}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InputError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (nPaths * horizon * model.symbols.length > MAX_PATH_VALUES) {
    throw new InputError(
      `${nPaths} paths × ${horizon} days × ${model.symbols.length} assets do not fit in memory at once; use fewer paths or a shorter horizon`,
    );
  }
  return { nPaths, horizon, seed, firstPath };
}

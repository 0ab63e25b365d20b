import type { ScenarioModel } from '@tailforge/core';
import { pathChunks, checkRequest, type GenerateOptions } from '../generate.js';
import { PathStoreWriter } from './write-path-store.js';
import type { PathStoreHeader } from './format.js';

/**
 * Writes a stream of path chunks (with weights when `weighted`) into a new
 * path store for `model`'s symbols; the store is renamed into place only when
 * complete. Returns the store's header.
 */
export async function chunksToStore(
  model: ScenarioModel,
  options: GenerateOptions,
  chunks: AsyncIterable<{ values: Float32Array; weights?: Float64Array }>,
  path: string,
  weighted: boolean,
): Promise<PathStoreHeader> {
  checkRequest(model, options);
  const writer = await PathStoreWriter.create(path, {
    nPaths: options.nPaths,
    horizon: options.horizon,
    nAssets: model.symbols.length,
    symbols: [...model.symbols],
    modelId: model.id,
    modelName: model.name,
    seed: options.seed,
    weighted,
    ...(options.state?.label !== undefined ? { state: options.state.label } : {}),
  });
  try {
    for await (const c of chunks) await writer.append(c.values, weighted ? c.weights : undefined);
    await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.header;
}

/**
 * Generates paths straight into a path store, one chunk in memory at a time:
 * 1,000,000 paths × 20 days × 30 assets (2.4 GB) never sit in memory at once.
 */
export async function generateToStore(model: ScenarioModel, options: GenerateOptions, path: string): Promise<PathStoreHeader> {
  return chunksToStore(model, options, pathChunks(model, options), path, false);
}

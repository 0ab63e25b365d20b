import type { ScenarioModel } from '@tailforge/core';
import { pathChunks, checkRequest, type GenerateOptions } from '../generate.js';
import { PathStoreWriter } from './write-path-store.js';
import type { PathStoreHeader } from './format.js';

/**
 * Generates paths straight into a path store, one chunk in memory at a time:
 * 1,000,000 paths × 20 days × 30 assets (2.4 GB) never sit in memory at once.
 * Returns the store's header.
 */
export async function generateToStore(model: ScenarioModel, options: GenerateOptions, path: string): Promise<PathStoreHeader> {
  checkRequest(model, options);
  const writer = await PathStoreWriter.create(path, {
    nPaths: options.nPaths,
    horizon: options.horizon,
    nAssets: model.symbols.length,
    symbols: [...model.symbols],
    modelId: model.id,
    modelName: model.name,
    seed: options.seed,
    weighted: false,
    ...(options.state?.label !== undefined ? { state: options.state.label } : {}),
  });
  try {
    for await (const chunk of pathChunks(model, options)) await writer.append(chunk.values);
    await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.header;
}

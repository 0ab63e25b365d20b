import type { CganModel } from '@tailforge/core';
import { checkRequest, type GenerateOptions } from '../generate.js';
import type { PathStoreHeader } from '../store/format.js';
import { PathStoreWriter } from '../store/write-path-store.js';
import { tailFocusedChunks, type TailFocus } from './tail-sample.js';

/** Tail-focused paths streamed into a weighted path store, one unit in memory at a time. Returns the store's header. */
export async function tailFocusedToStore(model: CganModel, options: GenerateOptions, focus: TailFocus, path: string): Promise<PathStoreHeader> {
  checkRequest(model, options);
  const writer = await PathStoreWriter.create(path, {
    nPaths: options.nPaths,
    horizon: options.horizon,
    nAssets: model.symbols.length,
    symbols: [...model.symbols],
    modelId: model.id,
    modelName: model.name,
    seed: options.seed,
    weighted: true,
    ...(options.state?.label !== undefined ? { state: options.state.label } : {}),
  });
  try {
    for await (const c of tailFocusedChunks(model, options, focus)) await writer.append(c.values, c.weights);
    await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.header;
}

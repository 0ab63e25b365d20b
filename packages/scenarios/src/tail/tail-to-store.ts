import type { CganModel } from '@tailforge/core';
import type { GenerateOptions } from '../generate.js';
import type { PathStoreHeader } from '../store/format.js';
import { chunksToStore } from '../store/generate-to-store.js';
import { tailFocusedChunks, type TailFocus } from './tail-sample.js';

/** Tail-focused paths streamed into a weighted path store, one unit in memory at a time. Returns the store's header. */
export async function tailFocusedToStore(model: CganModel, options: GenerateOptions, focus: TailFocus, path: string): Promise<PathStoreHeader> {
  return chunksToStore(model, options, tailFocusedChunks(model, options, focus), path, true);
}

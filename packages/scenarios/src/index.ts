export type { PathSet } from './path-set.js';
export { generatePaths, type GenerateOptions } from './generate.js';
export { pathChunks, checkRequest, type PathChunk } from './generate.js';
export { PATH_STORE_MAGIC, PATH_STORE_VERSION, type PathStoreHeader } from './store/format.js';
export { PathStoreWriter } from './store/write-path-store.js';
export { PathStoreReader, readPathStore, type StoredChunk } from './store/read-path-store.js';
export { generateToStore } from './store/generate-to-store.js';

import { packageVersion } from '@tailforge/core';

/** Versions of the libraries the history store runs on (batch-manifest.json records them). */
export function historyStoreVersions(): { 'better-sqlite3': string | undefined } {
  return { 'better-sqlite3': packageVersion('better-sqlite3', import.meta.url) };
}

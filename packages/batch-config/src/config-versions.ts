import { packageVersion } from '@tailforge/core';

/** Versions of the libraries the batch config is read with (batch-manifest.json records them). */
export function batchConfigVersions(): { yaml: string | undefined } {
  return { yaml: packageVersion('yaml', import.meta.url) };
}

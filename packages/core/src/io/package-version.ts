import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Version of an installed package as Node would find it from `fromUrl` (a
 * module's import.meta.url), for manifests: looks for
 * `node_modules/<name>/package.json` in each folder up from the module, which
 * is Node's own lookup for bare specifiers (and works for ESM-only packages
 * whose `exports` hide their package.json). `undefined` when not installed.
 */
export function packageVersion(name: string, fromUrl: string): string | undefined {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const version = readVersion(join(dir, 'node_modules', name, 'package.json'));
    if (version !== undefined) return version;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Version of the package that holds the given module file (its nearest package.json). */
export function ownVersion(moduleUrl: string): string | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const version = readVersion(join(dir, 'package.json'));
    if (version !== undefined) return version;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function readVersion(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Versions of the numerical libraries core is built on, for run manifests. */
export function coreLibraryVersions(): Record<string, string | undefined> {
  return {
    '@tailforge/core': ownVersion(import.meta.url),
    mathjs: packageVersion('mathjs', import.meta.url),
    '@tensorflow/tfjs': packageVersion('@tensorflow/tfjs', import.meta.url),
  };
}

import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { activeBackend, coreLibraryVersions, ownVersion, packageVersion, sha256File } from '@tailforge/core';
import type { FileRun } from './write-outputs.js';

/**
 * manifest.json: what it takes to reproduce a run: the inputs' hashes, the
 * model, seed and settings, the versions of everything that computed it.
 */
export const MANIFEST_SCHEMA = 'tailforge.manifest';
export const MANIFEST_SCHEMA_VERSION = 1;

/** A file's role, path (`shownAs` when given: the name the reader knows it by), sha256 and size, read at `path`. */
export async function fileRecord(role: string, path: string, shownAs?: string) {
  const abs = resolve(path);
  const [sha256, st] = await Promise.all([sha256File(abs), stat(abs)]);
  return { role, path: shownAs !== undefined ? resolve(shownAs) : abs, sha256, bytes: st.size };
}

export function versions() {
  return {
    tailforge: ownVersion(import.meta.url),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    libraries: {
      ...coreLibraryVersions(),
      'simple-statistics': packageVersion('simple-statistics', resolveFrom('@tailforge/risk')),
      vega: packageVersion('vega', import.meta.url),
      'vega-lite': packageVersion('vega-lite', import.meta.url),
      commander: packageVersion('commander', import.meta.url),
    },
  };
}

export async function buildManifest(
  r: FileRun,
  argv: readonly string[],
  startedAt: Date,
  outputs: ReadonlyArray<{ role: string; path: string; shownAs?: string }>,
  /** The run as the manifest names it, when it computed on local copies (see WriteOptions.shown). */
  shown?: { readonly config: FileRun['config']; readonly dir: string },
) {
  const c = r.config;
  const s = shown?.config ?? c;
  const finishedAt = new Date();
  return {
    schema: MANIFEST_SCHEMA,
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    command: ['tailforge', ...argv],
    cwd: process.cwd(),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    timingsMs: r.timings,
    inputs: await Promise.all([
      fileRecord('portfolio', c.portfolioFile, s.portfolioFile),
      fileRecord(c.returnsKind !== undefined ? 'returns' : 'prices', c.pricesFile, s.pricesFile),
      ...(c.modelDir !== undefined ? [fileRecord('model', join(c.modelDir, 'model.json'), s.modelDir !== undefined ? join(s.modelDir, 'model.json') : undefined)] : []),
      ...(c.scenarioFile !== undefined ? [fileRecord('scenarios', c.scenarioFile, s.scenarioFile)] : []),
    ]),
    settings: {
      paths: r.config.paths,
      horizonDays: r.config.horizon,
      confidence: r.config.confidence,
      seed: r.config.seed,
      missingPolicy: r.config.missing,
      lookback: r.config.lookback ?? null,
      modelDir: s.modelDir !== undefined ? resolve(s.modelDir) : null,
      pathStore: r.pathStore !== undefined ? resolve(r.pathStore) : null,
      horizons: r.analytics.byHorizon.map((h) => h.horizonDays),
      drawdownLimit: r.analytics.drawdown.limit,
      replay: r.config.replay ?? { worst: 5 },
      quantileMethod: r.config.quantileMethod ?? 'lower',
    },
    missingData: r.missingReport,
    ...(c.returnsKind !== undefined ? { returnsKind: c.returnsKind } : {}),
    /** The run's warnings (summary.json's `warnings`): findings of severity warn or error. */
    warnings: r.warnings,
    model: { name: r.model.name, id: r.model.id, params: r.model.params, fitInfo: r.model.fitInfo, capabilities: r.model.capabilities },
    // Classical models compute in plain JavaScript; a TensorFlow.js model reports the backend it ran on.
    backend: r.model.capabilities.needsTensorflow ? (activeBackend()?.name ?? 'tensorflow') : 'js',
    versions: versions(),
    outputs: await Promise.all(outputs.map((o) => fileRecord(o.role, o.path, shown !== undefined ? join(shown.dir, basename(o.path)) : o.shownAs))),
  };
}

/** URL of a dependency's entry module, to look up that dependency's own dependencies. */
function resolveFrom(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return import.meta.url;
  }
}

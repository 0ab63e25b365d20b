import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { modelOrigin, sha256File } from '@tailforge/core';
import type { StressRunConfig } from '@tailforge/engine';

/** Hashes each file once per batch (a prices file is shared by every job). */
export class FileHasher {
  private readonly cache = new Map<string, Promise<string>>();
  hash(file: string): Promise<string> {
    let h = this.cache.get(file);
    if (h === undefined) {
      h = sha256File(file);
      this.cache.set(file, h);
    }
    return h;
  }
}

/** JSON with object keys sorted at every level, so equal settings give equal text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * The job key: sha256 over the inputs' contents (portfolio, prices, saved
 * model) and every setting that changes the figures. Two runs with the same
 * key compute the same figures, so a finished job with the current key is
 * skipped. Paths are not part of it: moving a file changes nothing. A
 * plugin's model adds the hash of the plugin's module file, so editing the
 * plugin reruns its jobs (files the module imports are not hashed).
 */
export async function jobKey(run: StressRunConfig, hasher: FileHasher): Promise<string> {
  const [portfolio, prices, model, scenarios] = await Promise.all([
    hasher.hash(run.portfolioFile),
    hasher.hash(run.pricesFile),
    run.modelDir !== undefined ? hasher.hash(join(run.modelDir, 'model.json')) : Promise.resolve(null),
    run.scenarioFile !== undefined ? hasher.hash(run.scenarioFile) : Promise.resolve(null),
  ]);
  const origin = run.modelDir === undefined ? modelOrigin(run.model) : undefined;
  const plugin = origin !== undefined ? await hasher.hash(origin.file) : undefined;
  const material = {
    keyVersion: 2,
    inputs: { portfolio, prices, model, scenarios, ...(plugin !== undefined ? { plugin } : {}) },
    settings: {
      model: run.modelDir !== undefined ? null : run.model,
      modelParams: run.modelDir !== undefined ? null : run.modelParams,
      paths: run.paths,
      horizon: run.horizon,
      confidence: run.confidence,
      seed: run.seed,
      missing: run.missing,
      lookback: run.lookback ?? null,
      horizons: run.horizons ?? null,
      drawdownLimit: run.drawdownLimit ?? null,
      replay: run.replay ?? null,
      backtest: run.backtest ?? null,
      // Only when not the default, so the keys of earlier batches stay valid.
      ...(run.quantileMethod !== undefined && run.quantileMethod !== 'lower' ? { quantileMethod: run.quantileMethod } : {}),
      // Only when set, so the keys of prices-file jobs stay what they were.
      ...(run.returnsKind !== undefined ? { returnsKind: run.returnsKind } : {}),
      // Only when set, so the keys of jobs without it stay what they were.
      ...(run.regulatory !== undefined ? { regulatory: run.regulatory } : {}),
    },
  };
  return createHash('sha256').update(canonical(material)).digest('hex');
}

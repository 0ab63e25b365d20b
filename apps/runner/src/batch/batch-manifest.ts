import { batchConfigVersions, type BatchConfig } from '@tailforge/batch-config';
import { historyStoreVersions } from '@tailforge/history';
import { versions } from '../output/manifest.js';
import type { JobOutcome } from './run-batch.js';

export const BATCH_MANIFEST_SCHEMA = 'tailforge.batch-manifest';
export const BATCH_MANIFEST_SCHEMA_VERSION = 1;

/**
 * batch-manifest.json: what the batch did: the command, the config's hash,
 * every job with its key, status and the manifest of its run (each job's
 * manifest in turn records that run's inputs, settings and versions).
 */
export function buildBatchManifest(
  config: BatchConfig,
  meta: { batchId: string; argv: readonly string[]; concurrency: number; backend?: Readonly<Record<string, unknown>>; force: boolean; startedAt: Date; finishedAt: Date; indexPath: string },
  jobs: readonly JobOutcome[],
) {
  const counts = { ok: 0, skipped: 0, failed: 0 };
  for (const j of jobs) counts[j.status]++;
  return {
    schema: BATCH_MANIFEST_SCHEMA,
    schemaVersion: BATCH_MANIFEST_SCHEMA_VERSION,
    batchId: meta.batchId,
    command: ['tailforge', ...meta.argv],
    cwd: process.cwd(),
    config: { path: config.file, sha256: config.sha256 },
    out: config.out,
    history: config.history,
    index: meta.indexPath,
    concurrency: meta.concurrency,
    ...(meta.backend !== undefined ? { backend: meta.backend } : {}),
    force: meta.force,
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    durationMs: meta.finishedAt.getTime() - meta.startedAt.getTime(),
    counts,
    jobs: jobs.map((j) => ({
      id: j.id,
      entry: j.source,
      portfolio: j.portfolioFile,
      status: j.status,
      key: j.key ?? null,
      reason: j.reason ?? null,
      dir: j.dir,
      manifest: j.manifestPath ?? null,
      durationMs: j.durationMs ?? null,
      error: j.error ?? null,
    })),
    versions: {
      ...versions(),
      batch: { ...historyStoreVersions(), ...batchConfigVersions() },
    },
  };
}

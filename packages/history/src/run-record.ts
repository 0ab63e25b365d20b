import { resolve } from 'node:path';
import { sha256File } from '@tailforge/core';
import type { Summary } from '@tailforge/engine';
import type { HistoryRun } from './history-run.js';

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The history row of a finished run, built from its summary (the figures)
 * and its manifest (the run key is the manifest's sha256, so the same run
 * recorded twice, e.g. after a resumed batch, stays one row).
 */
export async function historyRunOf(
  summary: Summary,
  manifestPath: string,
  origin: { batchId?: string; jobId?: string } = {},
): Promise<HistoryRun> {
  const dd = summary.maxDrawdown;
  return {
    runKey: await sha256File(manifestPath),
    portfolio: summary.portfolio.name,
    runAt: summary.generatedAt,
    asOf: summary.portfolio.asOf,
    modelName: summary.model.name,
    modelId: summary.model.id,
    horizonDays: summary.scenarios.horizonDays,
    paths: summary.scenarios.paths,
    seed: summary.scenarios.seed,
    value: summary.portfolio.value,
    drawdown: {
      mean: finiteOrNull(dd.mean),
      median: finiteOrNull(dd.median),
      p95: finiteOrNull(dd.p95),
      p99: finiteOrNull(dd.p99),
      max: finiteOrNull(dd.max),
    },
    risk: summary.risk.map((r) => ({ confidence: r.confidence, var: r.var, es: r.es, varPct: r.varPct, esPct: r.esPct })),
    manifestPath: resolve(manifestPath),
    batchId: origin.batchId ?? null,
    jobId: origin.jobId ?? null,
    // Older summaries (a skipped batch job's) have no warnings: null, not "none".
    warnings: Array.isArray(summary.warnings) ? summary.warnings : null,
    regulatory: summary.regulatory
      ? {
          var: summary.regulatory.headline.var,
          svar: summary.regulatory.headline.svar,
          svarBasis: summary.regulatory.headline.svarBasis === 'model' ? 'model' : 'historical',
          varHistorical: summary.regulatory.var.historical,
          svarHistorical: summary.regulatory.svar.historical,
          stressedFrom: summary.regulatory.stressedPeriod.from,
          stressedTo: summary.regulatory.stressedPeriod.to,
          esFrtb: summary.regulatory.frtb.es,
        }
      : null,
  };
}

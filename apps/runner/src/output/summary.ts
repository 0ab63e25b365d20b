import type { StressRunResult } from '../stress/stress-run.js';

/**
 * summary.json: the run's figures for other systems. Versioned by
 * `schemaVersion`; fields are only ever added within a version.
 *
 * Conventions: money in the prices' currency; VaR and ES are positive LOSSES
 * over the horizon (a negative number means a gain at that quantile);
 * `*Pct` fields are the same figures as a fraction of the initial value;
 * drawdowns are fractions of the running peak value (0.1 = 10%).
 */
export const SUMMARY_SCHEMA = 'tailforge.summary';
export const SUMMARY_SCHEMA_VERSION = 1;

export function buildSummary(r: StressRunResult, generatedAt: string) {
  const v0 = r.initialValue;
  const pnl = r.pnl;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pnl.length; i++) {
    mean += pnl[i];
    if (pnl[i] < min) min = pnl[i];
    if (pnl[i] > max) max = pnl[i];
  }
  mean /= pnl.length;
  let ss = 0;
  for (let i = 0; i < pnl.length; i++) ss += (pnl[i] - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(pnl.length - 1, 1));
  return {
    schema: SUMMARY_SCHEMA,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt,
    portfolio: {
      name: r.portfolio.name,
      file: r.portfolio.file,
      asOf: r.asOf,
      value: v0,
      positions: r.positions.map((p) => ({ ...p, weight: p.marketValue / v0 })),
    },
    model: { name: r.model.name, id: r.model.id, params: r.model.params, fitInfo: r.model.fitInfo },
    scenarios: {
      kind: 'ordinary',
      paths: r.pathSet.nPaths,
      horizonDays: r.pathSet.horizon,
      seed: r.pathSet.seed,
      weighted: r.pathSet.weights !== undefined,
    },
    risk: r.risk.map((x) => ({ confidence: x.confidence, var: x.var, es: x.es, varPct: x.var / v0, esPct: x.es / v0 })),
    pnl: { mean, sd, min, max },
    maxDrawdown: r.drawdown,
    data: { missing: r.missingReport },
  };
}

export type Summary = ReturnType<typeof buildSummary>;

import { csvLine } from '@tailforge/engine';
import type { HistoryRun } from '@tailforge/history';

export type HistoryFormat = 'text' | 'json' | 'csv';

export const HISTORY_JSON_SCHEMA = 'tailforge.history';
export const HISTORY_JSON_SCHEMA_VERSION = 1;

const seriesOf = (r: HistoryRun): string => `${r.modelName}\u0000${r.horizonDays}`;

/**
 * For each run and confidence level, the relative change of VaR against the
 * previous run of the same series (model name and horizon) at the same
 * level: VaR_now / VaR_prev − 1; null for a series' first run or a
 * previous VaR of 0.
 */
export function varChanges(runs: readonly HistoryRun[]): Map<HistoryRun, Map<number, number | null>> {
  const last = new Map<string, HistoryRun>();
  const out = new Map<HistoryRun, Map<number, number | null>>();
  for (const run of runs) {
    const prev = last.get(seriesOf(run));
    const m = new Map<number, number | null>();
    for (const x of run.risk) {
      const p = prev?.risk.find((y) => y.confidence === x.confidence);
      m.set(x.confidence, p !== undefined && p.var !== 0 ? x.var / p.var - 1 : null);
    }
    out.set(run, m);
    last.set(seriesOf(run), run);
  }
  return out;
}

const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (v: number | null, digits = 2): string => (v === null || !Number.isFinite(v) ? '' : `${(v * 100).toFixed(digits)}%`);
const signedPct = (v: number | null): string => (v === null ? '' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);

/** Runs oldest first, one line per run and confidence level. */
export function formatHistory(portfolio: string, runs: readonly HistoryRun[], format: HistoryFormat): string {
  if (format === 'json') {
    return `${JSON.stringify({ schema: HISTORY_JSON_SCHEMA, schemaVersion: HISTORY_JSON_SCHEMA_VERSION, portfolio, runs }, null, 2)}\n`;
  }
  if (format === 'csv') {
    let out = csvLine([
      'portfolio', 'run_at', 'as_of', 'model_name', 'model_id', 'horizon_days', 'paths', 'seed', 'value', 'confidence', 'var', 'es', 'var_pct', 'es_pct',
      'dd_mean', 'dd_median', 'dd_p95', 'dd_p99', 'dd_max', 'manifest_path', 'batch_id', 'job_id',
    ]);
    for (const r of runs) {
      const d = r.drawdown;
      for (const x of r.risk) {
        out += csvLine([
          r.portfolio, r.runAt, r.asOf, r.modelName, r.modelId, r.horizonDays, r.paths, r.seed, r.value, x.confidence, x.var, x.es, x.varPct, x.esPct,
          d.mean, d.median, d.p95, d.p99, d.max, r.manifestPath, r.batchId, r.jobId,
        ]);
      }
    }
    return out;
  }
  const changes = varChanges(runs);
  const header = ['run at (UTC)', 'as of', 'model', 'days', 'paths', 'conf', 'VaR', 'VaR %', 'ΔVaR', 'ES', 'ES %', 'dd p99'];
  const rows: string[][] = [];
  for (const r of runs) {
    for (const x of r.risk) {
      rows.push([
        r.runAt.replace('T', ' ').replace(/\.\d+Z$/, ''),
        r.asOf,
        r.modelId,
        String(r.horizonDays),
        String(r.paths),
        pct(x.confidence, 1),
        money(x.var),
        pct(x.varPct),
        signedPct(changes.get(r)?.get(x.confidence) ?? null),
        money(x.es),
        pct(x.esPct),
        pct(r.drawdown.p99),
      ]);
    }
  }
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const title = `${portfolio}: ${runs.length} run${runs.length === 1 ? '' : 's'}; VaR and ES are losses over the horizon, ΔVaR against the previous run of the same model and horizon`;
  return `${[title, line(header), ...rows.map(line)].join('\n')}\n`;
}

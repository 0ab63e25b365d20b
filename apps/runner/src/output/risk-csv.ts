import type { Summary } from './summary.js';
import { csvLine } from './csv.js';

/**
 * risk.csv: one row per figure, long format, so new measures add rows, not
 * columns. Columns: portfolio, as_of, model_id, horizon_days, measure,
 * confidence, value, value_pct. Measures: `VaR`, `ES` (positive losses over
 * the horizon) and `max_drawdown_{mean,median,p95,p99,max}` (value is a
 * fraction of the running peak; value_pct repeats it).
 */
export function riskCsv(s: Summary): string {
  const head = csvLine(['portfolio', 'as_of', 'model_id', 'horizon_days', 'measure', 'confidence', 'value', 'value_pct']);
  const base = [s.portfolio.name, s.portfolio.asOf, s.model.id, s.scenarios.horizonDays] as const;
  let out = head;
  for (const r of s.risk) {
    out += csvLine([...base, 'VaR', r.confidence, r.var, r.varPct]);
    out += csvLine([...base, 'ES', r.confidence, r.es, r.esPct]);
  }
  for (const key of ['mean', 'median', 'p95', 'p99', 'max'] as const) {
    const v = s.maxDrawdown[key];
    out += csvLine([...base, `max_drawdown_${key}`, null, v, v]);
  }
  return out;
}

import type { Summary } from './summary.js';
import { csvLine } from './csv.js';

/**
 * risk.csv: one row per figure, long format, so new measures add rows, not
 * columns. Columns: portfolio, as_of, model_id, horizon_days, measure,
 * confidence, value, value_pct, currency, limit. `value_pct` is a fraction
 * of the base (0.05 = 5%), not a percentage; `currency` is that of the money
 * values (empty when the portfolio names none). Measures:
 * - `VaR`, `ES`: simulated, positive losses over horizon_days (one pair per
 *   reported horizon along the paths);
 * - `VaR_se`, `ES_se`: their bootstrap standard errors (full horizon);
 * - `VaR_normal`, `ES_normal`, `VaR_cornish_fisher`, `ES_cornish_fisher`:
 *   parametric references from the simulated P&L's moments (Cornish–Fisher
 *   outside its validity domain: value and value_pct `NA`, not applicable);
 *   `VaR_historical`, `ES_historical`: historical simulation;
 * - `max_drawdown_{mean,median,p95,p99,max}` and `CDaR` (fractions of the
 *   running peak; value_pct repeats them), `drawdown_breach_probability`
 *   (the probability that the maximum drawdown reaches the drawdown limit,
 *   which is in the `limit` column; empty on every other row);
 * - with the regulatory view (horizon_days 10): `VaR_regulatory` (the
 *   model's 10-day 99% VaR), `VaR_regulatory_historical` (last 250 days),
 *   `sVaR` (model refitted on the stressed period; empty when it cannot be),
 *   `sVaR_historical`, `ES_frtb` and `ES_frtb_stressed` (97.5%,
 *   liquidity-horizon adjusted; stressed calibration), `capital_illustration`
 *   (empty without 60 earlier runs).
 */
export function riskCsv(s: Summary): string {
  const head = csvLine(['portfolio', 'as_of', 'model_id', 'horizon_days', 'measure', 'confidence', 'value', 'value_pct', 'currency', 'limit']);
  const ccy = s.base.currency;
  const H = s.scenarios.horizonDays;
  const row = (h: number, measure: string, c: number | null, value: number | string | null, pct: number | string | null, limit: number | null = null) =>
    csvLine([s.portfolio.name, s.portfolio.asOf, s.model.id, h, measure, c, value, pct, measure.startsWith('VaR') || measure.startsWith('ES') ? ccy : null, limit]);
  let out = head;
  for (const h of s.riskByHorizon) {
    for (const r of h.risk) {
      out += row(h.horizonDays, 'VaR', r.confidence, r.var, r.varPct);
      out += row(h.horizonDays, 'ES', r.confidence, r.es, r.esPct);
    }
  }
  const v0 = s.base.amount;
  for (const e of s.riskErrors) {
    out += row(H, 'VaR_se', e.confidence, e.varSe, e.varSe / v0);
    out += row(H, 'ES_se', e.confidence, e.esSe, e.esSe / v0);
  }
  const refs: Array<[string, ReadonlyArray<{ confidence: number; var: number | null; es: number | null; varPct: number | null; esPct: number | null }>]> = [
    ['normal', s.references.normal],
    ['cornish_fisher', s.references.cornishFisher],
    ['historical', s.references.historical?.risk ?? []],
    ...(s.references.deltaGammaVega ? [['delta_gamma_vega', s.references.deltaGammaVega] as [string, typeof s.references.normal]] : []),
  ];
  for (const [name, list] of refs) {
    for (const r of list) {
      out += row(H, `VaR_${name}`, r.confidence, r.var ?? 'NA', r.varPct ?? 'NA');
      out += row(H, `ES_${name}`, r.confidence, r.es ?? 'NA', r.esPct ?? 'NA');
    }
  }
  for (const key of ['mean', 'median', 'p95', 'p99', 'max'] as const) {
    const v = s.maxDrawdown[key];
    out += row(H, `max_drawdown_${key}`, null, v, v);
  }
  for (const c of s.maxDrawdown.cdar) out += row(H, 'CDaR', c.confidence, c.value, c.value);
  out += row(H, 'drawdown_breach_probability', null, s.maxDrawdown.breachProbability, null, s.maxDrawdown.limit);
  const g = s.regulatory;
  if (g !== undefined) {
    const R = g.horizonDays;
    const c = g.confidence;
    const money = (measure: string, conf: number | null, v: number | null) => row(R, measure, conf, v, v === null ? null : v / v0);
    out += money('VaR_regulatory', c.var, g.var.model);
    out += money('VaR_regulatory_historical', c.var, g.var.historical);
    out += money('sVaR', c.var, g.svar.model);
    out += money('sVaR_historical', c.var, g.svar.historical);
    out += money('ES_frtb', c.es, g.frtb.es);
    out += money('ES_frtb_stressed', c.es, g.frtb.stressed?.es ?? null);
    out += money('capital_illustration', c.var, g.capital.available ? g.capital.capital : null);
  }
  return out;
}

/**
 * contributions.csv: Euler allocation per position: portfolio, as_of,
 * confidence, symbol, exposure, component_var, component_es, marginal_var,
 * marginal_es, share_of_es, currency (of exposure and components; empty
 * when the portfolio names none). Components sum to the portfolio's VaR / ES.
 */
export function contributionsCsv(s: Summary): string {
  let out = csvLine(['portfolio', 'as_of', 'confidence', 'symbol', 'exposure', 'component_var', 'component_es', 'marginal_var', 'marginal_es', 'share_of_es', 'currency']);
  for (const c of s.contributions) {
    for (const p of c.positions) {
      out += csvLine([s.portfolio.name, s.portfolio.asOf, c.confidence, p.symbol, p.exposure, p.componentVaR, p.componentES, p.marginalVaR, p.marginalES, p.shareOfES, s.base.currency]);
    }
  }
  return out;
}

/**
 * stress.csv: one row per stress scenario: portfolio, as_of, horizon_days,
 * kind (historical | hypothetical), scenario, apply, window_from, window_to,
 * pnl, pnl_pct, max_drawdown, currency (of pnl; empty when the portfolio
 * names none).
 */
export function stressCsv(s: Summary): string {
  let out = csvLine(['portfolio', 'as_of', 'horizon_days', 'kind', 'scenario', 'apply', 'window_from', 'window_to', 'pnl', 'pnl_pct', 'max_drawdown', 'currency']);
  for (const x of s.stress) {
    out += csvLine([s.portfolio.name, s.portfolio.asOf, s.scenarios.horizonDays, x.kind, x.name, x.apply ?? null, x.from ?? null, x.to ?? null, x.pnl, x.pnlPct, x.maxDrawdown, s.base.currency]);
  }
  return out;
}

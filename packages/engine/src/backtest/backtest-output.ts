import type { WalkForwardResult } from './walk-forward.js';
import type { ModelEvaluation } from './evaluate.js';
import { csvLine } from '../summary/csv.js';

export const BACKTEST_SCHEMA = 'tailforge.backtest';
export const BACKTEST_SCHEMA_VERSION = 1;

/**
 * backtest.json: settings and, per model and confidence level, exceptions
 * and test statistics. VaR / ES are positive losses; an exception is a
 * day whose realised loss exceeds its VaR forecast. p-values: small means the
 * model's forecasts are rejected.
 */
export function buildBacktestSummary(r: WalkForwardResult, evaluation: readonly ModelEvaluation[], generatedAt: string) {
  return {
    schema: BACKTEST_SCHEMA,
    schemaVersion: BACKTEST_SCHEMA_VERSION,
    generatedAt,
    portfolio: { name: r.portfolio.name, file: r.portfolio.file },
    period: { from: r.dates[0], to: r.dates[r.dates.length - 1], forecasts: r.dates.length },
    settings: {
      horizonDays: r.config.horizon,
      confidence: r.config.confidence,
      refitEvery: r.config.refit,
      paths: r.config.paths,
      seed: r.config.seed,
      lookback: r.config.lookback ?? null,
      missingPolicy: r.config.missing,
    },
    models: evaluation,
  };
}

export type BacktestSummary = ReturnType<typeof buildBacktestSummary>;

/** backtest.csv: one row per forecast day, model and level: date,model,confidence,var,es,realized_pnl,exception. */
export function backtestCsv(r: WalkForwardResult): string {
  let out = csvLine(['date', 'model', 'confidence', 'var', 'es', 'realized_pnl', 'exception']);
  for (const f of r.forecasts) {
    r.config.confidence.forEach((c, l) => {
      for (let d = 0; d < r.dates.length; d++) {
        out += csvLine([r.dates[d], f.model, c, f.var[l][d], f.es[l][d], r.realized[d], -r.realized[d] > f.var[l][d] ? 1 : 0]);
      }
    });
  }
  return out;
}

import type { WalkForwardResult } from './walk-forward.js';
import type { BacktestComparison } from './compare.js';
import { fz0LossesOf, type ModelEvaluation } from './evaluate.js';
import { quantileLoss } from '@tailforge/risk';
import { csvLine } from '../summary/csv.js';

export const BACKTEST_SCHEMA = 'tailforge.backtest';
export const BACKTEST_SCHEMA_VERSION = 1;

/**
 * backtest.json: settings and, per model and confidence level, exceptions
 * and test statistics. VaR / ES are positive losses; an exception is a
 * day whose realised loss exceeds its VaR forecast. p-values: small means the
 * model's forecasts are rejected. `comparison` (added in version 1, additive): per level,
 * the Diebold–Mariano tests against the reference model and the ranking.
 * Undefined statistics (identical forecasts) are null.
 */
export function buildBacktestSummary(r: WalkForwardResult, evaluation: readonly ModelEvaluation[], generatedAt: string, comparison: BacktestComparison | null = null) {
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
      refitMode: r.config.refitMode ?? 'warm',
      refitEpochs: r.config.refitEpochs ?? null,
      reference: comparison?.reference ?? null,
    },
    models: evaluation,
    comparison,
  };
}

export type BacktestSummary = ReturnType<typeof buildBacktestSummary>;

/**
 * backtest.csv: one row per forecast day, model and level:
 * date,model,confidence,var,es,realized_pnl,exception,fz0_loss,quantile_loss,pit.
 * fz0_loss is empty when the model has an ES forecast <= 0 at that level; pit
 * is the share of the forecast's simulated P&L at or below the realised one.
 */
export function backtestCsv(r: WalkForwardResult): string {
  let out = csvLine(['date', 'model', 'confidence', 'var', 'es', 'realized_pnl', 'exception', 'fz0_loss', 'quantile_loss', 'pit']);
  for (const f of r.forecasts) {
    r.config.confidence.forEach((c, l) => {
      const fz0 = fz0LossesOf(r.realized, f.var[l], f.es[l], 1 - c);
      const ql = quantileLoss(r.realized, f.var[l], 1 - c).losses;
      for (let d = 0; d < r.dates.length; d++) {
        out += csvLine([r.dates[d], f.model, c, f.var[l][d], f.es[l][d], r.realized[d], -r.realized[d] > f.var[l][d] ? 1 : 0, fz0 === null ? '' : fz0[d], ql[d], f.pit[d]]);
      }
    });
  }
  return out;
}

import type { RunOptions } from '../run-log.js';
import { compareForecasts, type BacktestComparison } from './compare.js';
import { evaluateBacktest, type ModelEvaluation } from './evaluate.js';
import { InputError } from '@tailforge/core';
import { walkForward, type BacktestRequest, type WalkForwardResult } from './walk-forward.js';

/** A walk-forward backtest's forecasts and realised P&L, and per model the exceptions and tests. */
export interface BacktestResult extends WalkForwardResult {
  readonly evaluation: readonly ModelEvaluation[];
  /** FZ0 / quantile losses, Diebold–Mariano against the reference and the model confidence set, per level. */
  readonly comparison: BacktestComparison | null;
}

/**
 * Walk-forward backtest of one-day (or h-day) VaR / ES: each model fitted on
 * the data up to each day only, its forecasts against the realised P&L, then
 * exceptions, Kupiec POF, Christoffersen, the Basel traffic light and the
 * Acerbi–Székely Z2 and Du–Escanciano ES tests per model and level, and the
 * forecast comparison (FZ0 loss, Diebold–Mariano against the reference
 * model, model confidence set). Writes no file.
 *
 * @example
 * const bt = await backtest({ portfolioFile: 'book.csv', pricesFile: 'prices.csv', models: ['bootstrap', 'gaussian'],
 *   modelParams: {}, from: '2000-01-03', refit: 20, horizon: 1, confidence: [0.99], paths: 2000, seed: 1, missing: 'error' });
 * bt.evaluation[0].levels[0].kupiec.pValue;
 */
export async function backtest(request: BacktestRequest, options: RunOptions = {}): Promise<BacktestResult> {
  if (request.reference !== undefined && !request.models.includes(request.reference)) {
    throw new InputError(`--reference ${request.reference} is not one of the backtested models (${request.models.join(', ')})`);
  }
  const result = await walkForward(request, options);
  return { ...result, evaluation: evaluateBacktest(result), comparison: compareForecasts(result) };
}

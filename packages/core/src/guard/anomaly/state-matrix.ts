import type { ReturnsMatrix } from '../../market/types.js';
import { stateFeatureNames, stateFromRows, stateSize } from '../../models/cgan/state-features.js';

/**
 * The market state on every date of a history that has one, as a feature
 * matrix: row i is the state as of the close of `dates[i]` (its
 * `stateWindow` returns end that day), with the cgan's state features
 * (models/cgan/state-features.ts: market and per-asset log volatilities,
 * the market's last 5 returns, each asset's 5-day move). The anomaly score
 * works on any feature matrix; these are the features a conditional model
 * is conditioned on, so they describe "today's market" as the model sees it.
 */
export interface StateMatrix {
  readonly dates: readonly string[];
  readonly names: readonly string[];
  readonly nFeatures: number;
  /** dates.length × nFeatures, row-major. */
  readonly values: Float64Array;
}

export function stateFeatureMatrix(returns: ReturnsMatrix, stateWindow: number): StateMatrix {
  const A = returns.symbols.length;
  const T = returns.dates.length;
  const p = stateSize(A);
  const n = Math.max(0, T - stateWindow + 1);
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) stateFromRows(returns.values, A, stateWindow + i, stateWindow, values, i * p);
  return { dates: returns.dates.slice(stateWindow - 1), names: stateFeatureNames(returns.symbols, stateWindow), nFeatures: p, values };
}

import type { ReturnsMatrix } from '../../market/types.js';
import { marketStateFromRows, marketStateNames, marketStateSize } from './market-state.js';

/**
 * The market state on every date of a history that has one, as a feature
 * matrix: row i is the state as of the close of `dates[i]` (its
 * `stateWindow` returns end that day), with the features of
 * market-state.ts (market and per-asset log volatilities, the market's last
 * 5 returns, each asset's 5-day move). The anomaly score works on any
 * feature matrix; these need no fitted model, so every history can be scored.
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
  const p = marketStateSize(A);
  const n = Math.max(0, T - stateWindow + 1);
  const values = new Float64Array(n * p);
  for (let i = 0; i < n; i++) marketStateFromRows(returns.values, A, stateWindow + i, stateWindow, values, i * p);
  return { dates: returns.dates.slice(stateWindow - 1), names: marketStateNames(returns.symbols, stateWindow), nFeatures: p, values };
}

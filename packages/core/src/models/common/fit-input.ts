import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { hashReturns } from '../../market/verbs/hash-returns.js';
import type { FitInfo } from '../model.js';

/**
 * Checks what every model needs of its fitting data: at least one symbol, a
 * values array of dates × symbols, at least `minObservations` rows and only
 * finite numbers (a NaN would silently poison every estimate).
 */
export function checkFitInput(model: string, returns: ReturnsMatrix, minObservations: number): void {
  const nAssets = returns.symbols.length;
  const nRows = returns.dates.length;
  if (nAssets === 0) throw new InputError(`model ${model} needs at least one symbol`);
  if (returns.values.length !== nRows * nAssets) {
    throw new InputError(
      `returns matrix holds ${returns.values.length} values, expected ${nRows} dates × ${nAssets} symbols = ${nRows * nAssets}`,
    );
  }
  if (nRows < minObservations) {
    throw new InputError(`model ${model} needs at least ${minObservations} daily returns, got ${nRows}`);
  }
  const v = returns.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      const t = Math.floor(i / nAssets);
      throw new InputError(`return of ${returns.symbols[i - t * nAssets]} on ${returns.dates[t]} is not finite (${v[i]})`);
    }
  }
}

/** The facts about the fitting data recorded with a model (see {@link FitInfo}). */
export function fitInfoFor(returns: ReturnsMatrix): FitInfo {
  return {
    nObservations: returns.dates.length,
    firstDate: returns.dates[0],
    lastDate: returns.dates[returns.dates.length - 1],
    dataHash: hashReturns(returns),
    fittedAt: new Date().toISOString(),
  };
}

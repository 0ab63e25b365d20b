import { InputError } from '../../errors.js';
import type { PriceTable } from '../types.js';

/** The last row of the table: its date and a copy of its prices (one per symbol). */
export function lastPrices(table: PriceTable): { date: string; prices: Float64Array } {
  const T = table.dates.length;
  if (T === 0) throw new InputError('the price table has no rows', table.source !== undefined ? { file: table.source } : {});
  const A = table.symbols.length;
  return { date: table.dates[T - 1], prices: table.prices.slice((T - 1) * A, T * A) };
}

import { InputError } from '../../errors.js';
import type { PriceTable } from '../types.js';
import { isoDateProblem } from '../table/iso-date.js';

export interface DateRange {
  /** First date kept (inclusive), YYYY-MM-DD. */
  readonly from?: string;
  /** Last date kept (inclusive), YYYY-MM-DD. */
  readonly to?: string;
  /** Keep only the last N rows (after `from`/`to`). */
  readonly last?: number;
}

/**
 * The rows with from ≤ date ≤ to, then the last `last` of them. The dates
 * need not be trading days. InputError for a malformed range or an empty result.
 */
export function sliceDates(table: PriceTable, range: DateRange): PriceTable {
  const { from, to, last } = range;
  for (const [name, d] of [['from', from], ['to', to]] as const) {
    if (d === undefined) continue;
    const problem = isoDateProblem(d);
    if (problem !== undefined) throw new InputError(`${name} date "${d}" ${problem}`);
  }
  if (from !== undefined && to !== undefined && from > to) {
    throw new InputError(`from date ${from} is after to date ${to}`);
  }
  if (last !== undefined && !(Number.isInteger(last) && last >= 1)) {
    throw new InputError(`last must be a whole number ≥ 1, got ${last}`);
  }
  const dates = table.dates;
  const T = dates.length;
  let lo = from === undefined ? 0 : lowerBound(dates, from);
  const hi = to === undefined ? T : upperBound(dates, to);
  if (last !== undefined) lo = Math.max(lo, hi - last);
  if (hi <= lo) {
    const covers = T > 0 ? `the data covers ${dates[0]} to ${dates[T - 1]}` : 'the data has no rows';
    throw new InputError(`no prices from ${from ?? 'the start'} to ${to ?? 'the end'}; ${covers}`,
      table.source !== undefined ? { file: table.source } : {});
  }
  const A = table.symbols.length;
  return {
    dates: dates.slice(lo, hi),
    symbols: table.symbols,
    prices: table.prices.slice(lo * A, hi * A),
    source: table.source,
  };
}

/** First index with dates[i] >= d (string order is date order for YYYY-MM-DD). */
function lowerBound(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with dates[i] > d. */
function upperBound(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

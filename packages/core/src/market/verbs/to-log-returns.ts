import { InputError } from '../../errors.js';
import type { PriceTable, ReturnsMatrix } from '../types.js';

/**
 * Daily log returns r[t, a] = ln(P[t+1, a] / P[t, a]) for t = 0 … T−2, with
 * `dates[t]` the later price's date (the end of the interval). The ratio form
 * gives exactly 0 for a repeated price.
 *
 * Gaps: rows are taken as they come. A weekend, holiday or a date removed by
 * `--missing drop` is not filled in; the return simply spans the gap (one
 * row = one observation, whatever the calendar distance).
 *
 * Repeated prices: zero returns are kept. They are real data (a holiday on
 * one exchange while others trade, or a forward-filled price) and dropping
 * them would misalign the symbols' rows.
 *
 * Throws InputError when there are fewer than `minObservations` returns
 * (default 1).
 */
export function toLogReturns(table: PriceTable, options: { minObservations?: number } = {}): ReturnsMatrix {
  const min = options.minObservations ?? 1;
  if (!Number.isInteger(min) || min < 1) throw new RangeError(`minObservations must be a whole number ≥ 1, got ${min}`);
  const T = table.dates.length;
  const A = table.symbols.length;
  const n = Math.max(T - 1, 0);
  const where = table.source !== undefined ? { file: table.source } : {};
  if (n < min) {
    throw new InputError(`needs at least ${min} returns, the file has ${n} (after the missing-data policy)`, where);
  }
  const p = table.prices;
  if (p.length !== T * A) throw new RangeError(`prices hold ${p.length} values, expected ${T} dates × ${A} symbols`);
  const out = new Float64Array(n * A);
  for (let i = 0; i < n * A; i++) {
    const p0 = p[i];
    const p1 = p[i + A];
    // The table promises prices > 0; a table built by hand may not keep that promise.
    if (!(p0 > 0 && p1 > 0 && p0 < Infinity && p1 < Infinity)) {
      const bad = p0 > 0 && p0 < Infinity ? i + A : i;
      throw new InputError(`price ${p[bad]} on ${table.dates[Math.floor(bad / A)]} is not a finite positive number`, {
        ...where, column: table.symbols[bad % A],
      });
    }
    out[i] = Math.log(p1 / p0);
  }
  return { dates: table.dates.slice(1), symbols: table.symbols, values: out };
}

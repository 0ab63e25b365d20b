import type { PriceTable } from '../types.js';
import { resolveSymbols } from '../table/symbols.js';

/** The columns of `symbols`, in that order (InputError for an unknown or repeated symbol). */
export function selectSymbols(table: PriceTable, symbols: readonly string[]): PriceTable {
  const idx = resolveSymbols(table.symbols, symbols, table.source !== undefined ? { file: table.source } : {});
  const A0 = table.symbols.length;
  const A = idx.length;
  const T = table.dates.length;
  const src = table.prices;
  const out = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    const i0 = t * A0;
    const o = t * A;
    for (let k = 0; k < A; k++) out[o + k] = src[i0 + idx[k]];
  }
  return { dates: table.dates, symbols: [...symbols], prices: out, source: table.source };
}

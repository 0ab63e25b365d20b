import type { ReturnsMatrix } from '../../market/types.js';
import { resolveSymbols } from '../../market/table/symbols.js';

/** The columns of `symbols` of a returns matrix, in that order (InputError naming a missing symbol). */
export function returnsFor(returns: ReturnsMatrix, symbols: readonly string[]): ReturnsMatrix {
  if (returns.symbols.length === symbols.length && returns.symbols.every((s, i) => s === symbols[i])) return returns;
  const idx = resolveSymbols(returns.symbols, symbols, {}, 'the returns');
  const A0 = returns.symbols.length, A = idx.length, T = returns.dates.length;
  const out = new Float64Array(T * A);
  for (let t = 0; t < T; t++) for (let k = 0; k < A; k++) out[t * A + k] = returns.values[t * A0 + idx[k]];
  return { dates: returns.dates, symbols: [...symbols], values: out };
}

import { InputError, type PriceTable } from '@tailforge/core';

/**
 * The columns of two price tables side by side on the dates both have (an
 * inner join: FX rates of a separate file beside the prices). The dates
 * kept must be at least two; `label` names the second table in errors.
 */
export function joinOnDates(a: PriceTable, b: PriceTable, label: string): PriceTable {
  const rowOf = new Map(b.dates.map((d, i) => [d, i]));
  const keep: Array<[number, number]> = [];
  a.dates.forEach((d, i) => {
    const j = rowOf.get(d);
    if (j !== undefined) keep.push([i, j]);
  });
  if (keep.length < 2) {
    throw new InputError(`shares ${keep.length} date(s) with the prices (${a.dates[0]}..${a.dates[a.dates.length - 1]}); expected the same trading days`, { file: label });
  }
  const A = a.symbols.length;
  const B = b.symbols.length;
  const prices = new Float64Array(keep.length * (A + B));
  keep.forEach(([i, j], r) => {
    prices.set(a.prices.subarray(i * A, (i + 1) * A), r * (A + B));
    prices.set(b.prices.subarray(j * B, (j + 1) * B), r * (A + B) + A);
  });
  return { dates: keep.map(([i]) => a.dates[i]), symbols: [...a.symbols, ...b.symbols], prices, ...(a.source ? { source: a.source } : {}) };
}

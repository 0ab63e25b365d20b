import type { ReturnsMatrix } from '../../src/market/types.js';

/** `n` strictly increasing ISO dates, one calendar day apart from 2000-01-03. */
export function isoDates(n: number): string[] {
  const start = Date.UTC(2000, 0, 3);
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** A returns matrix from a function of (row, asset). */
export function returnsFrom(nRows: number, symbols: string[], f: (t: number, a: number) => number): ReturnsMatrix {
  const values = new Float64Array(nRows * symbols.length);
  for (let t = 0; t < nRows; t++) for (let a = 0; a < symbols.length; a++) values[t * symbols.length + a] = f(t, a);
  return { dates: isoDates(nRows), symbols, values };
}

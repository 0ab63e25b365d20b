import type { PriceTable } from '../../market/types.js';
import { detectFrequency, type FrequencyInfo } from '../../market/table/frequency.js';

import type { MissingCellAt } from '../../market/format/read-prices-csv.js';

/** A missing cell of the input (filled by `ffill`, or why its row was dropped by `drop`). */
export type MissingCell = MissingCellAt;

/**
 * What the checks share, computed once: the table, its log returns, its
 * frequency, which prices were filled forward, which dates were dropped, and
 * each asset's robust return scale.
 */
export interface DataCheckContext {
  readonly table: PriceTable;
  /** (T − 1) × A log returns, row t ending on dates[t + 1]. */
  readonly returns: Float64Array;
  readonly nReturns: number;
  readonly frequency: FrequencyInfo;
  /** T × A: 1 where the price was carried forward by `--missing ffill`. */
  readonly filled: Uint8Array;
  /** Dates dropped by `--missing drop`, sorted. */
  readonly dropped: readonly string[];
  /**
   * Per asset: 1.4826 × the median absolute deviation of its returns (a
   * normal's σ; robust to the very outliers the checks look for), or their
   * standard deviation when more than half of them are equal (MAD 0).
   */
  readonly scale: Float64Array;
}

/** Median of a Float64Array (sorted in place). */
export function medianInPlace(x: Float64Array): number {
  const n = x.length;
  if (n === 0) return NaN;
  x.sort();
  return n % 2 === 1 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

export function makeContext(table: PriceTable, cells: readonly MissingCell[], policy: string | undefined): DataCheckContext {
  const T = table.dates.length;
  const A = table.symbols.length;
  const n = Math.max(T - 1, 0);
  const p = table.prices;
  const returns = new Float64Array(n * A);
  for (let i = 0; i < n * A; i++) returns[i] = Math.log(p[i + A] / p[i]);
  const filled = new Uint8Array(T * A);
  const dropped: string[] = [];
  if (cells.length > 0) {
    const row = new Map<string, number>();
    table.dates.forEach((d, t) => row.set(d, t));
    const col = new Map<string, number>();
    table.symbols.forEach((s, a) => col.set(s, a));
    const droppedSet = new Set<string>();
    for (const c of cells) {
      const t = row.get(c.date);
      const a = col.get(c.symbol);
      if (policy !== 'drop' && t !== undefined && a !== undefined) filled[t * A + a] = 1;
      else if (t === undefined) droppedSet.add(c.date);
    }
    dropped.push(...[...droppedSet].sort());
  }
  const scale = new Float64Array(A);
  const col = new Float64Array(n);
  for (let a = 0; a < A; a++) {
    for (let t = 0; t < n; t++) col[t] = returns[t * A + a];
    let mean = 0;
    for (let t = 0; t < n; t++) mean += col[t];
    mean /= Math.max(n, 1);
    let ss = 0;
    for (let t = 0; t < n; t++) ss += (col[t] - mean) ** 2;
    const sd = Math.sqrt(ss / Math.max(n - 1, 1));
    const med = medianInPlace(col);
    for (let t = 0; t < n; t++) col[t] = Math.abs(col[t] - med);
    const mad = 1.4826 * medianInPlace(col);
    scale[a] = mad > 0 ? mad : sd;
  }
  return { table, returns, nReturns: n, frequency: detectFrequency(table.dates), filled, dropped, scale };
}

/** `2008-09-15` or `2008-09-15..2008-10-03` as a dates list for a finding. */
export function dateSpan(first: string, last: string): string[] {
  return first === last ? [first] : [first, last];
}

/** A number for a message: 3 significant digits. */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(+x.toPrecision(3));
}

export const pct = (x: number): string => `${+(x * 100).toFixed(1)}%`;

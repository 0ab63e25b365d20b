/**
 * Market data as typed, column-aligned arrays. Matrices are row-major with one
 * row per date and one column per symbol: `values[t * symbols.length + a]`.
 */

/** Prices as read from a file, after the missing-data policy was applied. */
export interface PriceTable {
  /** ISO dates (YYYY-MM-DD), strictly increasing. */
  readonly dates: readonly string[];
  readonly symbols: readonly string[];
  /** T × A prices, row-major, all finite and > 0. */
  readonly prices: Float64Array;
  /** Provenance: file path, when read from one. */
  readonly source?: string;
}

/**
 * Log returns r[t, a] = ln(P[t+1, a] / P[t, a]). `dates[t]` is the date at the
 * END of the return interval (the later price's date), so there is one fewer
 * row than in the price table it came from.
 */
export interface ReturnsMatrix {
  readonly dates: readonly string[];
  readonly symbols: readonly string[];
  /** T × A log returns, row-major. */
  readonly values: Float64Array;
}

/**
 * What to do with a missing cell (`NA`, `NaN`, `null` or empty):
 * - `error`: stop and name the missing cells (the default);
 * - `ffill`: carry the symbol's last known price forward (a missing first price stays an error);
 * - `drop`: drop every date on which any selected symbol is missing.
 */
export type MissingPolicy = 'error' | 'ffill' | 'drop';
export const MISSING_POLICIES: readonly MissingPolicy[] = ['error', 'ffill', 'drop'];

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { readPricesCsv } from '../market/format/read-prices-csv.js';
import { toLogReturns } from '../market/verbs/to-log-returns.js';
import type { ReturnsMatrix } from '../market/types.js';

/** The Dow Jones prices shipped in the repository's examples/ (1990-12-31 … 2001-01-02, 30 stocks). */
export const SHIPPED_PRICES = fileURLToPath(new URL('../../../../examples/dowjones30_prices.csv', import.meta.url));

/** Four liquid, not too correlated stocks of the shipped file: small enough for every model to be fast. */
export const CONFORMANCE_SYMBOLS: readonly string[] = ['AA', 'IBM', 'KO', 'MSFT'];

/**
 * The daily log returns the conformance kit fits on: `symbols` of a price
 * file (default: the shipped Dow Jones prices), the last `observations` rows.
 */
export async function conformanceReturns(options: { prices?: string; symbols?: readonly string[]; observations: number }): Promise<ReturnsMatrix> {
  const file = options.prices ?? SHIPPED_PRICES;
  if (options.prices === undefined && !existsSync(file)) {
    throw new InputError(`the shipped example prices are not here (${file}); give a prices file`);
  }
  const table = await readPricesCsv(file, { symbols: options.symbols ?? CONFORMANCE_SYMBOLS });
  const all = toLogReturns(table, { minObservations: options.observations });
  const A = all.symbols.length;
  const start = all.dates.length - options.observations;
  return { symbols: all.symbols, dates: all.dates.slice(start), values: all.values.slice(start * A) };
}

import { InputError } from '../../errors.js';
import { detectFrequency, type FrequencyInfo } from '../table/frequency.js';
import type { MissingPolicy, PriceTable } from '../types.js';
import { readPricesCsvWithReport, type MissingCellAt, type MissingDataReport } from './read-prices-csv.js';
import { readReturnsCsv, type ReturnsKind } from './read-returns-csv.js';

/** Where market data comes from: a prices file, or a returns file (see read-returns-csv.ts). */
export interface MarketDataSource {
  readonly prices?: string;
  readonly returns?: string;
  /** For `returns`; required with it. */
  readonly returnsKind?: ReturnsKind;
  readonly symbols?: readonly string[];
  readonly missing?: MissingPolicy;
}

/** Market data as every command uses it: a price table (an index for returns) and what reading it did. */
export interface MarketData {
  readonly table: PriceTable;
  readonly report: MissingDataReport;
  readonly cells: readonly MissingCellAt[];
  readonly input: { readonly kind: 'prices' | 'returns'; readonly file: string; readonly returnsKind?: ReturnsKind; readonly baseDate?: string };
  readonly frequency: FrequencyInfo;
}

/**
 * Reads `--prices FILE` or `--returns FILE --returns-kind simple|log` (exactly
 * one of them) into a price table. InputError for neither, both, or a
 * returns file without its kind.
 */
export async function readMarketData(source: MarketDataSource): Promise<MarketData> {
  const { prices, returns, returnsKind, symbols, missing } = source;
  if ((prices === undefined) === (returns === undefined)) {
    throw new InputError(prices === undefined ? 'give the market data: --prices FILE or --returns FILE' : 'give --prices or --returns, not both');
  }
  const options = { ...(symbols !== undefined ? { symbols } : {}), ...(missing !== undefined ? { missing } : {}) };
  if (prices !== undefined) {
    if (returnsKind !== undefined) throw new InputError('--returns-kind goes with --returns, not --prices');
    const { table, report, cells } = await readPricesCsvWithReport(prices, options);
    return { table, report, cells, input: { kind: 'prices', file: prices }, frequency: detectFrequency(table.dates) };
  }
  if (returnsKind === undefined) throw new InputError('--returns needs --returns-kind simple or log (R = P1/P0 − 1, or r = ln(P1/P0))');
  const r = await readReturnsCsv(returns as string, { ...options, kind: returnsKind });
  return {
    table: r.table,
    report: r.report,
    cells: r.cells,
    input: { kind: 'returns', file: returns as string, returnsKind, baseDate: r.baseDate },
    frequency: r.frequency,
  };
}

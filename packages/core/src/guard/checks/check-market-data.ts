import type { MarketData } from '../../market/format/read-market-data.js';
import { sortFindings, type Finding } from '../finding.js';
import { checkData, type CheckDataOptions } from './check-data.js';
import { checkReturnsFile } from './returns-file.js';

/**
 * The data checks of market data as read by `readMarketData`: {@link checkData}
 * on its table, plus, for a returns file, the returns-file findings (its
 * frequency, returns given in percent). Sorted, errors first.
 */
export function checkMarketData(data: MarketData, options: CheckDataOptions = {}): Finding[] {
  const findings = checkData(data.table, { report: data.report, cells: data.cells }, options);
  if (data.input.kind !== 'returns') return findings;
  const ignore = new Set(options.ignore ?? []);
  const extra = checkReturnsFile({
    table: data.table,
    frequency: data.frequency,
    kind: data.input.returnsKind ?? 'log',
    baseDate: data.input.baseDate ?? data.table.dates[0],
  }).filter((f) => !ignore.has(f.code));
  return sortFindings([...findings, ...extra]);
}

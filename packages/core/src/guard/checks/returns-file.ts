import type { ReturnsFile } from '../../market/format/read-returns-csv.js';
import type { Finding } from '../finding.js';
import { medianInPlace, num } from './context.js';

/**
 * Facts and problems of a returns file (`--returns`), beside the data checks
 * its price index goes through:
 *
 * - `returns-frequency` (`info`, or `warn` when irregular): the detected
 *   frequency, in which horizons then count;
 * - `returns-in-percent` (`error`): a column whose median absolute return is
 *   at least {@link PERCENT_MEDIAN_ABS} (0.5 = 50% a period; real monthly
 *   returns have a median near 0.04, daily ones near 0.01), so 1.5 probably
 *   meant 1.5%.
 */
export const PERCENT_MEDIAN_ABS = 0.5;

export function checkReturnsFile(file: Pick<ReturnsFile, 'table' | 'frequency' | 'kind' | 'baseDate'>): Finding[] {
  const { table, frequency: f, kind } = file;
  const out: Finding[] = [];
  const unit = { daily: 'days', weekly: 'weeks', monthly: 'months', quarterly: 'quarters', irregular: 'periods' }[f.frequency];
  out.push({
    code: 'returns-frequency',
    severity: f.frequency === 'irregular' ? 'warn' : 'info',
    message:
      f.frequency === 'irregular'
        ? `${kind} returns at no regular frequency (median spacing ${num(f.medianSpacingDays)} calendar days): horizons count in rows of the file`
        : `${f.frequency} ${kind} returns (median spacing ${num(f.medianSpacingDays)} calendar day${f.medianSpacingDays === 1 ? "" : "s"}): horizons count in ${unit}; the price index starts at 1 on ${file.baseDate}`,
    details: { frequency: f.frequency, medianSpacingDays: f.medianSpacingDays, periodsPerYear: f.periodsPerYear },
  });
  const A = table.symbols.length;
  const T = table.dates.length;
  const col = new Float64Array(T - 1);
  for (let a = 0; a < A; a++) {
    for (let t = 1; t < T; t++) col[t - 1] = Math.abs(Math.log(table.prices[t * A + a] / table.prices[(t - 1) * A + a]));
    const med = medianInPlace(col);
    if (med >= PERCENT_MEDIAN_ABS) {
      out.push({
        code: 'returns-in-percent',
        severity: 'error',
        symbol: table.symbols[a],
        message: `${table.symbols[a]}: the median absolute log return is ${num(med)} a period; are the returns in percent? divide them by 100`,
        details: { medianAbsLogReturn: med },
      });
    }
  }
  return out;
}

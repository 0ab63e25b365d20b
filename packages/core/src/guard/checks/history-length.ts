import type { Finding } from '../finding.js';
import type { DataCheckContext } from './context.js';

/**
 * Too little history. `error` when there are fewer returns than the model
 * needs (its minObservations; the fit would refuse). `warn` below
 * {@link SHORT_HISTORY_YEARS} years of data at the file's frequency (one
 * year: 252 daily, 52 weekly, 12 monthly returns): a 99% quantile from one
 * year of daily returns rests on 2 or 3 observations beyond it, and shorter
 * histories have not seen a stress period at all.
 */
export const SHORT_HISTORY_YEARS = 1;

export function checkHistoryLength(ctx: DataCheckContext, options: { minObservations?: number; model?: string }): Finding[] {
  const n = ctx.nReturns;
  const f = ctx.frequency;
  const unit = f.frequency === 'irregular' ? '' : `${f.frequency} `;
  const out: Finding[] = [];
  const min = options.minObservations;
  if (min !== undefined && n < min) {
    out.push({
      code: 'history-too-short',
      severity: 'error',
      message: `${n} ${unit}returns, the model${options.model !== undefined ? ` ${options.model}` : ''} needs at least ${min}`,
      details: { returns: n, minObservations: min },
    });
    return out;
  }
  const year = Math.round(SHORT_HISTORY_YEARS * (f.periodsPerYear > 0 ? f.periodsPerYear : 252));
  if (n < year) {
    out.push({
      code: 'short-history',
      severity: 'warn',
      dates: [ctx.table.dates[0], ctx.table.dates[ctx.table.dates.length - 1]],
      message: `only ${n} ${unit}returns (less than ${SHORT_HISTORY_YEARS === 1 ? 'a year' : `${SHORT_HISTORY_YEARS} years`}, ${year}): tail quantiles rest on a handful of observations`,
      details: { returns: n, oneYear: year },
    });
  }
  return out;
}

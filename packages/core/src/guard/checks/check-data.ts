import type { MissingDataReport } from '../../market/format/read-prices-csv.js';
import type { PriceTable } from '../../market/types.js';
import { sortFindings, type Finding } from '../finding.js';
import { checkCalendarGaps } from './calendar-gaps.js';
import { makeContext, type MissingCell } from './context.js';
import { checkHistoryLength } from './history-length.js';
import { checkMissingCells } from './missing-cells.js';
import { checkReturnsLike } from './returns-like.js';
import { checkRevertingJumps } from './reverting-jumps.js';
import { checkStaleRuns } from './stale-runs.js';
import { checkZeroReturns } from './zero-returns.js';

/** What the reader did with missing cells: its report and the cells themselves (see readPricesCsvWithReport). */
export interface MissingDataDetail {
  readonly report?: MissingDataReport;
  readonly cells?: readonly MissingCell[];
}

export interface CheckDataOptions {
  /** Fewest returns the model to be fitted needs (an `error` below it). */
  readonly minObservations?: number;
  /** The model's name, for that message. */
  readonly model?: string;
  /** Codes of findings to leave out (e.g. a user who knows the file has holiday rows). */
  readonly ignore?: readonly string[];
}

/** Names of the checks {@link checkData} runs, in order. */
export const DATA_CHECKS = ['returns-like', 'history-length', 'stale-runs', 'zero-returns', 'reverting-jumps', 'calendar-gaps', 'missing-cells'] as const;

/**
 * Runs every data check on a price table (as read, after the missing-data
 * policy) and returns the findings, sorted (errors first). Each check is its
 * own module, with its thresholds in its doc comment:
 *
 * - returns-like.ts      a file of returns read as prices (`error`)
 * - history-length.ts    fewer returns than the model needs (`error`), less than a year (`warn`)
 * - stale-runs.ts        runs of equal consecutive prices
 * - zero-returns.ts      share of zero returns per asset, per weekday, all-unchanged dates
 * - reverting-jumps.ts   bad ticks (jumps taken back next day), unadjusted splits
 * - calendar-gaps.ts     dates further apart than the frequency allows
 * - missing-cells.ts     filled or dropped cells, and whether in a high-volatility period
 *
 * A table that looks like returns gets only that finding: the other checks
 * would describe returns as if they were prices.
 */
export function checkData(table: PriceTable, missing: MissingDataDetail = {}, options: CheckDataOptions = {}): Finding[] {
  const ctx = makeContext(table, missing.cells ?? [], missing.report?.policy);
  const returnsLike = checkReturnsLike(ctx);
  const findings = returnsLike.length > 0
    ? returnsLike
    : [
        ...checkHistoryLength(ctx, options),
        ...checkStaleRuns(ctx),
        ...checkZeroReturns(ctx),
        ...checkRevertingJumps(ctx),
        ...checkCalendarGaps(ctx),
        ...checkMissingCells(ctx),
      ];
  const ignore = new Set(options.ignore ?? []);
  return sortFindings(findings.filter((f) => !ignore.has(f.code)));
}

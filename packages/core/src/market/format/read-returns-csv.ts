import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { PriceTable } from '../types.js';
import { dayNumber, detectFrequency, type FrequencyInfo } from '../table/frequency.js';
import { parsePricesCsv, type MissingCellAt, type MissingDataReport, type ReadPricesOptions } from './read-prices-csv.js';

/**
 * Return series instead of prices (`--returns FILE`): fund or index returns,
 * daily, weekly or monthly. The file has the layout of a price file (header
 * `date,SYM1,...`, one row per date, dates strictly increasing); each cell is
 * the return over the period ending on its row's date:
 *
 * - `simple`: R_t = P_t / P_{t−1} − 1, so every value must be > −1;
 * - `log`:    r_t = ln(P_t / P_{t−1}), any finite value.
 *
 * The returns become an equivalent price index starting at 1, so every
 * command downstream (models, paths, revaluation) works unchanged:
 * P_0 = 1 on a base date one period before the first row, and
 * P_t = P_{t−1}·(1 + R_t) or P_{t−1}·e^{r_t}. The log returns of the index
 * are the file's log returns (or ln(1 + R_t)) up to rounding (≤ 1e-12).
 * A missing cell under `--missing ffill` is a zero return (the index stays
 * put); under `--missing drop` its row goes.
 *
 * The frequency is detected from the dates (see frequency.ts) and stated;
 * horizons downstream count in periods of that frequency.
 */
export type ReturnsKind = 'simple' | 'log';
export const RETURNS_KINDS: readonly ReturnsKind[] = ['simple', 'log'];

export interface ReadReturnsOptions extends ReadPricesOptions {
  readonly kind: ReturnsKind;
}

export interface ReturnsFile {
  /** The price index (base date first, then one row per row of the file). */
  readonly table: PriceTable;
  readonly report: MissingDataReport;
  readonly cells: readonly MissingCellAt[];
  readonly kind: ReturnsKind;
  readonly frequency: FrequencyInfo;
  /** The synthetic date of the index's starting value 1 (one period before the first return). */
  readonly baseDate: string;
}

/** Reads a returns file into a price index (see the module comment). */
export async function readReturnsCsv(path: string, options: ReadReturnsOptions): Promise<ReturnsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a CSV file' : `cannot read the file (${(e as Error).message})`;
    throw new InputError(reason, { file: path }, { cause: e });
  }
  return parseReturnsCsv(text, path, options);
}

/** {@link readReturnsCsv} on the text of a file; `file` is only used in messages. */
export function parseReturnsCsv(text: string, file: string, options: ReadReturnsOptions): ReturnsFile {
  const kind = options.kind;
  if (!RETURNS_KINDS.includes(kind)) throw new InputError(`unknown returns kind "${String(kind)}"; use simple or log`);
  const { table: raw, report, cells } = parsePricesCsv(text, file, options, 'returns');
  const { dates, symbols } = raw;
  const A = symbols.length;
  const T = dates.length;
  const v = raw.prices;
  for (let i = 0; i < T * A; i++) {
    if (kind === 'simple' && !(v[i] > -1)) {
      const hint = v[i] < -1 ? '; are the returns in percent? divide them by 100' : '';
      throw new InputError(`simple return ${v[i]} on ${dates[Math.floor(i / A)]} must be > -1 (a loss of 100% or more leaves no price)${hint}`, {
        file, column: symbols[i % A],
      });
    }
  }
  const frequency = detectFrequency(dates);
  const baseDate = periodBefore(dates[0], frequency);
  const index = new Float64Array((T + 1) * A);
  for (let a = 0; a < A; a++) index[a] = 1;
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) {
      const r = v[t * A + a];
      const g = kind === 'simple' ? 1 + r : Math.exp(r);
      const p = index[t * A + a] * g;
      if (!(p > 0 && p < Infinity)) {
        throw new InputError(`the returns of ${symbols[a]} up to ${dates[t]} take the price index to ${p}, outside what a number holds; are they in percent?`, {
          file, column: symbols[a],
        });
      }
      index[(t + 1) * A + a] = p;
    }
  }
  return {
    table: { dates: [baseDate, ...dates], symbols, prices: index, source: file },
    report,
    cells,
    kind,
    frequency,
    baseDate,
  };
}

function isoFromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The date one period before `date`: the previous weekday (daily), 7 days
 * earlier (weekly), the same day 1 or 3 months earlier, or the month's end
 * when `date` is a month end (monthly, quarterly), or the median spacing
 * earlier (irregular).
 */
export function periodBefore(date: string, f: FrequencyInfo): string {
  const day = dayNumber(date);
  if (f.frequency === 'daily') {
    let d = day - 1;
    while ([0, 6].includes(new Date(d * 86_400_000).getUTCDay())) d--;
    return isoFromDay(d);
  }
  if (f.frequency === 'weekly') return isoFromDay(day - 7);
  if (f.frequency === 'monthly' || f.frequency === 'quarterly') {
    const months = f.frequency === 'monthly' ? 1 : 3;
    const y = +date.slice(0, 4);
    const m = +date.slice(5, 7) - 1;
    const d = +date.slice(8, 10);
    const monthEnd = new Date(Date.UTC(y, m + 1, 0)).getUTCDate() === d;
    const lastOfTarget = new Date(Date.UTC(y, m - months + 1, 0)).getUTCDate();
    const dd = monthEnd ? lastOfTarget : Math.min(d, lastOfTarget);
    return new Date(Date.UTC(y, m - months, dd)).toISOString().slice(0, 10);
  }
  return isoFromDay(day - Math.max(1, Math.round(f.medianSpacingDays)));
}

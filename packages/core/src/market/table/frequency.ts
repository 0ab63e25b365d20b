/**
 * The sampling frequency of a dated series, read off the median calendar
 * distance between consecutive dates (the median ignores weekends, holidays
 * and the odd gap):
 *
 *   median ≤ 4 days   daily      (trading days: 1, or 3 over a weekend)
 *   5 … 10 days       weekly
 *   26 … 35 days      monthly
 *   85 … 95 days      quarterly
 *   anything else     irregular
 */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'irregular';

export interface FrequencyInfo {
  readonly frequency: Frequency;
  /** Median calendar days between consecutive dates (0 for fewer than 2 dates). */
  readonly medianSpacingDays: number;
  /** Observations per year at this frequency (252, 52, 12, 4), or the calendar estimate when irregular. */
  readonly periodsPerYear: number;
  /** Calendar days of one period at this frequency (1, 7, 30.44, 91.3), or the median spacing. */
  readonly nominalDays: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Day of the week of a YYYY-MM-DD date: 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** See the module comment. */
export function detectFrequency(dates: readonly string[]): FrequencyInfo {
  const n = dates.length;
  if (n < 2) return { frequency: 'irregular', medianSpacingDays: 0, periodsPerYear: 0, nominalDays: 0 };
  const gaps = new Float64Array(n - 1);
  let prev = dayNumber(dates[0]);
  for (let i = 1; i < n; i++) {
    const d = dayNumber(dates[i]);
    gaps[i - 1] = d - prev;
    prev = d;
  }
  gaps.sort();
  const m = gaps.length;
  const median = m % 2 === 1 ? gaps[(m - 1) / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2;
  if (median <= 4) return { frequency: 'daily', medianSpacingDays: median, periodsPerYear: 252, nominalDays: 1 };
  if (median >= 5 && median <= 10) return { frequency: 'weekly', medianSpacingDays: median, periodsPerYear: 52, nominalDays: 7 };
  if (median >= 26 && median <= 35) return { frequency: 'monthly', medianSpacingDays: median, periodsPerYear: 12, nominalDays: 365.25 / 12 };
  if (median >= 85 && median <= 95) return { frequency: 'quarterly', medianSpacingDays: median, periodsPerYear: 4, nominalDays: 365.25 / 4 };
  return { frequency: 'irregular', medianSpacingDays: median, periodsPerYear: 365.25 / median, nominalDays: median };
}

import { dayNumber } from '../../market/table/frequency.js';
import type { Finding } from '../finding.js';
import { num, type DataCheckContext } from './context.js';

/**
 * Calendar gaps: consecutive dates further apart than the frequency allows,
 * so one return spans what should be several. Daily data: more than
 * {@link DAILY_GAP_INFO_DAYS} (5) calendar days is `info` (a long weekend with
 * a holiday is 4; a market closure such as the week after 11 September 2001
 * is 7), more than {@link DAILY_GAP_WARN_DAYS} (10) is `warn` (missing data).
 * Other frequencies: more than 1.5 periods `info`, more than 2.5 `warn`.
 * At most {@link MAX_GAPS_LISTED} gaps get a finding each, the largest first;
 * the rest are counted in one more.
 */
export const DAILY_GAP_INFO_DAYS = 5;
export const DAILY_GAP_WARN_DAYS = 10;
export const MAX_GAPS_LISTED = 10;

export function checkCalendarGaps(ctx: DataCheckContext): Finding[] {
  const { dates } = ctx.table;
  const f = ctx.frequency;
  if (f.frequency === 'irregular' || dates.length < 2) return [];
  const daily = f.frequency === 'daily';
  const infoAt = daily ? DAILY_GAP_INFO_DAYS : 1.5 * f.nominalDays;
  const warnAt = daily ? DAILY_GAP_WARN_DAYS : 2.5 * f.nominalDays;
  const gaps: { from: string; to: string; days: number }[] = [];
  for (let t = 1; t < dates.length; t++) {
    const days = dayNumber(dates[t]) - dayNumber(dates[t - 1]);
    if (days > infoAt) gaps.push({ from: dates[t - 1], to: dates[t], days });
  }
  gaps.sort((a, b) => b.days - a.days || (a.from < b.from ? -1 : 1));
  const out: Finding[] = gaps.slice(0, MAX_GAPS_LISTED).map((g) => {
    const severity = g.days > warnAt ? 'warn' : 'info';
    return {
      code: 'calendar-gap',
      severity,
      dates: [g.from, g.to],
      message: `no ${f.frequency} data between ${g.from} and ${g.to} (${g.days} calendar days)` +
        (severity === 'warn' ? ': one return spans the whole gap, which understates or merges its moves' : ''),
      details: { calendarDays: g.days, threshold: num(severity === 'warn' ? warnAt : infoAt) },
    };
  });
  if (gaps.length > MAX_GAPS_LISTED) {
    const rest = gaps.slice(MAX_GAPS_LISTED);
    const warn = rest.some((g) => g.days > warnAt);
    out.push({
      code: 'calendar-gap',
      severity: warn ? 'warn' : 'info',
      message: `${rest.length} more gaps of ${rest[rest.length - 1].days} to ${rest[0].days} calendar days`,
      details: { gaps: rest.length },
    });
  }
  return out;
}

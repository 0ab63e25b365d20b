import { dayNumber } from '../../market/table/frequency.js';
import type { Finding } from '../finding.js';
import { dateSpan, type DataCheckContext } from './context.js';

/**
 * Stale runs: k or more equal consecutive prices of one asset. A price that
 * does not move for weeks is a quote nobody updated (an illiquid line, a
 * feed that stopped), and it hides the asset's risk: a flat stretch then a
 * catch-up jump.
 *
 * Thresholds: a run of at least {@link STALE_WARN_PRICES} equal prices
 * spanning at least {@link STALE_WARN_DAYS} calendar days is `warn` (two
 * weeks without a move; for weekly or monthly data three equal prices in a
 * row); a run of at least {@link STALE_INFO_PRICES} prices spanning at least
 * {@link STALE_INFO_DAYS} days is `info` (a week: a cheap stock quoted in
 * cents can sit still that long). Runs that include prices filled by
 * `--missing ffill` are left to the missing-cells check. One finding per
 * asset and severity, naming the longest run.
 */
export const STALE_WARN_PRICES = 3;
export const STALE_WARN_DAYS = 14;
export const STALE_INFO_PRICES = 6;
export const STALE_INFO_DAYS = 7;

export function checkStaleRuns(ctx: DataCheckContext): Finding[] {
  const { table, filled } = ctx;
  const { dates, symbols, prices } = table;
  const T = dates.length;
  const A = symbols.length;
  const out: Finding[] = [];
  for (let a = 0; a < A; a++) {
    const runs: { severity: 'warn' | 'info'; start: number; end: number }[] = [];
    let start = 0;
    let anyFilled = filled[a] === 1;
    const close = (end: number): void => {
      const len = end - start + 1;
      if (len < 2 || anyFilled) return;
      const span = dayNumber(dates[end]) - dayNumber(dates[start]);
      if (len >= STALE_WARN_PRICES && span >= STALE_WARN_DAYS) runs.push({ severity: 'warn', start, end });
      else if (len >= STALE_INFO_PRICES && span >= STALE_INFO_DAYS) runs.push({ severity: 'info', start, end });
    };
    for (let t = 1; t < T; t++) {
      if (prices[t * A + a] === prices[(t - 1) * A + a]) {
        if (filled[t * A + a] === 1) anyFilled = true;
        continue;
      }
      close(t - 1);
      start = t;
      anyFilled = filled[t * A + a] === 1;
    }
    close(T - 1);
    for (const severity of ['warn', 'info'] as const) {
      const these = runs.filter((r) => r.severity === severity);
      if (these.length === 0) continue;
      const longest = these.reduce((b, r) => (r.end - r.start > b.end - b.start ? r : b));
      const len = longest.end - longest.start + 1;
      const from = dates[longest.start];
      const to = dates[longest.end];
      const what = these.length === 1 ? `a run of ${len} equal prices` : `${these.length} runs of equal prices, the longest ${len}`;
      out.push({
        code: 'stale-run',
        severity,
        symbol: symbols[a],
        dates: dateSpan(from, to),
        message:
          `${symbols[a]}: ${what} (${from}..${to}, price ${prices[longest.start * A + a]})` +
          (severity === 'warn' ? ': a stale quote hides the asset\'s risk (a flat stretch, then a catch-up jump)' : ''),
        details: { runs: these.length, longestRun: len, calendarDays: dayNumber(to) - dayNumber(from) },
      });
    }
  }
  return out;
}

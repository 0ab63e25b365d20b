import { WEEKDAY_NAMES, weekday } from '../../market/table/frequency.js';
import type { Finding } from '../finding.js';
import { pct, type DataCheckContext } from './context.js';

/**
 * Zero returns, three ways:
 *
 * - per asset: the share of returns exactly 0 (an unchanged price). Liquid
 *   stocks quoted to the cent show a few percent (the Dow Jones file: 3–8%);
 *   `info` at {@link ZERO_SHARE_INFO} (10%), `warn` at {@link ZERO_SHARE_WARN}
 *   (20%): a fifth of the days without a move is a stale series, and it
 *   lowers the estimated volatility and fattens the fitted tails.
 * - per asset and weekday (daily data): stale quotes on one weekday (a
 *   market that publishes a copy of Thursday's close on Fridays). `warn`
 *   when a weekday with at least {@link WEEKDAY_MIN_RETURNS} returns has a
 *   zero share at least {@link WEEKDAY_EXCESS} (8 points) above the other
 *   weekdays' and at least {@link WEEKDAY_RATIO} (2.5) times it.
 * - per date: days on which every asset (two or more) is unchanged, usually a
 *   holiday row with repeated prices: `info`, as their zero returns are not
 *   market moves.
 */
export const ZERO_SHARE_INFO = 0.1;
export const ZERO_SHARE_WARN = 0.2;
export const WEEKDAY_MIN_RETURNS = 20;
export const WEEKDAY_EXCESS = 0.08;
export const WEEKDAY_RATIO = 2.5;

export function checkZeroReturns(ctx: DataCheckContext): Finding[] {
  const { table, returns, nReturns: n, frequency } = ctx;
  const A = table.symbols.length;
  const out: Finding[] = [];
  if (n === 0) return out;
  const day = table.dates.slice(1).map(weekday);
  const perDay = new Int32Array(7);
  for (const d of day) perDay[d]++;
  for (let a = 0; a < A; a++) {
    const sym = table.symbols[a];
    const zeros = new Int32Array(7);
    let total = 0;
    for (let t = 0; t < n; t++) {
      if (returns[t * A + a] === 0) {
        zeros[day[t]]++;
        total++;
      }
    }
    const share = total / n;
    if (share >= ZERO_SHARE_INFO) {
      const severity = share >= ZERO_SHARE_WARN ? 'warn' : 'info';
      out.push({
        code: 'zero-returns',
        severity,
        symbol: sym,
        message: `${sym}: ${pct(share)} of the returns are exactly 0 (${total} of ${n})` +
          (severity === 'warn' ? ': a stale series lowers the fitted volatility and distorts the tails' : ''),
        details: { share, zeros: total, returns: n },
      });
    }
    if (frequency.frequency !== 'daily') continue;
    for (let w = 0; w < 7; w++) {
      const nw = perDay[w];
      if (nw < WEEKDAY_MIN_RETURNS) continue;
      const rest = n - nw;
      if (rest <= 0) continue;
      const sw = zeros[w] / nw;
      const so = (total - zeros[w]) / rest;
      if (sw - so >= WEEKDAY_EXCESS && sw >= WEEKDAY_RATIO * so) {
        out.push({
          code: 'stale-weekday',
          severity: 'warn',
          symbol: sym,
          message:
            `${sym}: ${pct(sw)} of ${WEEKDAY_NAMES[w]} returns are exactly 0 against ${pct(so)} on other days ` +
            `(${zeros[w]} of ${nw}; ${pct(total > 0 ? zeros[w] / total : 0)} of its zero returns): stale ${WEEKDAY_NAMES[w]} quotes?`,
          details: { weekday: WEEKDAY_NAMES[w], weekdayShare: sw, otherShare: so, weekdayZeros: zeros[w], weekdayReturns: nw },
        });
      }
    }
  }
  if (A >= 2) {
    const flat: string[] = [];
    for (let t = 0; t < n; t++) {
      let all = true;
      for (let a = 0; a < A && all; a++) all = returns[t * A + a] === 0;
      if (all) flat.push(table.dates[t + 1]);
    }
    if (flat.length > 0) {
      const listed = flat.slice(0, 5).join(', ');
      out.push({
        code: 'unchanged-day',
        severity: 'info',
        dates: flat,
        message: `${flat.length} date${flat.length === 1 ? '' : 's'} on which every price is unchanged (${listed}${flat.length > 5 ? ', …' : ''}): holidays with repeated prices? their zero returns are not market moves`,
        details: { dates: flat.length },
      });
    }
  }
  return out;
}

import type { Finding } from '../finding.js';
import { dateSpan, type DataCheckContext } from './context.js';
import { HIGH_VOL_PERCENTILE, marketVolatilityPercentile } from './market-volatility.js';

/**
 * Cells the missing-data policy filled (`--missing ffill`) or rows it dropped
 * (`--missing drop`), and where they fall. A filled stretch is flat days then
 * a jump; a dropped row merges two days' moves into one return. Both matter
 * most when markets move: a cell is in a high-volatility period when the
 * market volatility around it is at or above the {@link HIGH_VOL_PERCENTILE}
 * (90th) percentile of the history (see market-volatility.ts).
 *
 * Filled cells: one finding per asset, `warn` when a run of consecutive
 * filled prices is at least {@link LONG_FILL_ROWS} (5) rows long or any
 * filled cell is in a high-volatility period, else `info`. Dropped rows: one
 * finding, `warn` on the same two conditions (runs counted between the rows
 * that were kept), else `info`.
 */
export const LONG_FILL_ROWS = 5;

export function checkMissingCells(ctx: DataCheckContext): Finding[] {
  const { table, filled, dropped } = ctx;
  const { dates, symbols } = table;
  const T = dates.length;
  const A = symbols.length;
  let anyFilled = false;
  for (let i = 0; i < filled.length && !anyFilled; i++) anyFilled = filled[i] === 1;
  if (!anyFilled && dropped.length === 0) return [];
  const volPct = marketVolatilityPercentile(ctx);
  const out: Finding[] = [];

  if (anyFilled) {
    for (let a = 0; a < A; a++) {
      let cells = 0;
      let runs = 0;
      let longest = { start: -1, len: 0 };
      let hot = 0;
      let hottest = { date: '', pct: 0 };
      let t = 0;
      while (t < T) {
        if (filled[t * A + a] === 0) {
          t++;
          continue;
        }
        const start = t;
        while (t < T && filled[t * A + a] === 1) {
          cells++;
          if (volPct[t] >= HIGH_VOL_PERCENTILE) hot++;
          if (volPct[t] > hottest.pct) hottest = { date: dates[t], pct: volPct[t] };
          t++;
        }
        runs++;
        if (t - start > longest.len) longest = { start, len: t - start };
      }
      if (cells === 0) continue;
      const sym = symbols[a];
      const long = longest.len >= LONG_FILL_ROWS;
      const severity = long || hot > 0 ? 'warn' : 'info';
      const from = dates[longest.start];
      const to = dates[longest.start + longest.len - 1];
      const where = hot > 0
        ? `; ${hot} in a high-volatility period (market volatility up to the ${Math.round(hottest.pct * 100)}th percentile, ${hottest.date})`
        : '';
      out.push({
        code: 'filled-cells',
        severity,
        symbol: sym,
        dates: dateSpan(from, to),
        message:
          `${sym}: ${cells} price${cells === 1 ? '' : 's'} filled forward in ${runs} run${runs === 1 ? '' : 's'}, the longest ${longest.len} (${from}..${to})${where}` +
          (severity === 'warn' ? ': flat days then a catch-up jump distort volatility and tails' : ''),
        details: { cells, runs, longestRun: longest.len, inHighVolatility: hot, maxVolatilityPercentile: hottest.pct },
      });
    }
  }

  if (dropped.length > 0) {
    // Where each dropped date would sit among the kept rows; dates at the same position were consecutive.
    let hot = 0;
    let longest = 0;
    let run = 0;
    let prevPos = -1;
    let hottest = { date: '', pct: 0 };
    let i = 0;
    for (const d of dropped) {
      while (i < T && dates[i] < d) i++;
      const p = volPct[Math.min(i, T - 1)];
      if (p >= HIGH_VOL_PERCENTILE) hot++;
      if (p > hottest.pct) hottest = { date: d, pct: p };
      run = i === prevPos ? run + 1 : 1;
      prevPos = i;
      if (run > longest) longest = run;
    }
    const severity = longest >= LONG_FILL_ROWS || hot > 0 ? 'warn' : 'info';
    const where = hot > 0 ? `; ${hot} in a high-volatility period (up to the ${Math.round(hottest.pct * 100)}th percentile, ${hottest.date})` : '';
    out.push({
      code: 'dropped-rows',
      severity,
      dates: dropped.length <= 20 ? [...dropped] : dateSpan(dropped[0], dropped[dropped.length - 1]),
      message:
        `${dropped.length} date${dropped.length === 1 ? '' : 's'} dropped for missing prices (${dropped[0]}${dropped.length > 1 ? ` … ${dropped[dropped.length - 1]}` : ''}), ` +
        `at most ${longest} in a row${where}` + (severity === 'warn' ? ': each return across a dropped date merges two days\' moves' : ''),
      details: { rows: dropped.length, longestRun: longest, inHighVolatility: hot, maxVolatilityPercentile: hottest.pct },
    });
  }
  return out;
}

import type { Finding } from '../finding.js';
import { num, type DataCheckContext } from './context.js';

/**
 * A prices file whose columns behave like returns. Price levels are
 * persistent: today's price is close to yesterday's, so the lag-1
 * autocorrelation of the levels is near 1 (above 0.9 for any real price
 * series of some length). A column of returns (or of gross returns 1 + r)
 * has a lag-1 autocorrelation near 0. `error` for each column with at least
 * {@link MIN_ROWS} rows and a level autocorrelation below
 * {@link MAX_AUTOCORRELATION} (0.5), with the hint to read it with `--returns`.
 * (A file with zero or negative values is refused when read, with the same hint.)
 */
export const MIN_ROWS = 20;
export const MAX_AUTOCORRELATION = 0.5;

export function checkReturnsLike(ctx: DataCheckContext): Finding[] {
  const { dates, symbols, prices } = ctx.table;
  const T = dates.length;
  const A = symbols.length;
  if (T < MIN_ROWS) return [];
  const hits: { symbol: string; rho: number; median: number }[] = [];
  const col = new Float64Array(T);
  for (let a = 0; a < A; a++) {
    let mean = 0;
    for (let t = 0; t < T; t++) mean += (col[t] = prices[t * A + a]);
    mean /= T;
    let num0 = 0;
    let den = 0;
    for (let t = 0; t < T; t++) {
      const d = col[t] - mean;
      den += d * d;
      if (t > 0) num0 += d * (col[t - 1] - mean);
    }
    const rho = den > 0 ? num0 / den : 1;
    if (rho < MAX_AUTOCORRELATION) {
      col.sort();
      hits.push({ symbol: symbols[a], rho, median: col[Math.floor(T / 2)] });
    }
  }
  return hits.map((h) => {
    const gross = Math.abs(h.median - 1) < 0.2;
    const hint = gross
      ? 'values around 1 look like gross returns 1 + r: subtract 1 and read the file with --returns FILE --returns-kind simple'
      : 'read it with --returns FILE --returns-kind simple|log';
    return {
      code: 'looks-like-returns',
      severity: 'error' as const,
      symbol: h.symbol,
      message: `${h.symbol}: the values do not behave like prices (lag-1 autocorrelation of the levels ${num(h.rho)}, prices have about 1); is this a file of returns? ${hint}`,
      details: { levelAutocorrelation: h.rho, medianValue: h.median },
    };
  });
}

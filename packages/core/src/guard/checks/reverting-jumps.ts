import type { Finding } from '../finding.js';
import { num, type DataCheckContext } from './context.js';

/**
 * Isolated jumps, from each asset's robust return scale s (1.4826 × MAD):
 *
 * - a jump that reverts (a bad tick: one wrong price): |r_t| ≥ {@link JUMP_SCALES} · s,
 *   and the next return takes it back, |r_t + r_{t+1}| ≤ {@link REVERT_FRACTION} · |r_t|;
 * - a split-like jump that stays (an unadjusted split): |r_t| ≥ {@link JUMP_SCALES} · s,
 *   no reversal (|r_{t+1}| < 3 s), and the price ratio e^{r_t} within
 *   {@link SPLIT_TOLERANCE} (3%) of a common split ratio (2, 3, 4, 5, 10, 3/2 or their inverses).
 *
 * A move the market shared is real, not a data error: both are skipped when
 * the median return of the other assets on day t is at least half of r_t in
 * the same direction (a crash and its rebound). 12 robust scales is far out:
 * a daily return of a stock with s = 1.2% would be ±14%, and the shipped
 * Dow Jones file's largest stock-specific reverting move (Boeing, 27 Oct 1997)
 * is 8 scales. Every hit is `warn`, one finding per asset listing the dates.
 */
export const JUMP_SCALES = 12;
export const REVERT_FRACTION = 0.2;
export const SPLIT_TOLERANCE = 0.03;
const SPLIT_RATIOS = [2, 3, 4, 5, 10, 1.5];

function splitRatio(r: number): string | undefined {
  const g = Math.exp(r);
  for (const k of SPLIT_RATIOS) {
    if (Math.abs(g * k - 1) <= SPLIT_TOLERANCE) return k === 1.5 ? '3:2 split' : `${k}:1 split`;
    if (Math.abs(g / k - 1) <= SPLIT_TOLERANCE) return k === 1.5 ? '2:3 reverse split' : `1:${k} reverse split`;
  }
  return undefined;
}

export function checkRevertingJumps(ctx: DataCheckContext): Finding[] {
  const { table, returns, nReturns: n, scale } = ctx;
  const A = table.symbols.length;
  const out: Finding[] = [];
  const others = new Float64Array(Math.max(A - 1, 0));
  const marketShared = (t: number, a: number, r: number): boolean => {
    if (A < 2) return false;
    let k = 0;
    for (let b = 0; b < A; b++) if (b !== a) others[k++] = returns[t * A + b];
    others.sort();
    const med = k % 2 === 1 ? others[(k - 1) / 2] : (others[k / 2 - 1] + others[k / 2]) / 2;
    return med * r > 0 && Math.abs(med) >= 0.5 * Math.abs(r);
  };
  for (let a = 0; a < A; a++) {
    const s = scale[a];
    if (!(s > 0)) continue;
    const sym = table.symbols[a];
    const ticks: string[] = [];
    const tickSizes: number[] = [];
    const splits: string[] = [];
    const splitKinds: string[] = [];
    for (let t = 0; t < n; t++) {
      const r = returns[t * A + a];
      if (Math.abs(r) < JUMP_SCALES * s) continue;
      const next = t + 1 < n ? returns[(t + 1) * A + a] : NaN;
      if (Number.isFinite(next) && Math.abs(r + next) <= REVERT_FRACTION * Math.abs(r)) {
        if (marketShared(t, a, r)) continue;
        ticks.push(table.dates[t + 1]);
        tickSizes.push(r / s);
        t++; // the reversal is part of the same event
        continue;
      }
      const kind = splitRatio(r);
      if (kind !== undefined && !(Math.abs(next) >= 3 * s) && !marketShared(t, a, r)) {
        splits.push(table.dates[t + 1]);
        splitKinds.push(kind);
      }
    }
    if (ticks.length > 0) {
      const big = tickSizes.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      out.push({
        code: 'reverting-jump',
        severity: 'warn',
        symbol: sym,
        dates: ticks,
        message:
          `${sym}: ${ticks.length === 1 ? 'a jump' : `${ticks.length} jumps`} of ${JUMP_SCALES}+ robust scales taken back the next day ` +
          `(${ticks.slice(0, 3).join(', ')}${ticks.length > 3 ? ', …' : ''}; largest ${num(big)} scales): a bad tick?`,
        details: { jumps: ticks.length, largestInScales: big, robustScale: s },
      });
    }
    if (splits.length > 0) {
      out.push({
        code: 'split-like-jump',
        severity: 'warn',
        symbol: sym,
        dates: splits,
        message: `${sym}: a lasting jump that matches a ${splitKinds[0]} on ${splits[0]}${splits.length > 1 ? ` (and ${splits.length - 1} more)` : ''}: are the prices adjusted for splits?`,
        details: { jumps: splits.length, firstMove: Math.exp(returns[(table.dates.indexOf(splits[0]) - 1) * A + a]) - 1 },
      });
    }
  }
  return out;
}

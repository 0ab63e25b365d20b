import { type SortedLosses, tailRisk } from './sorted-losses.js';
import type { StressedWindowOptions, StressedWindowResult } from './types.js';
import { checkConfidence, checkFiniteSample } from './validate.js';

/** Relative difference below which two periods' measures count as equal. */
const TIE_TOLERANCE = 1e-12;

/**
 * Stressed-period search (Basel 2.5 stressed VaR, FRTB stressed ES): the
 * window of `window` consecutive days in which today's portfolio would have
 * had the largest historical-simulation loss measure.
 *
 * Input: pnl[s] = P&L of today's positions over the h-day window of days
 * s..s+h−1 (s = 0..N−1, chronological), e.g. `historicalPnl(returns, …, h)`
 * with overlapping windows, so day indices are rows of `returns`. A candidate
 * period of W days d..d+W−1 holds the n = W − h + 1 windows s = d..d+W−h that
 * lie wholly inside it; its measure is, on those n P&Ls with equal weights,
 *
 *   measure 'var': VaR_c = `valueAtRisk` (lower c-quantile of the losses −P&L)
 *   measure 'es':  ES_c  = `expectedShortfall` (Acerbi–Tasche)
 *
 * in loss units (positive = loss). Every period d = 0..N − n is scored;
 * the result is the first period with the largest value (values within 1e-12
 * relative of each other count as ties, so rounding cannot pick a later
 * period with a mathematically equal tail), as day indices
 * firstDay = d, lastDay = d + W − 1, and the whole rolling series (for a
 * chart). Basel: W = 250, h = 10, c = 0.99 ('var'); FRTB: c = 0.975 ('es').
 *
 * Cost: the window's losses are kept sorted; each step removes one loss and
 * inserts one (binary search + a block move, O(n)), then reads VaR in O(1) or
 * ES in O((1 − c) n). Total O(N n) with a small constant (a memmove of at
 * most n doubles per day), e.g. 7,000 days × 241 losses, against
 * O(N n log n) for sorting every window afresh.
 *
 * @param pnl h-day P&L of today's portfolio per start day (finite), at least n = W − h + 1 values
 * @param options window W (default 250), horizon h (default 1), confidence c (default 0.99), measure (default 'var')
 * @throws {RangeError} on non-finite P&L, too short a history or invalid options
 * @example
 * // 1-day P&L, W = 3, 90% VaR (= the largest of 3 losses): periods [1,−5,2], [−5,2,0], [2,0,−1]
 * stressedWindow([1, -5, 2, 0, -1], { window: 3, confidence: 0.9 });
 * // => { firstDay: 0, lastDay: 2, value: 5, rolling: Float64Array [5, 5, 1], windowsPerPeriod: 3 }
 */
export function stressedWindow(pnl: ArrayLike<number>, options: StressedWindowOptions = {}): StressedWindowResult {
  checkFiniteSample(pnl, 'pnl');
  const W = options.window ?? 250;
  const h = options.horizon ?? 1;
  const confidence = options.confidence ?? 0.99;
  const measure = options.measure ?? 'var';
  if (!Number.isSafeInteger(h) || h < 1) throw new RangeError(`horizon must be a positive integer, got ${String(h)}`);
  if (!Number.isSafeInteger(W) || W < h) throw new RangeError(`window must be an integer >= horizon (${h}), got ${String(W)}`);
  checkConfidence(confidence);
  if (measure !== 'var' && measure !== 'es') throw new RangeError(`measure must be 'var' or 'es', got ${String(measure)}`);
  const n = W - h + 1;
  const N = pnl.length;
  if (N < n) {
    throw new RangeError(`pnl has ${N} windows, a ${W}-day period of ${h}-day windows needs at least ${n}`);
  }
  const periods = N - n + 1;
  const rolling = new Float64Array(periods);
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) losses[i] = 0 - pnl[i];
  losses.sort();
  const sorted: SortedLosses = { losses, weights: null, totalWeight: n };
  const read = (): number => {
    const r = tailRisk(sorted, confidence);
    return measure === 'var' ? r.var : r.es;
  };
  rolling[0] = read();
  let best = 0;
  for (let d = 1; d < periods; d++) {
    const out = 0 - pnl[d - 1];
    const into = 0 - pnl[d + n - 1];
    // Remove `out` (any position holding an equal value), then insert `into` keeping the order.
    const i = lowerBound(losses, out, n);
    losses.copyWithin(i, i + 1, n);
    const j = lowerBound(losses, into, n - 1);
    losses.copyWithin(j + 1, j, n - 1);
    losses[j] = into;
    rolling[d] = read();
    // Periods within 1e-12 (relative) of the best are ties (the same tail summed in another
    // order); the earlier one stays.
    if (rolling[d] > rolling[best] + TIE_TOLERANCE * Math.abs(rolling[best])) best = d;
  }
  return { firstDay: best, lastDay: best + W - 1, value: rolling[best], rolling, windowsPerPeriod: n };
}

/** First index k in sorted a[0..len) with a[k] >= x. */
function lowerBound(a: Float64Array, x: number, len: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

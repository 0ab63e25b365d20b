import { InputError, type ReturnsMatrix } from '@tailforge/core';
import type { PathSet } from '../path-set.js';

/** A historical window, replayed as one path: return rows [start, start + horizon). */
export interface ReplayWindow {
  readonly start: number;
  /** Dates of the first and last return in the window. */
  readonly from: string;
  readonly to: string;
}

/**
 * The history itself as scenario paths: each window of `horizon`
 * consecutive daily return vectors (all assets on the same dates) becomes
 * one path, in the order given.
 */
export function replayWindows(returns: ReturnsMatrix, horizon: number, starts: readonly number[]): { paths: PathSet; windows: ReplayWindow[] } {
  const A = returns.symbols.length;
  const T = returns.dates.length;
  const values = new Float32Array(starts.length * horizon * A);
  const windows = starts.map((start, p) => {
    if (!Number.isInteger(start) || start < 0 || start + horizon > T) {
      throw new RangeError(`window start ${start} with ${horizon} days does not fit ${T} returns`);
    }
    for (let i = 0; i < horizon * A; i++) values[p * horizon * A + i] = returns.values[start * A + i];
    return { start, from: returns.dates[start], to: returns.dates[start + horizon - 1] };
  });
  return {
    paths: { values, nPaths: starts.length, horizon, nAssets: A, symbols: [...returns.symbols], modelId: 'historical-replay', modelName: 'replay', seed: 0 },
    windows,
  };
}

/** The window starting on (or first after) each given date; InputError when a date leaves no full window. */
export function windowStartsAt(returns: ReturnsMatrix, horizon: number, dates: readonly string[]): number[] {
  const T = returns.dates.length;
  return dates.map((d) => {
    const i = returns.dates.findIndex((x) => x >= d);
    if (i < 0 || i + horizon > T) {
      throw new InputError(`no ${horizon}-day window of returns starts on or after ${d} (history ${returns.dates[0]}..${returns.dates[T - 1]})`, { column: '--replay' });
    }
    return i;
  });
}

/**
 * Starts of the k worst non-overlapping `horizon`-day windows for a
 * portfolio: window P&L = Σ_a e_a (exp(Σ_t r[t, a]) − 1), ranked from the
 * worst; a window overlapping one already chosen is skipped, so the k
 * replays are k different episodes.
 */
export function worstWindows(returns: ReturnsMatrix, exposures: Float64Array, horizon: number, k: number): number[] {
  const A = returns.symbols.length;
  const T = returns.dates.length;
  const n = T - horizon + 1;
  if (n < 1) throw new InputError(`the history has ${T} returns, fewer than the ${horizon}-day horizon`);
  const pnl = new Float64Array(n);
  const cum = new Float64Array(A);
  // Rolling sums: add the entering day, drop the leaving one.
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) cum[a] += returns.values[t * A + a];
    if (t >= horizon) for (let a = 0; a < A; a++) cum[a] -= returns.values[(t - horizon) * A + a];
    if (t >= horizon - 1) {
      let v = 0;
      for (let a = 0; a < A; a++) v += exposures[a] * Math.expm1(cum[a]);
      pnl[t - horizon + 1] = v;
    }
  }
  const order = Array.from(pnl.keys()).sort((x, y) => pnl[x] - pnl[y]);
  const chosen: number[] = [];
  for (const s of order) {
    if (chosen.length >= k) break;
    if (chosen.every((c) => Math.abs(c - s) >= horizon)) chosen.push(s);
  }
  return chosen;
}

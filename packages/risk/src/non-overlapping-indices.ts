/**
 * Indices of the forecasts to keep so that h-day backtest windows do not
 * overlap: every h-th of n consecutive daily forecasts (forecast i covers the
 * P&L of days i..i+h−1). Counting exceptions on these only gives independent
 * observations under a correct model, so the binomial/χ² backtests (Kupiec,
 * Christoffersen, traffic light) keep their nominal size, at the price of
 * about n/h observations.
 *
 * align 'end' (default, like `historicalPnl` with overlapping: false, the
 * most recent forecast is kept): n − 1, n − 1 − h, …, so the oldest
 * ((n − 1) mod h) forecasts are left out. align 'start': 0, h, 2h, …
 * Either way ceil(n / h) indices, returned in ascending order.
 *
 * @param n number of daily forecasts (non-negative integer)
 * @param horizon h, positive integer
 * @param align 'end' (default) or 'start'
 * @throws {RangeError} on invalid n or h
 * @example
 * nonOverlappingIndices(9, 3); // => Uint32Array [2, 5, 8]
 * nonOverlappingIndices(9, 3, 'start'); // => Uint32Array [0, 3, 6]
 */
export function nonOverlappingIndices(n: number, horizon: number, align: 'start' | 'end' = 'end'): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  if (!Number.isSafeInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${String(horizon)}`);
  if (align !== 'start' && align !== 'end') throw new RangeError(`align must be 'start' or 'end', got ${String(align)}`);
  const count = Math.ceil(n / horizon);
  const first = align === 'start' || n === 0 ? 0 : (n - 1) % horizon;
  const out = new Uint32Array(count);
  for (let k = 0; k < count; k++) out[k] = first + k * horizon;
  return out;
}

// Argument checks and the 0·ln 0 = 0 convention shared by the backtests.
// Internal: not exported from index.ts.

/** x · ln(y) with 0 · ln(0) = 0 (the likelihood terms of empty cells). */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** Throws RangeError unless p is a probability strictly between 0 and 1. */
export function checkProbability(p: number, name = 'p'): void {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new RangeError(`${name} must be a number strictly between 0 and 1, got ${String(p)}`);
  }
}

/** Throws RangeError unless 0 <= exceptions <= observations are integers and observations >= 1. */
export function checkExceptionCount(exceptions: number, observations: number): void {
  if (!Number.isSafeInteger(observations) || observations < 1) {
    throw new RangeError(`observations must be a positive integer, got ${String(observations)}`);
  }
  if (!Number.isSafeInteger(exceptions) || exceptions < 0 || exceptions > observations) {
    throw new RangeError(`exceptions must be an integer in [0, ${observations}], got ${String(exceptions)}`);
  }
}

/** −2 ln Λ of Kupiec's test (shared with Christoffersen's conditional coverage). */
export function kupiecStatistic(x: number, n: number, p: number): number {
  const observed = x / n;
  const lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(n - x, 1 - observed) + xlogy(x, observed));
  return lr > 0 ? lr : 0; // exactly 0 in theory when x / n = p; rounding may dip below
}

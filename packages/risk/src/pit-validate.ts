// PIT series checks for the Du–Escanciano tests. Internal: not exported from index.ts.

/** Throws RangeError unless `pit` is non-empty and every value is in [0, 1]. */
export function checkPitSeries(pit: ArrayLike<number>): void {
  if (pit.length === 0) throw new RangeError('pit must contain at least one value');
  for (let t = 0; t < pit.length; t++) {
    const u = pit[t];
    if (typeof u !== 'number' || !(u >= 0 && u <= 1)) throw new RangeError(`pit[${t}] must be a number in [0, 1], got ${String(u)}`);
  }
}

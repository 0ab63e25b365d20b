// Argument checks shared by the risk functions. Internal: not exported from index.ts.

/** Throws RangeError unless `confidence` is a number strictly between 0 and 1. */
export function checkConfidence(confidence: number, name = 'confidence'): void {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${name} must be a number strictly between 0 and 1, got ${String(confidence)}`);
  }
}

/** Throws RangeError unless `values` is non-empty and every element is finite. */
export function checkFiniteSample(values: ArrayLike<number>, name: string): void {
  const n = values.length;
  if (n === 0) throw new RangeError(`${name} must contain at least one value`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(values[i])}`);
    }
  }
}

/**
 * Checks sample weights against a sample of length `n`: same length, each
 * finite and >= 0, positive finite sum. Returns the sum.
 */
export function checkWeights(weights: ArrayLike<number>, n: number): number {
  if (weights.length !== n) {
    throw new RangeError(`weights must have one entry per P&L value: expected ${n}, got ${weights.length}`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`weights[${i}] must be a finite number >= 0, got ${String(w)}`);
    }
    total += w;
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError(`weights must have a positive finite sum, got ${total}`);
  }
  return total;
}

/** Throws RangeError unless `value` is a non-negative safe integer. */
export function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws RangeError unless mean is finite and sd is finite and >= 0. */
export function checkNormalParams(mean: number, sd: number): void {
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be a finite number, got ${String(mean)}`);
  if (!Number.isFinite(sd) || sd < 0) throw new RangeError(`sd must be a finite number >= 0, got ${String(sd)}`);
}

import type { WindowSet } from './window-set.js';

/**
 * Pearson correlation matrix of the assets' daily returns, pooled over all
 * windows and days: ρ_ij = Σ(x_i − x̄_i)(x_j − x̄_j) / √(Σ(x_i − x̄_i)² Σ(x_j − x̄_j)²).
 * A × A row-major; a constant asset gets correlation 0 with the others and 1 with itself.
 */
export function correlationMatrix(w: WindowSet): Float64Array {
  const A = w.nAssets;
  const n = w.nWindows * w.horizon;
  const v = w.values;
  const mean = new Float64Array(A);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) mean[a] += v[i * A + a];
  for (let a = 0; a < A; a++) mean[a] /= n;
  const s = new Float64Array(A * A);
  const d = new Float64Array(A);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < A; a++) d[a] = v[i * A + a] - mean[a];
    for (let a = 0; a < A; a++) {
      const da = d[a];
      for (let b = 0; b <= a; b++) s[a * A + b] += da * d[b];
    }
  }
  const out = new Float64Array(A * A);
  for (let a = 0; a < A; a++) {
    for (let b = 0; b <= a; b++) {
      const den = Math.sqrt(s[a * A + a] * s[b * A + b]);
      const r = a === b ? 1 : den > 0 ? s[a * A + b] / den : 0;
      out[a * A + b] = r;
      out[b * A + a] = r;
    }
  }
  return out;
}

/** Mean absolute difference of two A × A correlation matrices over the pairs i < j (0 for one asset). */
export function correlationError(x: Float64Array, y: Float64Array, nAssets: number): number {
  let s = 0, n = 0;
  for (let i = 0; i < nAssets; i++) {
    for (let j = i + 1; j < nAssets; j++) {
      s += Math.abs(x[i * nAssets + j] - y[i * nAssets + j]);
      n++;
    }
  }
  return n > 0 ? s / n : 0;
}

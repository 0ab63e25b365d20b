import { createRequire } from 'node:module';
import type * as MathJs from 'mathjs';
import { InputError, ModelError } from '../../errors.js';

// mathjs is loaded on first use: importing it costs about 2 s of CPU, most of
// what importing core would cost, and only a singular covariance needs it.
let mathjsEigs: typeof MathJs.eigs | undefined;
function eigs(rows: number[][]): { eigenvectors: { value: number; vector: number[] }[] } {
  mathjsEigs ??= (createRequire(import.meta.url)('mathjs') as typeof MathJs).eigs;
  return mathjsEigs(rows) as unknown as { eigenvectors: { value: number; vector: number[] }[] };
}

/** Eigenvalues are clipped at this fraction of the largest one. */
export const EIGENVALUE_FLOOR = 1e-8;

/** What a covariance repair changed, recorded in the model's fit metadata. */
export interface CovarianceRepair {
  /** How many eigenvalues were raised to the floor. */
  readonly clippedEigenvalues: number;
  /** The floor: {@link EIGENVALUE_FLOOR} × the largest eigenvalue. */
  readonly floor: number;
  /** Smallest eigenvalue before clipping (0 or slightly negative for a singular matrix). */
  readonly minEigenvalue: number;
}

/**
 * Nearest-in-spirit positive-definite version of a symmetric n × n matrix
 * (row-major) by eigenvalue clipping: with S = V·diag(λ)·Vᵀ, returns
 * V·diag(max(λ_k, f))·Vᵀ where f = {@link EIGENVALUE_FLOOR}·max_k λ_k.
 *
 * Needed when the sample covariance is singular: fewer observations than
 * assets, or perfectly collinear series. The clipped directions get a tiny
 * variance instead of none, so the result factorises; all other directions are
 * untouched. Every Cholesky pivot of the result is ≥ f, so the relative pivot
 * test in `cholesky` passes (f / max diagonal ≥ 1e-8 ≫ 1e-10).
 */
export function repairCovariance(s: Float64Array, n: number): { matrix: Float64Array; repair: CovarianceRepair } {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    // Symmetrise from the lower triangle, as cholesky reads only that.
    for (let j = 0; j < n; j++) row[j] = i >= j ? s[i * n + j] : s[j * n + i];
    rows.push(row);
  }
  let vectors: { value: number; vector: number[] }[];
  try {
    vectors = eigs(rows).eigenvectors;
  } catch (e) {
    throw new ModelError(`covariance repair: eigen-decomposition failed (${(e as Error).message})`, { cause: e });
  }
  let maxValue = -Infinity;
  let minValue = Infinity;
  for (const { value } of vectors) {
    if (value > maxValue) maxValue = value;
    if (value < minValue) minValue = value;
  }
  if (!(maxValue > 0)) {
    throw new InputError('every return series is constant over the fit window: there is no variance to model');
  }
  const floor = EIGENVALUE_FLOOR * maxValue;
  const out = new Float64Array(n * n);
  let clipped = 0;
  for (const { value, vector } of vectors) {
    let lambda = value;
    if (lambda < floor) {
      lambda = floor;
      clipped++;
    }
    for (let i = 0; i < n; i++) {
      const vi = lambda * vector[i];
      for (let j = 0; j <= i; j++) out[i * n + j] += vi * vector[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return { matrix: out, repair: { clippedEigenvalues: clipped, floor, minEigenvalue: minValue } };
}

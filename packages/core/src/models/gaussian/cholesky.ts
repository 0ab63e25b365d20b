import { ModelError } from '../../errors.js';

/**
 * Relative pivot below which a matrix counts as not (numerically) positive
 * definite. Pivot k of the Cholesky factorisation equals a_kk·(1 − R²_k), where
 * R²_k is the squared multiple correlation of variable k on variables 0..k−1,
 * so the test `pivot <= PIVOT_TOLERANCE · a_kk` is scale-free: it rejects
 * correlations within 1e-10 of perfect, far above rounding error (~n·1e-16).
 */
export const PIVOT_TOLERANCE = 1e-10;

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite n × n
 * matrix (row-major; only the lower triangle of `a` is read). Writes the
 * lower-triangular L (row-major, zeros above the diagonal) into `out` and
 * returns −1, or returns the index of the first pivot that is not positive
 * (see {@link PIVOT_TOLERANCE}), leaving `out` partly written.
 *
 * L_jj = sqrt(A_jj − Σ_{k<j} L_jk²),  L_ij = (A_ij − Σ_{k<j} L_ik·L_jk) / L_jj for i > j.
 */
export function choleskyInto(a: Float64Array, n: number, out: Float64Array): number {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= out[rj + k] * out[rj + k];
    if (!(d > PIVOT_TOLERANCE * a[rj + j])) return j;
    const ljj = Math.sqrt(d);
    out[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= out[ri + k] * out[rj + k];
      out[ri + j] = s / ljj;
    }
  }
  return -1;
}

/**
 * Lower-triangular Cholesky factor L of a symmetric positive-definite n × n
 * row-major matrix, so that A = L·Lᵀ (see {@link choleskyInto}). Throws a
 * ModelError naming the failing pivot when A is not positive definite.
 */
export function cholesky(a: Float64Array, n: number): Float64Array {
  if (!Number.isSafeInteger(n) || n < 1 || a.length !== n * n) {
    throw new RangeError(`cholesky: expected an n × n matrix with n = ${n} (${n * n} values), got ${a.length} values`);
  }
  const out = new Float64Array(n * n);
  const k = choleskyInto(a, n, out);
  if (k >= 0) {
    throw new ModelError(
      `cholesky: the ${n} × ${n} matrix is not positive definite (pivot ${k} is not positive: row ${k} depends linearly on the rows before it, or its diagonal is not positive)`,
    );
  }
  return out;
}

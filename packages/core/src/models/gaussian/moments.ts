/**
 * Column means of a T × A row-major matrix: m_a = (1/T) Σ_t x[t, a]. A column
 * whose values are all equal gets exactly that value (a summed mean can be off
 * by an ulp, which would give a constant series a spurious tiny variance).
 */
export function columnMeans(x: Float64Array, nRows: number, nCols: number): Float64Array {
  const m = new Float64Array(nCols);
  const constant = new Uint8Array(nCols).fill(1);
  for (let t = 0; t < nRows; t++) {
    const r = t * nCols;
    for (let a = 0; a < nCols; a++) {
      m[a] += x[r + a];
      if (x[r + a] !== x[a]) constant[a] = 0;
    }
  }
  for (let a = 0; a < nCols; a++) m[a] = constant[a] === 1 ? x[a] : m[a] / nRows;
  return m;
}

/**
 * Sample covariance of the columns of a T × A row-major matrix, unbiased:
 * S_ij = (1/(T−1)) Σ_t (x[t,i] − m_i)(x[t,j] − m_j), with `mean` = m the column
 * means (centring first is the numerically stable two-pass form). Returns the
 * full symmetric A × A matrix, row-major. Needs T ≥ 2.
 */
export function sampleCovariance(x: Float64Array, nRows: number, nCols: number, mean: Float64Array): Float64Array {
  const s = new Float64Array(nCols * nCols);
  const d = new Float64Array(nCols);
  for (let t = 0; t < nRows; t++) {
    const r = t * nCols;
    for (let a = 0; a < nCols; a++) d[a] = x[r + a] - mean[a];
    for (let i = 0; i < nCols; i++) {
      const di = d[i];
      const ri = i * nCols;
      for (let j = 0; j <= i; j++) s[ri + j] += di * d[j];
    }
  }
  const scale = 1 / (nRows - 1);
  for (let i = 0; i < nCols; i++) {
    for (let j = 0; j <= i; j++) {
      const v = s[i * nCols + j] * scale;
      s[i * nCols + j] = v;
      s[j * nCols + i] = v;
    }
  }
  return s;
}

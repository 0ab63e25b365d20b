import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { multiply, transpose } from 'mathjs';
import { InputError, ModelError } from '../src/errors.js';
import { cholesky } from '../src/models/gaussian/cholesky.js';
import { repairCovariance } from '../src/models/gaussian/repair-covariance.js';
import { Rng } from '../src/random/rng.js';

/** Row-major Float64Array → number[][] for mathjs. */
function toRows(a: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
}

/** A random symmetric positive-definite matrix B·Bᵀ + n·I. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const b = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
  const a = multiply(b, transpose(b)) as number[][];
  return Float64Array.from(a.flatMap((row, i) => row.map((v, j) => v + (i === j ? n : 0))));
}

function expectReconstructs(a: Float64Array, l: Float64Array, n: number): void {
  const lrows = toRows(l, n);
  const llt = multiply(lrows, transpose(lrows)) as number[][];
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      expect(Math.abs(llt[i][j] - a[i * n + j])).toBeLessThanOrEqual(1e-12 * scale);
      if (j > i) expect(l[i * n + j]).toBe(0);
    }
    expect(l[i * n + i]).toBeGreaterThan(0);
  }
}

describe('cholesky', () => {
  it('factors a hand-computed 3 × 3 example', () => {
    // L11 = √25 = 5, L21 = 15/5 = 3, L31 = −5/5 = −1,
    // L22 = √(18 − 3²) = 3, L32 = (0 − (−1)(3))/3 = 1, L33 = √(11 − 1 − 1) = 3.
    const a = Float64Array.from([25, 15, -5, 15, 18, 0, -5, 0, 11]);
    expect(Array.from(cholesky(a, 3))).toEqual([5, 0, 0, 3, 3, 0, -1, 1, 3]);
  });

  it('factors a second hand-computed example and a 1 × 1 matrix', () => {
    // L = [[2,0,0],[1,3,0],[−1,2,3]]: L·Lᵀ = [[4,2,−2],[2,10,5],[−2,5,14]].
    const a = Float64Array.from([4, 2, -2, 2, 10, 5, -2, 5, 14]);
    expect(Array.from(cholesky(a, 3))).toEqual([2, 0, 0, 1, 3, 0, -1, 2, 3]);
    expect(Array.from(cholesky(Float64Array.of(9), 1))).toEqual([3]);
  });

  it('reads only the lower triangle', () => {
    const a = Float64Array.from([25, 999, 999, 15, 18, 999, -5, 0, 11]);
    expect(Array.from(cholesky(a, 3))).toEqual([5, 0, 0, 3, 3, 0, -1, 1, 3]);
  });

  it('gives L·Lᵀ = A (checked with mathjs) on a random 12 × 12 matrix', () => {
    const a = randomSpd(12, 7);
    expectReconstructs(a, cholesky(a, 12), 12);
  });

  it('gives L·Lᵀ = A on random positive-definite matrices (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
        const a = randomSpd(n, seed);
        expectReconstructs(a, cholesky(a, n), n);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects singular, indefinite and negative matrices with a ModelError', () => {
    expect(() => cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toThrow(ModelError);
    expect(() => cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toThrow(/not positive definite/);
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/pivot 1/);
    expect(() => cholesky(Float64Array.of(-1), 1)).toThrow(/pivot 0/);
    expect(() => cholesky(Float64Array.from([0, 0, 0, 1]), 2)).toThrow(ModelError);
    // Perfectly collinear columns: the third is the sum of the first two.
    const x = [1, 2, 3, 4, 5, -1, 0, 2, 2, 1];
    const y = [2, -1, 0, 3, 1, 1, 1, -2, 0, 4];
    const cols = [x, y, x.map((v, i) => v + y[i])];
    const s = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s[i * 3 + j] = cols[i].reduce((acc, v, t) => acc + v * cols[j][t], 0);
    expect(() => cholesky(s, 3)).toThrow(ModelError);
  });

  it('rejects a values array of the wrong size', () => {
    expect(() => cholesky(new Float64Array(5), 2)).toThrow(RangeError);
  });
});

describe('repairCovariance', () => {
  it('clips the zero eigenvalue of [[1,1],[1,1]] to 1e-8 × the largest', () => {
    // Eigenpairs: 2 with (1,1)/√2, 0 with (1,−1)/√2. Floor f = 2e-8, so the
    // repaired matrix is (2/2)·[[1,1],[1,1]] + (f/2)·[[1,−1],[−1,1]].
    const { matrix, repair } = repairCovariance(Float64Array.from([1, 1, 1, 1]), 2);
    const f = 2e-8;
    const expected = [1 + f / 2, 1 - f / 2, 1 - f / 2, 1 + f / 2];
    for (let k = 0; k < 4; k++) expect(Math.abs(matrix[k] - expected[k])).toBeLessThan(1e-15);
    expect(repair.clippedEigenvalues).toBe(1);
    expect(repair.floor).toBeCloseTo(f, 22);
    expect(Math.abs(repair.minEigenvalue)).toBeLessThan(1e-15);
    // Now it factors: L22 = √((1 + f/2) − (1 − f/2)²/(1 + f/2)) ≈ √(2f).
    const l = cholesky(matrix, 2);
    expect(l[3] / Math.sqrt(2 * f)).toBeCloseTo(1, 5);
  });

  it('repairs a rank-one 3 × 3 matrix v·vᵀ', () => {
    // v = (1,2,3): eigenvalue |v|² = 14 on v, 0 (twice) on its complement, so
    // the repair is v·vᵀ + f·(I − v·vᵀ/14) with f = 14e-8.
    const v = [1, 2, 3];
    const s = Float64Array.from(v.flatMap((vi) => v.map((vj) => vi * vj)));
    const { matrix, repair } = repairCovariance(s, 3);
    const f = 14e-8;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const expected = v[i] * v[j] + f * ((i === j ? 1 : 0) - (v[i] * v[j]) / 14);
        expect(Math.abs(matrix[i * 3 + j] - expected)).toBeLessThan(1e-13);
      }
    }
    expect(repair.clippedEigenvalues).toBe(2);
    expectReconstructs(matrix, cholesky(matrix, 3), 3);
  });

  it('refuses an all-zero matrix: nothing to model', () => {
    expect(() => repairCovariance(new Float64Array(4), 2)).toThrow(InputError);
  });
});

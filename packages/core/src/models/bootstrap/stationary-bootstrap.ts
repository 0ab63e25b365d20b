import { Rng } from '../../random/rng.js';

/**
 * Stationary block bootstrap (Politis & Romano 1994) of whole rows of a
 * T × A matrix, written into `out` in the path layout
 * `out[(p * horizon + t) * nAssets + a]`.
 *
 * Path p draws only from `Rng.forStream(seed, firstPath + p)`: its first row
 * is uniform on 0..T−1; each later step jumps to a fresh uniform row with
 * probability `jumpProbability` (= 1 / mean block length) and otherwise takes
 * the next row, wrapping from T−1 to 0. Block lengths are thus geometric with
 * mean 1/jumpProbability, and every step's row is marginally uniform.
 *
 * `rows` is float32 so each output value is the exact float32 of an input return.
 */
export function stationaryBootstrapPaths(
  rows: Float32Array,
  nRows: number,
  nAssets: number,
  jumpProbability: number,
  out: Float32Array,
  nPaths: number,
  horizon: number,
  seed: number,
  firstPath: number,
): void {
  let o = 0;
  for (let p = 0; p < nPaths; p++) {
    const rng = Rng.forStream(seed, firstPath + p);
    let row = rng.int(nRows);
    for (let t = 0; t < horizon; t++) {
      if (t > 0) {
        if (rng.uniform() < jumpProbability) row = rng.int(nRows);
        else if (++row === nRows) row = 0;
      }
      let s = row * nAssets;
      const end = o + nAssets;
      while (o < end) out[o++] = rows[s++];
    }
  }
}

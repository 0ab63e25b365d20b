import { describe, it, expect, beforeAll } from '@jest/globals';
import { initBackend, Rng, setWasmSliceFix, tensorflow, type Tf } from '@tailforge/core';

/**
 * The wasm Slice and SplitV kernels that read their input in place
 * (wasm-slice.ts) against values computed here by index arithmetic, for
 * contiguous, 2-D strided and other (delegated) slices, and after wasm memory
 * has grown between calls.
 */

let tf: Tf;
beforeAll(async () => {
  await initBackend('wasm');
  tf = await tensorflow();
});

const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i + 0.5);

/** Row-major slice of `x` (shape) from `begin` with `size`, by index arithmetic. */
function expectedSlice(x: Float32Array, shape: number[], begin: number[], size: number[]): number[] {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const out: number[] = [];
  const idx = size.map(() => 0);
  const total = size.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    let flat = 0;
    for (let d = 0; d < shape.length; d++) flat += (begin[d]! + idx[d]!) * strides[d]!;
    out.push(x[flat]!);
    for (let d = size.length - 1; d >= 0; d--) {
      if (++idx[d]! < size[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

describe('wasm Slice and SplitV in place', () => {
  it('slices equal index arithmetic: contiguous, 2-D strided, 3-D strided, size −1', () => {
    const cases: [number[], number[], number[]][] = [
      [[2560, 30], [3, 0], [2555, 30]], // contiguous rows
      [[64, 308], [0, 8], [64, 300]], // 2-D strided
      [[64, 308], [5, 0], [10, 8]],
      [[4, 5, 6], [1, 2, 0], [2, 3, 6]], // 3-D contiguous
      [[4, 5, 6], [0, 1, 2], [4, 3, 3]], // 3-D strided (TF.js's own kernel)
      [[100], [7], [-1]],
    ];
    for (const [shape, begin, size] of cases) {
      const x = iota(shape.reduce((a, b) => a * b, 1));
      const full = size.map((s, d) => (s === -1 ? shape[d]! - begin[d]! : s));
      const got = tf.tidy(() => Array.from(tf.slice(tf.tensor(x, shape), begin, size).dataSync()));
      expect(got).toEqual(expectedSlice(x, shape, begin, full));
    }
  });

  it('split equals its slices along either axis, also after wasm memory grew', () => {
    const rng = new Rng(3);
    const x = Float32Array.from({ length: 64 * 632 }, () => rng.normal());
    for (const grow of [false, true]) {
      const got = tf.tidy(() => {
        const t = tf.tensor2d(x, [64, 632]);
        if (grow) tf.keep(tf.zeros([64 << 20])).dispose(); // 256 MB allocated and freed: the heap has grown since the input was written
        return [...tf.split(t, [300, 300, 32], 1), ...tf.split(t, [10, 54], 0)].map((p) => Array.from(p.dataSync()));
      });
      expect(got[0]).toEqual(expectedSlice(x, [64, 632], [0, 0], [64, 300]));
      expect(got[1]).toEqual(expectedSlice(x, [64, 632], [0, 300], [64, 300]));
      expect(got[2]).toEqual(expectedSlice(x, [64, 632], [0, 600], [64, 32]));
      expect(got[3]).toEqual(Array.from(x.subarray(0, 10 * 632)));
      expect(got[4]).toEqual(Array.from(x.subarray(10 * 632)));
    }
  });

  it("can be turned off: TF.js's own kernels give the same values", () => {
    const x = iota(64 * 308);
    const run = (): number[][] => tf.tidy(() => [tf.slice(tf.tensor2d(x, [64, 308]), [1, 8], [60, 300]), ...tf.split(tf.tensor2d(x, [64, 308]), 4, 0)].map((t) => Array.from(t.dataSync())));
    const fast = run();
    setWasmSliceFix(tf, false);
    const own = run();
    setWasmSliceFix(tf, true);
    expect(fast).toEqual(own);
    expect(run()).toEqual(own);
  });
});

import { describe, it, expect, beforeAll } from '@jest/globals';
import { initBackend, Rng, setWasmTransposeFix, tensorflow, wasmTransposeFixOn, type Tf } from '@tailforge/core';

/**
 * The wasm matMul kernels that transpose explicitly (wasm-matmul.ts) must
 * give the products and gradients of TF.js's own kernels: compared here
 * against the same computation with the original wasm kernels and with the
 * plain-JavaScript cpu backend, for every transpose flag and batch rank.
 */

let tf: Tf;
beforeAll(async () => {
  await initBackend('wasm');
  tf = await tensorflow();
});

function randomArray(n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

interface Case {
  readonly aShape: number[];
  readonly bShape: number[];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly fused: boolean;
}

/** Product, dLoss/da and dLoss/db for loss = sum(matMul(a, b) · w), as plain arrays. */
function productAndGrads(c: Case, a: Float32Array, b: Float32Array, seed: number): Float32Array[] {
  return tf.tidy(() => {
    const at = tf.tensor(a, c.aShape);
    const bt = tf.tensor(b, c.bShape);
    const mm = (x: typeof at, y: typeof bt) =>
      c.fused
        ? tf.fused.matMul({ a: x as never, b: y as never, transposeA: c.transposeA, transposeB: c.transposeB, activation: 'elu' })
        : tf.matMul(x, y, c.transposeA, c.transposeB);
    const out = mm(at, bt);
    const w = tf.tensor(randomArray(out.size, new Rng(seed)), out.shape);
    const grads = tf.grads((x, y) => tf.sum(tf.mul(mm(x, y), w)))([at, bt]);
    return [out, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

function maxRelDiff(x: Float32Array, y: Float32Array): number {
  expect(x.length).toBe(y.length);
  let scale = 1e-6;
  for (const v of y) scale = Math.max(scale, Math.abs(v));
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs((x[i] as number) - (y[i] as number)));
  return d / scale;
}

const cases: Case[] = [];
for (const fused of [false, true]) {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      const m = 7, k = 13, n = 5;
      cases.push({ aShape: transposeA ? [k, m] : [m, k], bShape: transposeB ? [n, k] : [k, n], transposeA, transposeB, fused });
      if (!fused) cases.push({ aShape: transposeA ? [3, k, m] : [3, m, k], bShape: transposeB ? [3, n, k] : [3, k, n], transposeA, transposeB, fused });
    }
  }
}

describe('wasm matMul with explicit transposes', () => {
  it('is installed when the wasm backend loads', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(wasmTransposeFixOn(tf)).toBe(true);
  });

  it.each(cases)('gives the same product and gradients as TF.js wasm and cpu: a %j', async (c) => {
    const rng = new Rng(11);
    const a = randomArray(c.aShape.reduce((p, v) => p * v, 1), rng);
    const b = randomArray(c.bShape.reduce((p, v) => p * v, 1), rng);
    await initBackend('wasm');
    expect(setWasmTransposeFix(tf, true)).toBe(true);
    const fixed = productAndGrads(c, a, b, 5);
    setWasmTransposeFix(tf, false);
    expect(wasmTransposeFixOn(tf)).toBe(false);
    const native = productAndGrads(c, a, b, 5);
    setWasmTransposeFix(tf, true);
    await initBackend('cpu');
    const cpu = productAndGrads(c, a, b, 5);
    await initBackend('wasm');
    for (let i = 0; i < 3; i++) {
      expect(maxRelDiff(fixed[i] as Float32Array, native[i] as Float32Array)).toBeLessThan(1e-5);
      expect(maxRelDiff(fixed[i] as Float32Array, cpu[i] as Float32Array)).toBeLessThan(1e-5);
    }
  });

  it('leaks no memory: the transposed copies are released', () => {
    const before = tf.memory().numBytes;
    const c = cases.find((x) => x.transposeA && x.transposeB && !x.fused && x.aShape.length === 3) as Case;
    const rng = new Rng(3);
    productAndGrads(c, randomArray(3 * 13 * 7, rng), randomArray(3 * 5 * 13, rng), 1);
    expect(tf.memory().numBytes).toBe(before);
  });
});

import { describe, it, expect, beforeAll } from '@jest/globals';
import { cganModel, initBackend, isCganModel, Rng, setNativeStepFix, tensorflow, type CganModel, type ReturnsMatrix } from '@tailforge/core';
import { isoDates } from './helpers/returns-fixture.js';

/**
 * Runs only where @tensorflow/tfjs-node loads (its native binding built, e.g.
 * by scripts/tfjs-node-local.mjs): the same seeded cgan training on the native
 * tensorflow backend and on wasm must give the same losses and generated paths
 * within float tolerance. Elsewhere it prints why it skipped.
 */

const PARAMS = { window: 5, stateWindow: 5, latentDim: 4, hidden: 16, epochs: 2, batchSize: 32, patience: 0, learningRate: 0.002 };

function data(): ReturnsMatrix {
  const rng = new Rng(5);
  const T = 400, A = 3;
  const values = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    const vol = Math.floor(t / 100) % 2 === 0 ? 0.005 : 0.03;
    const f = rng.normal();
    for (let a = 0; a < A; a++) values[t * A + a] = vol * (0.6 * f + 0.8 * rng.normal());
  }
  return { dates: isoDates(T), symbols: ['X', 'Y', 'Z'], values };
}

async function trainOn(backend: 'tensorflow' | 'wasm'): Promise<{ model: CganModel; paths: Float32Array }> {
  await initBackend(backend);
  const model = await cganModel.fit(data(), PARAMS, { seed: 3 });
  if (!isCganModel(model)) throw new Error('not a cgan');
  return { model, paths: await model.sample({ nPaths: 200, horizon: 5, seed: 9 }) };
}

let skip: string | undefined;
beforeAll(async () => {
  try {
    await initBackend('tensorflow');
  } catch (e) {
    skip = `tfjs-node does not load here (${(e as Error).message.split('\n')[0]}); build it with scripts/tfjs-node-local.mjs to run this test`;
  }
});

describe('tfjs-node against wasm', () => {
  it('trains the cgan to the same losses and paths within float tolerance', async () => {
    if (skip !== undefined) {
      process.stdout.write(`skipped: ${skip}\n`);
      return;
    }
    const native = await trainOn('tensorflow');
    const wasm = await trainOn('wasm');
    const hn = native.model.training.history, hw = wasm.model.training.history;
    expect(hn).toHaveLength(hw.length);
    for (let i = 0; i < hn.length; i++) {
      const a = hn[i]!, b = hw[i]!;
      expect(Math.abs(a.dLoss - b.dLoss)).toBeLessThan(1e-3 * Math.max(1, Math.abs(b.dLoss)));
      expect(Math.abs(a.gLoss - b.gLoss)).toBeLessThan(1e-3 * Math.max(1, Math.abs(b.gLoss)));
    }
    let scale = 0, diff = 0;
    for (let i = 0; i < wasm.paths.length; i++) {
      scale = Math.max(scale, Math.abs(wasm.paths[i]!));
      diff = Math.max(diff, Math.abs(native.paths[i]! - wasm.paths[i]!));
    }
    expect(diff / scale).toBeLessThan(1e-3);
  });
});

describe('tfjs-node Step kernel (native-step.ts)', () => {
  it('gives tfjs-node’s own values, element for element: 1 above 0, alpha elsewhere, NaN kept', async () => {
    if (skip !== undefined) {
      process.stdout.write(`skipped: ${skip}\n`);
      return;
    }
    await initBackend('tensorflow');
    const tf = await tensorflow();
    const rng = new Rng(11);
    const values = Float32Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? 0 : i % 89 === 0 ? -0 : rng.normal()));
    values.set([NaN, Infinity, -Infinity, 1e-45, -1e-45, 0], 0);
    const run = (alpha: number): Float32Array => tf.tidy(() => tf.step(tf.tensor2d(values, [50, 100]), alpha).dataSync() as Float32Array);
    for (const alpha of [0, -1, 0.3, -2.5]) {
      const fast = run(alpha);
      setNativeStepFix(tf, false);
      const own = run(alpha);
      setNativeStepFix(tf, true);
      expect(Array.from(fast)).toEqual(Array.from(own));
    }
    // And the gradients that use it: relu's and abs's.
    const x = tf.tensor1d(values.subarray(6, 1006));
    const grads = (): Float32Array[] => tf.tidy(() => [tf.grad((v: import('@tensorflow/tfjs').Tensor) => tf.sum(tf.relu(v)))(x), tf.grad((v: import('@tensorflow/tfjs').Tensor) => tf.sum(tf.abs(v)))(x)].map((g) => g.dataSync() as Float32Array));
    const fast = grads();
    setNativeStepFix(tf, false);
    const own = grads();
    setNativeStepFix(tf, true);
    expect(fast.map((g) => Array.from(g))).toEqual(own.map((g) => Array.from(g)));
    x.dispose();
  });
});

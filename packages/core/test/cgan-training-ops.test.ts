import { describe, it, expect, beforeAll } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { initBackend, Rng } from '../src/index.js';
import { FlatAdam } from '../src/models/cgan/flat-adam.js';
import { Discriminator, Generator } from '../src/models/cgan/networks.js';
import { trainGan } from '../src/models/cgan/train.js';
import { MomentMatching, featureMatching, halvesRow, momentMatching, weightedBce } from '../src/models/cgan/losses.js';

/**
 * The training step's batched losses and flat Adam (train.ts) against
 * definitions computed here independently: plain loops in double precision
 * for the losses, tf.train.adam for the optimizer.
 */

beforeAll(async () => {
  await initBackend('wasm');
});

const normals = (rng: Rng, n: number, scale = 1): Float32Array => Float32Array.from({ length: n }, () => scale * rng.normal());

/** The moment-matching loss of losses.ts's doc comment, term by term, in loops. */
function momentReference(r: Float32Array, f: Float32Array, s: Float32Array, B: number, H: number, A: number, S: number): number {
  const at = (x: Float32Array, b: number, t: number, a: number): number => x[(b * H + t) * A + a]!;
  const meanAbs = (g: (x: Float32Array, i: number) => number, n: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.abs(g(r, i) - g(f, i));
    return sum / n;
  };
  const overBT = (x: Float32Array, a: number, h: (v: number) => number): number => {
    let sum = 0;
    for (let b = 0; b < B; b++) for (let t = 0; t < H; t++) sum += h(at(x, b, t, a));
    return sum / (B * H);
  };
  let loss = meanAbs((x, a) => overBT(x, a, (v) => v), A);
  loss += meanAbs((x, a) => overBT(x, a, (v) => v * v), A);
  loss += meanAbs((x, a) => overBT(x, a, (v) => v ** 4), A) / 9;
  loss += meanAbs((x, i) => {
    const a1 = Math.floor(i / A), a2 = i % A;
    let sum = 0;
    for (let b = 0; b < B; b++) for (let t = 0; t < H; t++) sum += at(x, b, t, a1) * at(x, b, t, a2);
    return sum / (B * H);
  }, A * A);
  for (let k = 1; k <= 3 && k < H; k++) {
    for (const h of [(v: number) => v, Math.abs]) {
      loss += meanAbs((x, a) => {
        let sum = 0;
        for (let b = 0; b < B; b++) for (let t = 0; t + k < H; t++) sum += h(at(x, b, t, a)) * h(at(x, b, t + k, a));
        return sum / (B * (H - k));
      }, A);
    }
  }
  loss += meanAbs((x, a) => {
    let sum = 0;
    for (let b = 0; b < B; b++) {
      let m = 0;
      for (let t = 0; t < H; t++) m += at(x, b, t, a) / H;
      sum += m * m;
    }
    return sum / B;
  }, A);
  loss += meanAbs((x, j) => {
    let sum = 0;
    for (let b = 0; b < B; b++) {
      let v = 0;
      for (let t = 0; t < H; t++) for (let a = 0; a < A; a++) v += at(x, b, t, a) ** 2 / (H * A);
      sum += s[b * S + j]! * v;
    }
    return sum / B;
  }, S);
  return loss;
}

describe('cgan training losses, batched', () => {
  it('moment matching equals its definition computed in loops (windows of 2 to 10 days)', () => {
    const rng = new Rng(11);
    for (const [B, H, A, S] of [[16, 10, 5, 4], [8, 2, 3, 2], [6, 4, 1, 3]] as const) {
      const r = normals(rng, B * H * A), f = normals(rng, B * H * A, 1.3), s = normals(rng, B * S);
      const expected = momentReference(r, f, s, B, H, A, S);
      const got = tf.tidy(() => momentMatching(tf.tensor3d(r, [B, H, A]), tf.tensor3d(f, [B, H, A]), tf.tensor2d(s, [B, S])).dataSync()[0]!);
      expect(Math.abs(got - expected)).toBeLessThan(1e-5 * Math.max(1, expected));
      // Same batch on both sides: every difference is 0.
      const mm = new MomentMatching(B, H, A, S);
      const signed = Float32Array.from([...s, ...s.map((v) => -v)]);
      const zero = tf.tidy(() => mm.loss(tf.tensor3d(Float32Array.from([...r, ...r]), [2 * B, H, A]), tf.tensor2d(signed, [2 * B, S])).dataSync()[0]!);
      mm.dispose();
      expect(Math.abs(zero)).toBeLessThan(1e-6);
    }
  });

  it('weighted BCE and stacked feature matching equal the per-batch means', () => {
    const rng = new Rng(12);
    const B = 7, U = 5;
    const logits = normals(rng, 2 * B, 2);
    const softplus = (x: number): number => Math.log1p(Math.exp(x));
    let dRef = 0, gRef = 0;
    for (let i = 0; i < B; i++) {
      dRef += (softplus(logits[i]!) - 0.9 * logits[i]!) / B + softplus(logits[B + i]!) / B;
      gRef += (softplus(logits[i]!) - logits[i]!) / B;
    }
    const feats = normals(rng, 2 * B * U);
    let fmRef = 0;
    for (let u = 0; u < U; u++) {
      let m1 = 0, m2 = 0;
      for (let i = 0; i < B; i++) {
        m1 += feats[i * U + u]! / B;
        m2 += feats[(B + i) * U + u]! / B;
      }
      fmRef += (m1 - m2) ** 2 / U;
    }
    const [d, g, fm] = tf.tidy(() => {
      const l = tf.tensor2d(logits, [2 * B, 1]);
      const labels = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 0.9 : 0)), [2 * B, 1]);
      const firstHalf = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 / B : 0)), [2 * B, 1]);
      return [weightedBce(l, labels, 1 / B), weightedBce(l, 1, firstHalf), featureMatching(tf.tensor2d(feats, [2 * B, U]), halvesRow(B))].map((t) => t.dataSync()[0]!);
    });
    expect(d).toBeCloseTo(dRef, 5);
    expect(g).toBeCloseTo(gRef, 5);
    expect(fm).toBeCloseTo(fmRef, 6);
  });
});

describe('FlatAdam', () => {
  it("takes tf.train.adam's steps on several variables of different shapes", () => {
    const rng = new Rng(13);
    const shapes = [[3, 4], [4], [2, 2], [1]] as const;
    const init = shapes.map((sh) => normals(rng, sh.reduce((a: number, b: number) => a * b, 1)));
    const target = init.map((x) => normals(rng, x.length));
    const make = (): tf.Variable[] => shapes.map((sh, i) => tf.variable(tf.tensor(init[i]!, [...sh]), true));
    const loss = (vars: tf.Variable[]) => (): tf.Scalar =>
      tf.addN(vars.map((v, i) => tf.sum(tf.mul(tf.square(tf.sub(v, tf.tensor(target[i]!, v.shape))), i + 1)))) as tf.Scalar;
    const a = make(), b = make();
    const ours = new FlatAdam(a, 0.01, 0.5, 0.999);
    const theirs = tf.train.adam(0.01, 0.5, 0.999);
    for (let step = 0; step < 25; step++) {
      tf.tidy(() => {
        ours.minimize(loss(a));
        theirs.minimize(loss(b), false, b);
      });
    }
    let moved = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!.dataSync(), y = b[i]!.dataSync();
      for (let j = 0; j < x.length; j++) {
        expect(Math.abs(x[j]! - y[j]!)).toBeLessThan(1e-5);
        moved = Math.max(moved, Math.abs(x[j]! - init[i]![j]!));
      }
    }
    expect(moved).toBeGreaterThan(0.1); // 25 steps of 0.01 moved the weights: the comparison is not of two idle optimisers
    ours.dispose();
    theirs.dispose();
    for (const v of [...a, ...b]) v.dispose();
  });
});

describe('trainGan: the layout of the discriminator passes', () => {
  it('stacked [real; fake] passes and one pass per batch train to the same losses and weights', async () => {
    const rng = new Rng(14);
    const B = 16, H = 4, A = 3, S = 5, n = 4 * B;
    const data = { n, starts: new Int32Array(n), u: normals(rng, n * H * A), states: normals(rng, n * S) };
    const config = { latentDim: 3, stateDim: S, hidden: 8, window: H, nAssets: A };
    const settings = { epochs: 3, batchSize: B, learningRate: 0.01, momentWeight: 1, featureWeight: 0.5, instanceNoise: 0.1, labelSmoothing: 0.1, patience: 0, seed: 3 };
    const run = async (stackDiscriminatorPasses: boolean) => {
      const init = new Rng(15);
      const gen = Generator.initial(config, init);
      const disc = Discriminator.initial(config, init);
      const out = await trainGan(gen, disc, data, (epoch) => -epoch, { ...settings, stackDiscriminatorPasses });
      const weights = { ...gen.weights(), ...disc.weights() };
      gen.dispose();
      disc.dispose();
      return { history: out.history, weights };
    };
    const a = await run(true), b = await run(false);
    expect(a.history).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(a.history[i]!.dLoss - b.history[i]!.dLoss)).toBeLessThan(1e-5);
      expect(Math.abs(a.history[i]!.gLoss - b.history[i]!.gLoss)).toBeLessThan(1e-5);
    }
    expect(a.history[2]!.gLoss).not.toBeCloseTo(a.history[0]!.gLoss, 3); // it trained
    for (const [name, w] of Object.entries(a.weights)) {
      const v = b.weights[name]!;
      for (let j = 0; j < w.length; j++) expect(Math.abs(w[j]! - v[j]!)).toBeLessThan(1e-4);
    }
  });
});

import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../../errors.js';
import { Rng, mix32 } from '../../random/rng.js';
import { trainingPlan } from '../../tensorflow/backend.js';
import type { WindowData } from './dataset.js';
import { FlatAdam } from './flat-adam.js';
import { MomentMatching, featureMatching, halvesRow, weightedBce } from './losses.js';
import { ganConfig, latentSize, type Discriminator, type Generator } from './networks.js';

/**
 * The training loop.
 *
 * Loss: non-saturating BCE with stabilisers, not WGAN-GP. The gradient
 * penalty needs second-order gradients (the gradient of ‖∇ₓD‖ with respect to
 * D's weights); TF.js computes them for matMul and relu on the wasm and cpu
 * backends, but not through every kernel on every backend, and it multiplies
 * the cost of a critic step about threefold, with the usual 5 critic steps per
 * generator step: ~10× slower training on the 2-core WebAssembly backend this
 * project must run on. The non-saturating loss needs first-order gradients
 * only, and its known instabilities are handled by: Adam with β1 = 0.5 and a
 * small learning rate; one-sided label smoothing; instance noise on D's
 * inputs, decayed to 0 (Sønderby et al. 2017); feature matching on D's hidden
 * layer; and moment matching on the statistics that matter for risk
 * (variances, cross-moments, volatility clustering, dependence on the state).
 *
 * Selection: after every epoch the caller's `score` runs the generator on the
 * validation windows' states with fixed latents (validation.ts: conditional
 * FZ0 score of portfolio VaR/ES); the best epoch's weights are kept, not the last. Training stops early after
 * `patience` epochs without improvement. A NaN or infinite loss or generated
 * value stops training with a ModelError.
 *
 * Speed: a step at the default sizes is ~650–730 small TF.js ops, and per-op
 * overhead, not arithmetic, bounds it. So the discriminator runs once per
 * loss on a stacked batch ([real; fake] for D, [fake; real] for G's
 * adversarial and feature-matching terms) where the backend's plan says so
 * (trainingPlan: not on wasm, where two passes are cheaper), the generated
 * windows of D's step are made off the gradient tape, moment matching stacks real and fake
 * (losses.ts), each network has one flat Adam (flat-adam.ts), and the
 * latents and instance noise are drawn with the project's Rng.fillNormals
 * (the ~78k normals of a default step: ~1.2 ms, against ~4–6 ms with
 * tf.randomNormal's generator). The mathematics is
 * the earlier loop's; the random numbers are not tf.randomNormal's, so a seed
 * trains to other weights than versions before this one.
 */

export interface TrainSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly momentWeight: number;
  readonly featureWeight: number;
  readonly instanceNoise: number;
  readonly labelSmoothing: number;
  readonly patience: number;
  readonly seed: number;
  /** Overrides the backend's plan (trainingPlan) for how D's passes are laid out: same losses either way. */
  readonly stackDiscriminatorPasses?: boolean;
}

export interface EpochRecord {
  readonly epoch: number;
  readonly dLoss: number;
  readonly gLoss: number;
  readonly metric: number;
}

export interface TrainOutcome {
  readonly bestEpoch: number;
  readonly bestMetric: number;
  readonly epochsRun: number;
  readonly steps: number;
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly stopReason: 'epochs' | 'patience';
  readonly history: readonly EpochRecord[];
}

export async function trainGan(
  gen: Generator,
  disc: Discriminator,
  train: WindowData,
  score: (epoch: number) => number,
  cfg: TrainSettings,
  onEpoch?: (record: EpochRecord, best: { epoch: number; metric: number }) => void,
): Promise<TrainOutcome> {
  // In factor mode the GAN trains on factor windows (train.u is n × H × K): its own config and applyGan.
  const net = ganConfig(gen.config);
  const { stateDim: S, window: H, nAssets: A } = net;
  const L = latentSize(net);
  const HA = H * A;
  const B = Math.min(cfg.batchSize, train.n);
  const stepsPerEpoch = Math.floor(train.n / B);
  const rng = new Rng(mix32(cfg.seed, 0x7a11));
  // One flat Adam per network and one stacked discriminator pass per loss: see flat-adam.ts and losses.ts.
  const optD = new FlatAdam(disc.variables(), cfg.learningRate, 0.5, 0.999);
  const optG = new FlatAdam(gen.variables(), cfg.learningRate, 0.5, 0.999);
  const moments = cfg.momentWeight > 0 ? new MomentMatching(B, H, A, S) : undefined;
  const withFeatures = cfg.featureWeight > 0;
  const stacked = cfg.stackDiscriminatorPasses ?? trainingPlan().stackDiscriminatorPasses;
  // Constants: D's labels for [real; fake], G's weights for [fake; real] (the real half only feeds feature matching).
  const dLabels = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 - cfg.labelSmoothing : 0)), [2 * B, 1]);
  const gWeights = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 / B : 0)), [2 * B, 1]);
  const halves = halvesRow(B);
  const xb = new Float32Array(B * HA);
  const sb = new Float32Array(B * S);
  const signedStates = new Float32Array(2 * B * S); // [s; −s], for moment matching's state term
  // The step's random draws, all from `rng` (Rng.fillNormals: far cheaper than tf.randomNormal's generator).
  const zD = new Float32Array(B * L), zG = new Float32Array(B * L);
  const xNoisy = new Float32Array(B * HA), noiseD = new Float32Array(B * HA);
  const noiseG = new Float32Array(2 * B * HA); // [fake half; real half = 0]: G's step puts noise on the fake half only
  const scaledNormals = (out: Float32Array, sigma: number, n = out.length): void => {
    rng.fillNormals(out, 0, n);
    for (let i = 0; i < n; i++) out[i] *= sigma;
  };

  const history: EpochRecord[] = [];
  let best = { epoch: 0, metric: Infinity };
  let bestWeights: Record<string, Float32Array> | undefined;
  let steps = 0;
  let trainMs = 0;
  let stopReason: TrainOutcome['stopReason'] = 'epochs';
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const t0 = performance.now();
      const order = permutation(train.n, rng);
      const sigma = cfg.instanceNoise * Math.max(0, 1 - (epoch - 1) / Math.max(1, cfg.epochs - 1));
      let dSum = 0, gSum = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        for (let i = 0; i < B; i++) {
          const w = order[step * B + i];
          xb.set(train.u.subarray(w * HA, (w + 1) * HA), i * HA);
          sb.set(train.states.subarray(w * S, (w + 1) * S), i * S);
        }
        signedStates.set(sb);
        for (let i = 0; i < B * S; i++) signedStates[B * S + i] = -sb[i];
        rng.fillNormals(zD, 0, zD.length);
        rng.fillNormals(zG, 0, zG.length);
        if (sigma > 0) {
          // Instance noise on D's inputs: added here for the real windows, as a tensor for the generated ones.
          scaledNormals(xNoisy, sigma);
          for (let i = 0; i < xNoisy.length; i++) xNoisy[i] += xb[i];
          scaledNormals(noiseD, sigma);
          scaledNormals(noiseG, sigma, B * HA);
        }
        const [dLoss, gLoss] = tf.tidy(() => {
          const x = tf.tensor2d(xb, [B, HA]);
          const s = tf.tensor2d(sb, [B, S]);
          const s2 = stacked ? tf.concat([s, s], 0) : s;
          const noisy = (t: tf.Tensor2D, noise: Float32Array): tf.Tensor2D => (sigma > 0 ? tf.add(t, tf.tensor2d(noise.subarray(0, B * HA), [B, HA])) : t);
          // D step: the generated windows are inputs here (computed off the gradient tape).
          const fakeD = noisy(tf.reshape(gen.applyGan(tf.tensor2d(zD, [B, L]), s), [B, HA]) as tf.Tensor2D, noiseD);
          const realD = sigma > 0 ? tf.tensor2d(xNoisy, [B, HA]) : x;
          const dIn = stacked ? tf.concat([realD, fakeD], 0) : undefined;
          const d = optD.minimize(() =>
            dIn !== undefined
              ? weightedBce(disc.apply(dIn, s2).logits, dLabels, 1 / B)
              : (tf.add(weightedBce(disc.apply(realD, s).logits, 1 - cfg.labelSmoothing, 1 / B), weightedBce(disc.apply(fakeD, s).logits, 0, 1 / B)) as tf.Scalar),
          );
          const g = optG.minimize(() => {
            const fake = tf.reshape(gen.applyGan(tf.tensor2d(zG, [B, L]), s), [B, HA]) as tf.Tensor2D;
            // [fake; real] windows, clean: moment matching's input, and D's (with noise on the fake half) for features.
            const both = (withFeatures && stacked) || moments !== undefined ? tf.concat([fake, x], 0) : undefined;
            let loss: tf.Scalar;
            if (withFeatures && stacked) {
              const out = disc.apply(sigma > 0 ? tf.add(both!, tf.tensor2d(noiseG, [2 * B, HA])) : both!, s2);
              loss = tf.add(weightedBce(out.logits, 1, gWeights), tf.mul(featureMatching(out.features, halves), cfg.featureWeight)) as tf.Scalar;
            } else {
              const dFake = disc.apply(noisy(fake, noiseG), s);
              loss = weightedBce(dFake.logits, 1, 1 / B);
              if (withFeatures) {
                const features = tf.concat([dFake.features, disc.apply(x, s).features], 0) as tf.Tensor2D;
                loss = tf.add(loss, tf.mul(featureMatching(features, halves), cfg.featureWeight)) as tf.Scalar;
              }
            }
            if (moments !== undefined) {
              const windows = tf.reshape(both!, [2 * B, H, A]) as tf.Tensor3D;
              loss = tf.add(loss, tf.mul(moments.loss(windows, tf.tensor2d(signedStates, [2 * B, S])), cfg.momentWeight)) as tf.Scalar;
            }
            return loss;
          });
          return [d.dataSync()[0], g.dataSync()[0]];
        });
        if (!Number.isFinite(dLoss) || !Number.isFinite(gLoss)) {
          const which = !Number.isFinite(dLoss) ? `discriminator loss is ${dLoss}` : `generator loss is ${gLoss}`;
          throw new ModelError(
            `cgan training diverged in epoch ${epoch}, step ${step + 1}: ${which}; try a smaller learningRate (now ${cfg.learningRate}) or a different --seed`,
          );
        }
        dSum += dLoss;
        gSum += gLoss;
        steps++;
      }
      trainMs += performance.now() - t0;

      const metric = score(epoch);
      if (!Number.isFinite(metric)) throw new ModelError(`cgan training diverged in epoch ${epoch}: the validation score is ${metric}`);
      const record: EpochRecord = { epoch, dLoss: dSum / stepsPerEpoch, gLoss: gSum / stepsPerEpoch, metric };
      history.push(record);
      if (metric < best.metric) {
        best = { epoch, metric };
        bestWeights = gen.weights();
      }
      onEpoch?.(record, best);
      await new Promise((resolve) => setImmediate(resolve));
      if (cfg.patience > 0 && epoch - best.epoch >= cfg.patience) {
        stopReason = 'patience';
        break;
      }
    }
  } finally {
    optD.dispose();
    optG.dispose();
    moments?.dispose();
    for (const t of [dLabels, gWeights, halves]) t.dispose();
  }
  if (bestWeights !== undefined) gen.setWeights(bestWeights);
  const seconds = trainMs / 1000;
  return {
    bestEpoch: best.epoch,
    bestMetric: best.metric,
    epochsRun: history.length,
    steps,
    seconds,
    stepsPerSecond: seconds > 0 ? steps / seconds : 0,
    stopReason,
    history,
  };
}

/** Fisher–Yates shuffle of 0..n−1. */
function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

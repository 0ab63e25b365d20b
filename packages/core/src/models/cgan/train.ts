import * as tf from '@tensorflow/tfjs';
import { ModelError } from '../../errors.js';
import { Rng, mix32 } from '../../random/rng.js';
import type { WindowData } from './dataset.js';
import { bceWithLogits, featureMatching, momentMatching } from './losses.js';
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
  const optD = tf.train.adam(cfg.learningRate, 0.5, 0.999);
  const optG = tf.train.adam(cfg.learningRate, 0.5, 0.999);
  const dVars = disc.variables();
  const gVars = gen.variables();
  const xb = new Float32Array(B * HA);
  const sb = new Float32Array(B * S);

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
        const seeds = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
        const [dLoss, gLoss] = tf.tidy(() => {
          const x = tf.tensor2d(xb, [B, HA]);
          const s = tf.tensor2d(sb, [B, S]);
          const noisy = (t: tf.Tensor2D, seed: number): tf.Tensor2D => (sigma > 0 ? tf.add(t, tf.randomNormal([B, HA], 0, sigma, 'float32', seed)) : t);
          const zD = tf.randomNormal([B, L], 0, 1, 'float32', seeds[0]) as tf.Tensor2D;
          const d = optD.minimize(() => {
            const fake = tf.reshape(gen.applyGan(zD, s), [B, HA]) as tf.Tensor2D;
            const real = disc.apply(noisy(x, seeds[1]), s).logits;
            const gen_ = disc.apply(noisy(fake, seeds[2]), s).logits;
            return tf.add(bceWithLogits(real, 1 - cfg.labelSmoothing), bceWithLogits(gen_, 0)) as tf.Scalar;
          }, true, dVars as tf.Variable[]) as tf.Scalar;
          const zG = tf.randomNormal([B, L], 0, 1, 'float32', seeds[3]) as tf.Tensor2D;
          const g = optG.minimize(() => {
            const fake3 = gen.applyGan(zG, s);
            const fake = tf.reshape(fake3, [B, HA]) as tf.Tensor2D;
            const dFake = disc.apply(noisy(fake, seeds[4]), s);
            let loss = bceWithLogits(dFake.logits, 1);
            if (cfg.featureWeight > 0) {
              const dReal = disc.apply(x, s);
              loss = tf.add(loss, tf.mul(featureMatching(dReal.features, dFake.features), cfg.featureWeight)) as tf.Scalar;
            }
            if (cfg.momentWeight > 0) {
              const real3 = tf.reshape(x, [B, H, A]) as tf.Tensor3D;
              loss = tf.add(loss, tf.mul(momentMatching(real3, fake3, s), cfg.momentWeight)) as tf.Scalar;
            }
            return loss;
          }, true, gVars as tf.Variable[]) as tf.Scalar;
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

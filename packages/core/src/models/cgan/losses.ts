import * as tf from '@tensorflow/tfjs';

/**
 * Loss terms. The adversarial loss is the non-saturating GAN loss of
 * Goodfellow et al. (2014) on logits, with one-sided label smoothing
 * (Salimans et al. 2016): D minimises BCE(D(x), 1 − ε) + BCE(D(G(z)), 0),
 * G minimises BCE(D(G(z)), 1) = −log σ(D(G(z))).
 *
 * Training runs the discriminator once on a stacked batch (real and generated
 * windows together), so these terms take stacked tensors and constant weights:
 * a step at the cgan's sizes is bound by TF.js's per-op cost, and one op on 2B
 * rows costs about what one on B rows does.
 */

/**
 * Σᵢ wᵢ·BCE(lᵢ, yᵢ) = Σᵢ wᵢ·(softplus(lᵢ) − yᵢ·lᵢ) over logits l and constant labels y and weights w
 * (broadcast against l). With w = 1/B on the B rows of one batch, it is that batch's mean binary
 * cross-entropy; stacking [real; fake] with y = [1 − ε; 0] gives D's loss in one call.
 */
export function weightedBce(logits: tf.Tensor, labels: tf.Tensor | number, weights: tf.Tensor | number): tf.Scalar {
  return tf.sum(tf.mul(tf.sub(tf.softplus(logits), tf.mul(logits, labels)), weights)) as tf.Scalar;
}

/**
 * Feature matching (Salimans et al. 2016): mean over units of (mean_batch f_real − mean_batch f_fake)²,
 * for features of a stacked batch [2B, units]; `halves` is the [1, 2B] row of +1/B (first B rows) and −1/B
 * (last B), so that one matMul gives the difference of the two batch means.
 */
export function featureMatching(features: tf.Tensor2D, halves: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.square(tf.matMul(halves, features))) as tf.Scalar;
}

/** The [1, 2B] row of `featureMatching`: +1/B on the first B entries, −1/B on the last B. */
export function halvesRow(B: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 / B : -1 / B)), [1, 2 * B]);
}

/**
 * Moment matching between a real batch and the generated batch for the same
 * states (u, Gaussianised; s the standardised states [B, S]). Sum of mean
 * absolute differences of: per-asset mean, E[u²] and E[u⁴]/3; the
 * cross-moment matrix E[u_a u_b] (dependence between assets); per-asset
 * E[u_t u_{t+k}] and E[|u_t| |u_{t+k}|] for k = 1, 2, 3 (no spurious serial
 * correlation; volatility clustering); per-asset E[(mean_t u_t)²] (how much
 * a window's average drifts); and E[s_j · mean_{t,a} u²] (how the window's
 * variance follows the state). Each mean absolute difference averages over its
 * own entries (A per-asset values, A² cross-moments, S state terms); the E[u⁴]
 * one is divided by 9.
 *
 * Computed in few ops (per-op cost dominates at these sizes): the real and
 * generated batches are stacked on a leading axis, so each statistic is one op
 * for both; the per-asset statistics are concatenated and their real − fake
 * differences taken by one matMul with [1, −1], weighted by a constant; the
 * cross-moments of both halves come from one matMul with a sign column. Holds
 * its constant tensors: build once per shape, dispose after training.
 */
export class MomentMatching {
  private readonly lags: number;
  private readonly weights: tf.Tensor2D;
  private readonly halfSigns: tf.Tensor2D;
  private readonly rowSigns: tf.Tensor2D;

  constructor(private readonly B: number, private readonly H: number, private readonly A: number, private readonly S: number) {
    this.lags = Math.min(3, H - 1);
    // Per-asset statistics, A each: E[u], E[u²], E[u⁴] (its difference / 9), the lags of u and of |u|, E[(mean_t u)²].
    const nStats = 4 + 2 * this.lags;
    const w = new Float32Array(nStats * A).fill(1 / A);
    w.fill(1 / (9 * A), 2 * A, 3 * A);
    this.weights = tf.tensor2d(w, [1, nStats * A]);
    this.halfSigns = tf.tensor2d([1, -1], [1, 2]);
    this.rowSigns = tf.tensor2d(Float32Array.from({ length: 2 * B * H }, (_, i) => (i < B * H ? 1 : -1)), [2 * B * H, 1]);
  }

  /** The loss for `stacked` = [real; fake] windows [2B, H, A] (real first) and their states s [B, S]. */
  loss(stacked: tf.Tensor3D, s: tf.Tensor2D): tf.Scalar {
    const { B, H, A, S, lags } = this;
    const v = tf.reshape(stacked, [2, B, H, A]) as tf.Tensor4D;
    const sq = tf.square(v);
    const abs = tf.abs(v);
    const stats: tf.Tensor[] = [tf.mean(v, [1, 2]), tf.mean(sq, [1, 2]), tf.mean(tf.square(sq), [1, 2])];
    const lag = (x: tf.Tensor4D, k: number): tf.Tensor => tf.mean(tf.mul(tf.slice(x, [0, 0, 0, 0], [2, B, H - k, A]), tf.slice(x, [0, 0, k, 0], [2, B, H - k, A])), [1, 2]);
    for (let k = 1; k <= lags; k++) stats.push(lag(v, k), lag(abs, k));
    stats.push(tf.mean(tf.square(tf.mean(v, 2)), 1));
    const perAsset = tf.sum(tf.mul(tf.abs(tf.matMul(this.halfSigns, tf.concat(stats, 1) as tf.Tensor2D)), this.weights));
    const rows = tf.reshape(stacked, [2 * B * H, A]) as tf.Tensor2D;
    const cross = tf.mul(tf.sum(tf.abs(tf.matMul(rows, tf.mul(rows, this.rowSigns), true, false))), 1 / (B * H * A * A));
    const varByWindow = tf.reshape(tf.mean(sq, [2, 3]), [2, B]) as tf.Tensor2D;
    const state = tf.mul(tf.sum(tf.abs(tf.matMul(tf.matMul(this.halfSigns, varByWindow), s))), 1 / (B * S));
    return tf.addN([perAsset, cross, state]) as tf.Scalar;
  }

  dispose(): void {
    for (const t of [this.weights, this.halfSigns, this.rowSigns]) t.dispose();
  }
}

/** {@link MomentMatching}'s loss for separate real and fake batches [B, H, A] (builds and disposes the constants). */
export function momentMatching(real: tf.Tensor3D, fake: tf.Tensor3D, s: tf.Tensor2D): tf.Scalar {
  const [B, H, A] = real.shape;
  const mm = new MomentMatching(B, H, A, s.shape[1]);
  try {
    return tf.tidy(() => mm.loss(tf.concat([real, fake], 0) as tf.Tensor3D, s));
  } finally {
    mm.dispose();
  }
}

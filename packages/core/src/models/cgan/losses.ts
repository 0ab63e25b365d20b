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
 * Computed in few ops that are cheap on every backend (per-op cost dominates
 * at these sizes; on wasm, means over inner axes, strided slices and splits
 * cost far more than a small matMul): the real and generated windows are one
 * matrix of rows (half, window, day) × assets, and every per-asset real − fake
 * difference of means is one matMul with a constant row of ±1/count (zero on
 * rows that do not count, e.g. lag pairs that cross a window's end); lag
 * products are the matrix times itself shifted by k rows (two contiguous
 * slices); the cross-moments of both halves come from one matMul with a sign
 * column. Holds its constant tensors: build once per shape, dispose after
 * training.
 */
export class MomentMatching {
  private readonly lags: number;
  private readonly meanDiff: tf.Tensor2D;
  private readonly lagDiff: tf.Tensor2D[] = [];
  private readonly windowDiff: tf.Tensor2D;
  private readonly weights: tf.Tensor2D;
  private readonly rowSigns: tf.Tensor2D;

  constructor(private readonly B: number, private readonly H: number, private readonly A: number, private readonly S: number) {
    const N = 2 * B * H; // rows: (half, window, day), real half first
    const sign = (i: number): number => (i < B * H ? 1 : -1);
    this.lags = Math.min(3, H - 1);
    this.meanDiff = tf.tensor2d(Float32Array.from({ length: N }, (_, i) => sign(i) / (B * H)), [N, 1]);
    // Lag k over [u rows; |u| rows] (2N rows): row j pairs with row j + k when both are days of one window.
    for (let k = 1; k <= this.lags; k++) {
      const d = new Float32Array(2 * (2 * N - k));
      for (let j = 0; j < 2 * N - k; j++) {
        const type = j < N ? 0 : 1, i = j % N;
        if ((i % H) + k < H) d[2 * j + type] = sign(i) / (B * (H - k));
      }
      this.lagDiff.push(tf.tensor2d(d, [2 * N - k, 2]));
    }
    this.windowDiff = tf.tensor2d(Float32Array.from({ length: 2 * B }, (_, b) => (b < B ? 1 : -1) / B), [2 * B, 1]);
    // Rows of the stacked differences: E[u], E[u²], E[u⁴] (its difference / 9), lags of u and |u|, E[(mean_t u)²].
    const rows = 4 + 2 * this.lags;
    const w = new Float32Array(rows).fill(1 / A);
    w[2] = 1 / (9 * A);
    this.weights = tf.tensor2d(w, [1, rows]);
    this.rowSigns = tf.tensor2d(Float32Array.from({ length: N }, (_, i) => sign(i)), [N, 1]);
  }

  /**
   * The loss for `stacked` = [real; fake] windows [2B, H, A] and `signedStates`
   * = [s; −s] [2B, S], s the windows' standardised states. Every term is an
   * absolute difference, so [fake; real] gives the same loss.
   */
  loss(stacked: tf.Tensor3D, signedStates: tf.Tensor2D): tf.Scalar {
    const { B, H, A, S, lags } = this;
    const N = 2 * B * H;
    const r = tf.reshape(stacked, [N, A]) as tf.Tensor2D;
    const sq = tf.square(r);
    const both = tf.concat([r, tf.abs(r)], 0); // [2N, A]: u rows, then |u| rows
    // Data on the left, transposed, and the constant on the right: wasm's matMul re-packs its right operand unless it is
    // the same tensor as last time, which is costly for a fresh [N, A] and free for these constants.
    const diffs: tf.Tensor2D[] = [r, sq, tf.square(sq)].map((x) => tf.matMul(x, this.meanDiff, true, false));
    for (let k = 1; k <= lags; k++) {
      const pairs = tf.mul(tf.slice(both, [0, 0], [2 * N - k, A]), tf.slice(both, [k, 0], [2 * N - k, A]));
      diffs.push(tf.matMul(pairs, this.lagDiff[k - 1]!, true, false));
    }
    diffs.push(tf.matMul(tf.square(tf.mean(tf.reshape(r, [2 * B, H, A]), 1) as tf.Tensor2D), this.windowDiff, true, false));
    const perAsset = tf.sum(tf.mul(tf.abs(tf.concat(diffs, 1)), this.weights)); // [A, rows]
    const cross = tf.mul(tf.sum(tf.abs(tf.matMul(r, tf.mul(r, this.rowSigns), true, false))), 1 / (B * H * A * A));
    const varByWindow = tf.reshape(tf.mean(tf.reshape(sq, [2 * B, H * A]), 1), [1, 2 * B]) as tf.Tensor2D;
    const state = tf.mul(tf.sum(tf.abs(tf.matMul(varByWindow, signedStates))), 1 / (B * S));
    return tf.addN([perAsset, cross, state]) as tf.Scalar;
  }

  dispose(): void {
    for (const t of [this.meanDiff, ...this.lagDiff, this.windowDiff, this.weights, this.rowSigns]) t.dispose();
  }
}

/** {@link MomentMatching}'s loss for separate real and fake batches [B, H, A] (builds and disposes the constants). */
export function momentMatching(real: tf.Tensor3D, fake: tf.Tensor3D, s: tf.Tensor2D): tf.Scalar {
  const [B, H, A] = real.shape;
  const mm = new MomentMatching(B, H, A, s.shape[1]);
  try {
    return tf.tidy(() => mm.loss(tf.concat([real, fake], 0) as tf.Tensor3D, tf.concat([s, tf.neg(s)], 0)));
  } finally {
    mm.dispose();
  }
}

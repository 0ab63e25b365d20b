import * as tf from '@tensorflow/tfjs';

/**
 * Loss terms. The adversarial loss is the non-saturating GAN loss of
 * Goodfellow et al. (2014) on logits, with one-sided label smoothing
 * (Salimans et al. 2016): D minimises BCE(D(x), 1 − ε) + BCE(D(G(z)), 0),
 * G minimises BCE(D(G(z)), 1) = −log σ(D(G(z))).
 */

/** Mean binary cross-entropy of logits against a constant label y: mean(softplus(l) − y·l). */
export function bceWithLogits(logits: tf.Tensor, label: number): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, label))) as tf.Scalar;
}

/** Feature matching (Salimans et al. 2016): mean over units of (mean_batch f_real − mean_batch f_fake)². */
export function featureMatching(real: tf.Tensor2D, fake: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.squaredDifference(tf.mean(real, 0), tf.mean(fake, 0))) as tf.Scalar;
}

/** Mean absolute difference: unlike a squared one, its gradient does not vanish on small moments such as lag covariances. */
const meanAbs = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.mean(tf.abs(tf.sub(a, b))) as tf.Scalar;

/**
 * Moment matching between a real batch and the generated batch for the same
 * states (both [B, H, A], Gaussianised; s the standardised states [B, S]).
 * Sum of mean absolute differences of: per-asset mean, E[u²] and E[u⁴]/3;
 * the cross-moment matrix E[u_a u_b] (dependence between assets); per-asset
 * E[u_t u_{t+k}] and E[|u_t| |u_{t+k}|] for k = 1, 2, 3 (no spurious serial
 * correlation; volatility clustering); per-asset E[(mean_t u_t)²] (how much
 * a window's average drifts); and E[s_j · mean_{t,a} u²] (how the window's
 * variance follows the state).
 */
export function momentMatching(real: tf.Tensor3D, fake: tf.Tensor3D, s: tf.Tensor2D): tf.Scalar {
  const [B, H, A] = real.shape;
  const terms: tf.Scalar[] = [];
  const flatR = tf.reshape(real, [B * H, A]) as tf.Tensor2D;
  const flatF = tf.reshape(fake, [B * H, A]) as tf.Tensor2D;
  terms.push(meanAbs(tf.mean(flatR, 0), tf.mean(flatF, 0)));
  const r2 = tf.square(flatR), f2 = tf.square(flatF);
  terms.push(meanAbs(tf.mean(r2, 0), tf.mean(f2, 0)));
  terms.push(tf.div(meanAbs(tf.mean(tf.square(r2), 0), tf.mean(tf.square(f2), 0)), 9) as tf.Scalar);
  const n = B * H;
  terms.push(meanAbs(tf.div(tf.matMul(flatR, flatR, true, false), n), tf.div(tf.matMul(flatF, flatF, true, false), n)));
  const absR = tf.abs(real), absF = tf.abs(fake);
  for (let k = 1; k <= 3 && k < H; k++) {
    const lag = (x: tf.Tensor3D): tf.Tensor =>
      tf.mean(tf.mul(tf.slice(x, [0, 0, 0], [B, H - k, A]), tf.slice(x, [0, k, 0], [B, H - k, A])), [0, 1]);
    terms.push(meanAbs(lag(real), lag(fake)));
    terms.push(meanAbs(lag(absR), lag(absF)));
  }
  terms.push(meanAbs(tf.mean(tf.square(tf.mean(real, 1)), 0), tf.mean(tf.square(tf.mean(fake, 1)), 0)));
  const varR = tf.reshape(tf.mean(tf.square(real), [1, 2]), [B, 1]);
  const varF = tf.reshape(tf.mean(tf.square(fake), [1, 2]), [B, 1]);
  terms.push(meanAbs(tf.mean(tf.mul(s, varR), 0), tf.mean(tf.mul(s, varF), 0)));
  return tf.addN(terms) as tf.Scalar;
}

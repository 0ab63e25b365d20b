import { RECENT_DAYS, type CganModel, type ConditioningState } from '@tailforge/core';
import type { Tensor2D, Tensor3D, Tf } from './tf-types.js';

/**
 * A cgan's rolling generation written in TF.js ops, so that gradients reach
 * the latent vectors of every window: what the model's sampler does with
 * typed arrays (core's cgan/sampler.ts), as a differentiable map
 *
 *   (latent [B, k·L], state) → log returns [B, horizon, A],  k = ⌈horizon / H⌉,
 *
 * window w taking latent columns [w·L, (w+1)·L) and, for w ≥ 1, the state
 * computed from the H generated days of window w − 1 (as the sampler does).
 * The state features are those of core's state-features.ts, in its order.
 */

/** The model's state standardisation s ↦ (s − mean)/std as the affine map s ↦ s·scale + shift. */
export interface StateEncoder {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
}

/**
 * Recovers the model's state scaler from {@link CganModel.encodeState}, which
 * is affine per feature: with d the model's default state,
 * scale = enc(d + 1) − enc(d) (= 1/std) and shift = enc(d) − d·scale. Using d
 * rather than 0 keeps the float32 encodings small, so the recovered map is
 * accurate to float32 rounding.
 */
export function stateEncoder(model: CganModel): StateEncoder {
  const d = model.defaultState.values;
  const e0 = model.encodeState({ values: d });
  const e1 = model.encodeState({ values: d.map((v) => v + 1) });
  const scale = new Float32Array(d.length);
  const shift = new Float32Array(d.length);
  for (let j = 0; j < d.length; j++) {
    scale[j] = e1[j] - e0[j];
    shift[j] = e0[j] - d[j] * scale[j];
  }
  return { scale, shift };
}

/**
 * Raw state of the days of `r` [B, T, A] (T ≥ stateWindow), from its last
 * stateWindow days, as core's stateFromRows: with m_t the equal-weight market
 * return and lv(x) = ½·ln(mean(x²) + 1e-10),
 * [lv(m) over stateWindow days, lv(m) over the last 5, lv(r_a) per asset,
 * the last 5 m (oldest first), Σ of the last 5 r_a per asset].
 */
export function stateFromReturnsTf(tf: Tf, r: Tensor3D, stateWindow: number): Tensor2D {
  const [B, T, A] = r.shape;
  const SW = stateWindow, K = RECENT_DAYS;
  const lv = (x: ReturnType<Tf['mean']>) => tf.mul(0.5, tf.log(tf.add(x, 1e-10)));
  const last = tf.slice(r, [0, T - SW, 0], [B, SW, A]);
  const m = tf.mean(last, 2) as Tensor2D;
  const recentM = tf.slice(m, [0, SW - K], [B, K]);
  const lvMarket = tf.reshape(lv(tf.mean(tf.square(m), 1)), [B, 1]);
  const lvRecent = tf.reshape(lv(tf.mean(tf.square(recentM), 1)), [B, 1]);
  const lvAssets = lv(tf.mean(tf.square(last), 1));
  const moves = tf.sum(tf.slice(last, [0, SW - K, 0], [B, K, A]), 1);
  return tf.concat([lvMarket, lvRecent, lvAssets, recentM, moves], 1) as Tensor2D;
}

/** Generated log returns [B, horizon, A] for latents [B, k·L] from one raw starting state (see the file comment). */
export function rollReturnsTf(tf: Tf, model: CganModel, enc: StateEncoder, latent: Tensor2D, state: ConditioningState, horizon: number): Tensor3D {
  const L = model.latentSize, H = model.window;
  const B = latent.shape[0];
  const k = Math.ceil(horizon / H);
  if (latent.shape[1] !== k * L) throw new RangeError(`latent must have ${k} × ${L} columns for ${horizon} days, got ${latent.shape[1]}`);
  const scale = tf.tensor1d(enc.scale), shift = tf.tensor1d(enc.shift);
  let s = tf.tile(tf.tensor2d(model.encodeState(state), [1, model.stateDim]), [B, 1]) as Tensor2D;
  const windows: Tensor3D[] = [];
  for (let w = 0; w < k; w++) {
    const r = model.generateReturns(tf.slice(latent, [0, w * L], [B, L]), s);
    windows.push(r);
    if (w + 1 < k) s = tf.add(tf.mul(stateFromReturnsTf(tf, r, model.stateWindow), scale), shift) as Tensor2D;
  }
  const all = windows.length === 1 ? windows[0] : (tf.concat(windows, 1) as Tensor3D);
  return horizon === k * H ? all : tf.slice(all, [0, 0, 0], [B, horizon, model.symbols.length]);
}

/**
 * Portfolio loss per row of returns [B, T, A], as a fraction of `scale`:
 * (V_0 − Σ_a e_a·exp(Σ_t r[t, a])) / scale with V_0 = Σ_a e_a (positive =
 * loss, as simulatePortfolio's −P&L). Scaling keeps float32 gradients well
 * conditioned for large books.
 */
export function portfolioLossTf(tf: Tf, r: Tensor3D, exposures: Float64Array, scale: number): ReturnType<Tf['sum']> {
  const e = tf.tensor1d(Float32Array.from(exposures, (v) => v / scale));
  const v0 = exposures.reduce((s, v) => s + v, 0) / scale;
  return tf.sub(v0, tf.sum(tf.mul(tf.exp(tf.sum(r, 1)), e), 1));
}

/** Σ|e_a|: the gross exposure, the loss scale of {@link portfolioLossTf}. */
export function grossExposure(exposures: Float64Array): number {
  let g = 0;
  for (let a = 0; a < exposures.length; a++) g += Math.abs(exposures[a]);
  return g;
}

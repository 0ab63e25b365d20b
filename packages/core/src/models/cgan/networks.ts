import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../random/rng.js';
import { residualDay, type FactorStructure } from './factor-structure.js';

/**
 * The two networks, as plain TF.js variables and functions (no tf.layers), so
 * that weights are initialised from the project Rng (seeded, backend-free),
 * saved as named float32 arrays and restored without tfjs-node.
 *
 * Generator G(z, ε, s), applied day by day with shared weights (a 1-D
 * convolution of width 1 over the window's days). Its latent per window is a
 * window-wide vector z (latentDim values: the window's "mood", e.g. a
 * volatility shock shared by its days) and one noise vector ε_t ∈ R^A per day,
 * all independent N(0, 1). For day t:
 *   h = leakyReLU layers on [ε_t, z, s, onehot(t)],
 *   u_t = W_out·h + W_skip·ε_t   (the skip starts at the innovations' Cholesky factor: a correlated Gaussian).
 * u is the innovations' Gaussian-like space (tails.ts); volatility is the
 * GJR filter's, so the generator has no state-driven output scale (an
 * earlier version had one: it inflated innovations in volatile states and,
 * fed back through the GARCH recursion, made 250-day paths explode). Days are
 * conditionally independent given (z, s): dependence across days within a
 * window comes from the shared z.
 *
 * Discriminator D(x, s): two leaky-ReLU layers on [x, |x|, s] (|x| makes
 * volatility patterns linear to detect), a linear logit; the second hidden
 * layer is the feature layer for feature matching.
 *
 * Factor mode (config.factors = K, factor-structure.ts): the same networks on
 * K standardised factor scores instead of A assets (the GAN, {@link
 * Generator.applyGan}); {@link Generator.apply} adds the loadings and a
 * bootstrapped residual day, so it still returns [B, H, A]. Its latent is z,
 * ε by day (K each), then one normal per day that picks the residual day.
 */

export interface NetworkConfig {
  readonly latentDim: number;
  readonly stateDim: number;
  readonly hidden: number;
  readonly window: number;
  readonly nAssets: number;
  /** Factor mode: the GAN works on this many factors (factor-structure.ts); absent = on every asset. */
  readonly factors?: number;
}

const LEAK = 0.2;

interface Dense {
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;
}

/** Layer name → [inputs, outputs, init gain]. */
type LayerPlan = Record<string, readonly [number, number, number]>;

/** Values of a window's whole latent: z, then ε for each day (day-major); in factor mode then one residual-day normal per day. */
export function latentSize(c: NetworkConfig): number {
  return c.latentDim + c.window * (c.factors === undefined ? c.nAssets : c.factors + 1);
}

/** The networks' own configuration: in factor mode the GAN sees K "assets", the factors. */
export function ganConfig(c: NetworkConfig): NetworkConfig {
  if (c.factors === undefined) return c;
  const { factors, ...rest } = c;
  return { ...rest, nAssets: factors };
}

function generatorPlan(config: NetworkConfig): LayerPlan {
  const c = ganConfig(config);
  const H = c.window, A = c.nAssets;
  return {
    g_noise: [A, c.hidden, 1],
    g_context: [c.latentDim + c.stateDim, c.hidden, 1],
    g_day: [H, c.hidden, 1],
    g_l2: [c.hidden, c.hidden, 1],
    g_out: [c.hidden, A, 0.1],
    g_skip: [A, A, 1],
  };
}

function discriminatorPlan(config: NetworkConfig): LayerPlan {
  const c = ganConfig(config);
  const n = c.window * c.nAssets;
  return {
    d_l1: [2 * n + c.stateDim, c.hidden, 1],
    d_l2: [c.hidden, c.hidden, 1],
    d_out: [c.hidden, 1, 1],
  };
}

/** Glorot-uniform weights (limit gain·√(6/(fanIn + fanOut))) and zero biases, drawn from `rng`. */
function initialWeights(plan: LayerPlan, rng: Rng): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [name, [nIn, nOut, gain]] of Object.entries(plan)) {
    const limit = gain * Math.sqrt(6 / (nIn + nOut));
    const w = new Float32Array(nIn * nOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * limit;
    out[`${name}_w`] = w;
    out[`${name}_b`] = new Float32Array(nOut);
  }
  return out;
}

/** A set of dense layers built from a plan and named weight arrays. */
class Net {
  readonly layers: Record<string, Dense> = {};
  constructor(private readonly plan: LayerPlan, weights: Readonly<Record<string, Float32Array | Float64Array>>) {
    for (const [name, [nIn, nOut]] of Object.entries(plan)) {
      const w = weights[`${name}_w`], b = weights[`${name}_b`];
      if (w === undefined || b === undefined || w.length !== nIn * nOut || b.length !== nOut) {
        throw new RangeError(`weights for layer ${name} are missing or not ${nIn} × ${nOut}`);
      }
      // Variables share the tensors' data; tidy releases the temporaries.
      this.layers[name] = tf.tidy(() => ({
        w: tf.variable(tf.tensor2d(Float32Array.from(w), [nIn, nOut]), true),
        b: tf.variable(tf.tensor1d(Float32Array.from(b)), true),
      }));
    }
  }

  dense(name: string, x: tf.Tensor2D): tf.Tensor2D {
    const l = this.layers[name];
    return tf.add(tf.matMul(x, l.w), l.b);
  }

  variables(): tf.Variable[] {
    return Object.values(this.layers).flatMap((l) => [l.w, l.b]);
  }

  /** Copies of the current weights, by name. */
  weights(): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    for (const [name, l] of Object.entries(this.layers)) {
      out[`${name}_w`] = Float32Array.from(l.w.dataSync());
      out[`${name}_b`] = Float32Array.from(l.b.dataSync());
    }
    return out;
  }

  setWeights(weights: Readonly<Record<string, Float32Array>>): void {
    tf.tidy(() => {
      for (const [name, [nIn, nOut]] of Object.entries(this.plan)) {
        const l = this.layers[name];
        l.w.assign(tf.tensor2d(weights[`${name}_w`], [nIn, nOut]));
        l.b.assign(tf.tensor1d(weights[`${name}_b`]));
      }
    });
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}

export class Generator extends Net {
  private readonly factorTensors?: { loadings: tf.Tensor2D; residuals: tf.Tensor2D; days: number };

  constructor(readonly config: NetworkConfig, weights: Readonly<Record<string, Float32Array | Float64Array>>, readonly factor?: FactorStructure) {
    super(generatorPlan(config), weights);
    if ((config.factors === undefined) !== (factor === undefined) || (factor !== undefined && factor.eigenvalues.length !== config.factors)) {
      throw new RangeError(`a factor generator needs its factor structure (factors ${config.factors}, structure with ${factor?.eigenvalues.length})`);
    }
    if (factor !== undefined) {
      const K = config.factors!, A = config.nAssets, D = factor.residuals.length / A;
      this.factorTensors = {
        loadings: tf.keep(tf.tensor2d(Float32Array.from(factor.loadings), [K, A])),
        residuals: tf.keep(tf.tensor2d(factor.residuals, [D, A])),
        days: D,
      };
    }
  }

  /**
   * Initial weights from `rng`; with `skip` (A × A, row-major) the linear skip
   * starts there instead: given the Cholesky factor's transpose of the
   * training innovations' correlation, the untrained generator is already a
   * correlated Gaussian with the right cross-asset dependence (the GAN then
   * only has to learn departures from it, which a few epochs can).
   */
  static initial(config: NetworkConfig, rng: Rng, skip?: Float32Array, factor?: FactorStructure): Generator {
    const w = initialWeights(generatorPlan(config), rng);
    if (skip !== undefined) {
      const n = ganConfig(config).nAssets;
      if (skip.length !== n * n) throw new RangeError(`skip must hold ${n}² values`);
      w.g_skip_w = Float32Array.from(skip);
    }
    return new Generator(config, w, factor);
  }

  override dispose(): void {
    super.dispose();
    this.factorTensors?.loadings.dispose();
    this.factorTensors?.residuals.dispose();
  }

  /** Names of the weight arrays a saved generator has. */
  static weightNames(config: NetworkConfig): string[] {
    return Object.keys(generatorPlan(config)).flatMap((n) => [`${n}_w`, `${n}_b`]);
  }

  /**
   * u = G(latent, s): latent [B, latentSize] (z then ε by day) and standardised
   * states [B, stateDim] → [B, H, A] in the Gaussianised space. In factor
   * mode u = f·loadings + e, f the GAN's factor scores and e the residual row
   * of training day ⌊Φ(x_t)·D⌋ for the day's last latent value x_t (a
   * constant: no gradient reaches x_t).
   */
  apply(latent: tf.Tensor2D, s: tf.Tensor2D): tf.Tensor3D {
    const common = this.applyCommon(latent, s);
    const ft = this.factorTensors;
    if (ft === undefined) return common;
    const { window: H, nAssets: A } = this.config;
    const B = latent.shape[0];
    const days = this.residualDays(latent.dataSync() as Float32Array, B);
    return tf.reshape(tf.add(tf.reshape(common, [B * H, A]), tf.gather(ft.residuals, tf.tensor1d(days, 'int32'))), [B, H, A]) as tf.Tensor3D;
  }

  /**
   * u without the residual rows: the whole of {@link apply} off factor mode,
   * f·loadings [B, H, A] in it. The sampler adds the rows itself ({@link
   * addResiduals}): TF.js's wasm gather of B·H rows of A values costs more
   * than the rest of the generator together.
   */
  applyCommon(latent: tf.Tensor2D, s: tf.Tensor2D): tf.Tensor3D {
    const ft = this.factorTensors;
    if (ft === undefined) return this.applyGan(latent, s);
    const { window: H, nAssets: A, latentDim: L, factors: K } = this.config;
    const B = latent.shape[0];
    const nGan = L + H * K!;
    const f = this.applyGan(tf.slice(latent, [0, 0], [B, nGan]) as tf.Tensor2D, s);
    return tf.reshape(tf.matMul(tf.reshape(f, [B * H, K!]) as tf.Tensor2D, ft.loadings), [B, H, A]) as tf.Tensor3D;
  }

  /** Factor mode: the training day whose residual row each of B rows × H days gets, from the latents (B × latentSize, row-major). */
  residualDays(latent: ArrayLike<number>, B: number): Int32Array {
    const { window: H, latentDim: L, factors: K } = this.config;
    const D = this.factorTensors?.days ?? 0;
    const width = latentSize(this.config), nGan = L + H * (K ?? 0);
    const days = new Int32Array(B * H);
    for (let b = 0; b < B; b++) for (let t = 0; t < H; t++) days[b * H + t] = residualDay(latent[b * width + nGan + t], D);
    return days;
  }

  /**
   * Factor mode: adds each row-day's residual row to u (B × H × A, from {@link
   * applyCommon}) in place, as {@link apply} does: the same float32 sums.
   * Off factor mode it does nothing.
   */
  addResiduals(u: Float32Array, latent: ArrayLike<number>, B: number): void {
    const residuals = this.factor?.residuals;
    if (residuals === undefined) return;
    const A = this.config.nAssets;
    const days = this.residualDays(latent, B);
    for (let r = 0; r < days.length; r++) {
      const src = days[r] * A, dst = r * A;
      for (let a = 0; a < A; a++) u[dst + a] += residuals[src + a];
    }
  }

  /** The GAN: latent [B, L + H·n] and states → [B, H, n], n = the assets, or the factors in factor mode. */
  applyGan(latent: tf.Tensor2D, s: tf.Tensor2D): tf.Tensor3D {
    const { window: H, nAssets: A, latentDim: L, hidden } = ganConfig(this.config);
    const B = latent.shape[0];
    const z = tf.slice(latent, [0, 0], [B, L]);
    const eps = tf.reshape(tf.slice(latent, [0, L], [B, H * A]), [B * H, A]) as tf.Tensor2D;
    // First layer split by input block: ε by row of days, [z, s] once per window, the day's one-hot once per day.
    const fromNoise = tf.reshape(tf.matMul(eps, this.layers.g_noise.w), [B, H, hidden]);
    const fromContext = tf.reshape(this.dense('g_context', tf.concat([z, s], 1)), [B, 1, hidden]);
    const fromDay = tf.reshape(tf.add(this.layers.g_day.w, this.layers.g_day.b), [1, H, hidden]);
    const h1 = tf.leakyRelu(tf.add(tf.add(fromNoise, fromContext), tf.add(fromDay, this.layers.g_noise.b)), LEAK);
    const h2 = tf.leakyRelu(this.dense('g_l2', tf.reshape(h1, [B * H, hidden]) as tf.Tensor2D), LEAK);
    return tf.reshape(tf.add(this.dense('g_out', h2), this.dense('g_skip', eps)), [B, H, A]) as tf.Tensor3D;
  }
}

export class Discriminator extends Net {
  /** `config` is the generator's; in factor mode the discriminator sees factor windows ({@link ganConfig}). */
  constructor(readonly config: NetworkConfig, weights: Readonly<Record<string, Float32Array | Float64Array>>) {
    super(discriminatorPlan(config), weights);
  }

  static initial(config: NetworkConfig, rng: Rng): Discriminator {
    return new Discriminator(config, initialWeights(discriminatorPlan(config), rng));
  }

  /** Logits [B, 1] and the feature layer [B, hidden] for windows x [B, H·A] and standardised states s. */
  apply(x: tf.Tensor2D, s: tf.Tensor2D): { logits: tf.Tensor2D; features: tf.Tensor2D } {
    const h1 = tf.leakyRelu(this.dense('d_l1', tf.concat([x, tf.abs(x), s], 1)), LEAK);
    const features = tf.leakyRelu(this.dense('d_l2', h1), LEAK);
    return { logits: this.dense('d_out', features), features };
  }
}

import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors.js';
import { saveModelDir } from '../../io/model-dir.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { modelDirMeta } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { checkSampleRequest } from '../common/sample-request.js';
import type { ConditioningState, FitInfo, SampleRequest, ScenarioModel } from '../model.js';
import type { ModelCard } from '../../diagnostics/model-card.js';
import { scaleStates, type StateScaler } from './dataset.js';
import type { HeavyTailParams } from './heavy-tail.js';
import { latentSize, type Generator } from './networks.js';
import { CGAN_CAPABILITIES, NAME, type StoredCganParams } from './params.js';
import { returnsFor } from './returns-columns.js';
import { rollPaths, type RollResult } from './sampler.js';
import { checkState, historicalStateQuantile, latestState, stateAt, stateFeatureNames, stateSize } from './state-features.js';
import type { EpochRecord } from './train.js';

/** How a cgan was trained: recorded in its metadata and shown in reports. */
export interface CganTraining {
  /** Backend the weights were trained on (samples are reproducible on the same backend). */
  readonly backend: string;
  readonly seconds: number;
  readonly steps: number;
  readonly stepsPerSecond: number;
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly bestMetric: number;
  readonly stopReason: string;
  /** Dates of the first and last day of the training windows and of the held-out validation windows. */
  readonly trainDates: readonly [string, string];
  readonly validationDates: readonly [string, string];
  readonly history: readonly EpochRecord[];
}

export interface CganParts {
  readonly generator: Generator;
  readonly heavyTail: HeavyTailParams;
  readonly scaler: StateScaler;
  /** The discriminator at the end of training (in memory only, for a warm refit; a loaded model has none). */
  readonly discriminatorWeights?: Readonly<Record<string, Float32Array>>;
}

/**
 * A fitted conditional GAN. Beyond {@link ScenarioModel} it exposes what
 * stressed and tail-focused scenarios need: states from data (at a date, the
 * latest, a historical quantile), sampling from a given state with a shifted
 * latent mean and the likelihood-ratio weights, and a differentiable map from
 * latent vectors to returns for gradient search in the latent space.
 */
export class CganModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CGAN_CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;

  constructor(
    readonly id: string,
    readonly symbols: readonly string[],
    private readonly p: StoredCganParams,
    readonly fitInfo: FitInfo,
    private readonly parts: CganParts,
    /** The state paths start from when a request gives none: the latest state of the fitting data. */
    readonly defaultState: ConditioningState,
    readonly training: CganTraining,
    /** Model card on the validation windows, computed when the model was trained. */
    readonly trainingCard?: ModelCard,
  ) {
    this.params = { ...p };
  }

  /** Days per generated window (H). */
  get window(): number {
    return this.p.window;
  }

  get stateWindow(): number {
    return this.p.stateWindow;
  }

  /** Values of one window's latent vector: latentDim for the window, then A per day (see networks.ts). */
  get latentSize(): number {
    return latentSize(this.parts.generator.config);
  }

  /** Number of values in a conditioning state. */
  get stateDim(): number {
    return stateSize(this.symbols.length);
  }

  /** Names of the state's values, in order (see state-features.ts). */
  stateFeatureNames(): string[] {
    return stateFeatureNames(this.symbols, this.p.stateWindow);
  }

  /** The state as of the close of date index t of `returns` (which must hold the model's symbols). */
  stateAt(returns: ReturnsMatrix, t: number): ConditioningState {
    return stateAt(returnsFor(returns, this.symbols), t, this.p.stateWindow);
  }

  /** The state as of the last date of `returns`. */
  latestState(returns: ReturnsMatrix): ConditioningState {
    return latestState(returnsFor(returns, this.symbols), this.p.stateWindow);
  }

  /** The historical state at the q-quantile of the market volatility regime (label `p99` for q = 0.99). */
  historicalStateQuantile(returns: ReturnsMatrix, q: number): { state: ConditioningState; index: number; date: string } {
    return historicalStateQuantile(returnsFor(returns, this.symbols), q, this.p.stateWindow);
  }

  async sample(request: SampleRequest): Promise<Float32Array> {
    return this.sampleWithLatent(request).values;
  }

  /**
   * Paths with optional latent shift μ (every window's latent is N(μ, I)
   * instead of N(0, I)) and the per-path log likelihood ratios that make
   * weighted estimates unbiased; without μ it equals {@link sample}.
   */
  sampleWithLatent(request: SampleRequest, options: { latentMean?: Float64Array } = {}): RollResult {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const state = request.state ?? this.defaultState;
    checkState(state, this.symbols.length);
    if (options.latentMean !== undefined) {
      const m = options.latentMean;
      if (m.length !== this.latentSize || !m.every(Number.isFinite)) {
        throw new InputError(`latentMean must hold ${this.latentSize} finite values, got ${m.length}`);
      }
    }
    return rollPaths(
      { ...this.parts, stateWindow: this.p.stateWindow },
      { nPaths, horizon, seed, firstPath, initialStates: state.values, latentMean: options.latentMean },
    );
  }

  /**
   * One window per path from per-path states (`states` holds nPaths × stateDim
   * raw values), paths drawn from streams (seed, firstPath + p): how held-out
   * windows are reproduced for the model card.
   */
  sampleFromStates(states: Float64Array, horizon: number, seed: number, firstPath = 0): Float32Array {
    const S = this.stateDim;
    if (states.length % S !== 0) throw new InputError(`states must hold a multiple of ${S} values, got ${states.length}`);
    const nPaths = states.length / S;
    checkSampleRequest(this, { nPaths, horizon, seed, firstPath });
    return rollPaths({ ...this.parts, stateWindow: this.p.stateWindow }, { nPaths, horizon, seed, firstPath, initialStates: states }).values;
  }

  /** A state standardised as the generator sees it. */
  encodeState(state: ConditioningState): Float32Array {
    checkState(state, this.symbols.length);
    return scaleStates(state.values, this.parts.scaler);
  }

  /**
   * Differentiable generator: latent vectors [B, latentSize] and standardised
   * states [B, stateDim] (see {@link encodeState}) → one window of log
   * returns [B, H, A], the same map {@link sample} applies (clamp, heavy-tail
   * inverse, de-standardisation), in TF.js ops so gradients flow to the latent.
   * The caller owns the result (use inside tf.tidy).
   */
  generateReturns(latent: tf.Tensor2D, states: tf.Tensor2D): tf.Tensor3D {
    const { heavyTail: h, generator } = this.parts;
    const A = this.symbols.length;
    return tf.tidy(() => {
      const u = generator.apply(latent, states);
      const cap = tf.tensor1d(Float32Array.from(h.uCap));
      const uc = tf.minimum(tf.maximum(u, tf.neg(cap)), cap);
      const delta = tf.tensor1d(Float32Array.from(h.delta));
      const z = tf.mul(uc, tf.exp(tf.mul(tf.square(uc), tf.div(delta, 2))));
      const scale = tf.tensor1d(Float32Array.from({ length: A }, (_, a) => h.std[a] * (1 - 2 * h.delta[a]) ** 0.75));
      return tf.add(tf.mul(z, scale), tf.tensor1d(Float32Array.from(h.mean))) as tf.Tensor3D;
    });
  }

  async save(dir: string): Promise<void> {
    const { generator, heavyTail: h, scaler } = this.parts;
    const arrays: Record<string, Float32Array | Float64Array> = {
      ...generator.weights(),
      tail_mean: h.mean,
      tail_std: h.std,
      tail_delta: h.delta,
      tail_ucap: h.uCap,
      state_mean: scaler.mean,
      state_std: scaler.std,
      default_state: this.defaultState.values,
    };
    const extra = {
      backend: this.training.backend,
      network: generator.config,
      stateFeatures: this.stateFeatureNames(),
      defaultStateLabel: this.defaultState.label ?? 'latest',
      training: this.training,
      ...(this.trainingCard !== undefined ? { modelCard: this.trainingCard } : {}),
    };
    await saveModelDir(dir, modelDirMeta(this, this.fitInfo, extra), arrays);
  }

  /** The networks' current weights (copies), where a warm refit starts from; no discriminator for a loaded model. */
  warmStartWeights(): { generator: Record<string, Float32Array>; discriminator?: Readonly<Record<string, Float32Array>> } {
    return { generator: this.parts.generator.weights(), ...(this.parts.discriminatorWeights !== undefined ? { discriminator: this.parts.discriminatorWeights } : {}) };
  }

  /** Frees the generator's TF.js memory; the model cannot sample afterwards. */
  dispose(): void {
    this.parts.generator.dispose();
  }
}

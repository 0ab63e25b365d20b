import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { modelId } from '../common/model-id.js';
import { modelContent, saveModel, type SavedParts } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { checkSampleRequest } from '../common/sample-request.js';
import type { ConditioningState, FitInfo, SampleRequest, ScenarioModel } from '../model.js';
import type { ModelCard } from '../../diagnostics/model-card.js';
import { distancePercentile, encodeState } from './conditioning.js';
import { latentSize } from './networks.js';
import { CGAN_CAPABILITIES, NAME, type StoredCganParams } from './params.js';
import { returnsFor } from './returns-columns.js';
import type { CganStart } from './cgan-fit.js';
import { rollPathsParallel } from './parallel-roll.js';
import { MAX_VARIANCE_RATIO, MIN_INNOVATION_VARIANCE, rollPaths, type GeneratorParts, type RollResult } from './sampler.js';
import { allStates, arOrder, checkState, historicalStateQuantile, stateAt, stateFeatureNames, stateSize } from './state-features.js';
import { E_MAX } from './tails.js';
import { packStateMoments, V_MAX, V_MIN, type StateMoments } from './state-moments.js';
import type { EpochRecord } from './train.js';
import type { MemberRisk } from './fit-warnings.js';
import type { CganWarning } from './warnings.js';

/** How one ensemble member trained. */
export interface CganMemberTraining {
  readonly seed: number;
  readonly seconds: number;
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly bestMetric: number;
  readonly stopReason: string;
}

/** How a cgan was trained: recorded in its metadata and shown in reports. Top-level epoch figures are member 0's. */
export interface CganTraining {
  readonly backend: string;
  /** Seconds of training, all members, filter and drift fits included. */
  readonly seconds: number;
  readonly steps: number;
  readonly stepsPerSecond: number;
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly bestMetric: number;
  readonly stopReason: string;
  readonly trainDates: readonly [string, string];
  /** First and last day of the validation blocks (spread over the whole history). */
  readonly validationDates: readonly [string, string];
  readonly validationWindows: number;
  readonly history: readonly EpochRecord[];
  readonly members: readonly CganMemberTraining[];
  /** 10-day VaR/ES 99% of the equal-weight portfolio per member from the median and p99 training states (the ensemble's spread). */
  readonly memberRisk?: readonly MemberRisk[];
}

/** The cgan's fit info: data facts plus drift, ensemble, the per-asset filter and warnings raised at fit time. */
export interface CganFitInfo extends FitInfo {
  readonly drift: string;
  readonly ensemble: number;
  /** Per asset: mean, GJR parameters and, with an AR mean, its coefficients φ_1..φ_p (ar-mean.ts). */
  readonly filter: readonly { symbol: string; mean: number; omega: number; alpha: number; gamma: number; beta: number; ar?: number[] }[];
  readonly warnings: readonly CganWarning[];
}

/**
 * Keys of a cgan's model.json `extra` (dotted for nested ones) that describe its training
 * (backend, timings, loss history, validation card, fit warnings) without changing a
 * sample: left out of its id, so the same fit saved twice has the same id.
 */
export const CGAN_DESCRIPTIVE_EXTRA: readonly string[] = ['backend', 'training', 'modelCard', 'fitExtras.warnings'];

/** Where a state sits against the training states (conditioning.ts). */
export interface StateSupport {
  readonly distance: number;
  readonly maxDistance: number;
  /** Share (%) of training states at most this far from the centre. */
  readonly percentile: number;
  readonly inRange: boolean;
}

/**
 * A fitted cgan: AR mean and GJR-GARCH volatility per asset, GPD-tailed margins, and K
 * conditional generators of the joint innovations (see sampler.ts). Beyond
 * {@link ScenarioModel} it exposes what stressed and tail-focused scenarios
 * need: states from data, sampling with a shifted latent and its likelihood
 * ratios, and {@link rollTf}, the same paths as a differentiable TF.js map.
 */
export class CganModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CGAN_CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly #id: string;

  constructor(
    /** The id read from a checked model directory; computed from the content when absent. */
    knownId: string | undefined,
    readonly symbols: readonly string[],
    private readonly p: StoredCganParams,
    readonly fitInfo: CganFitInfo,
    private readonly parts: GeneratorParts,
    readonly defaultState: ConditioningState,
    readonly training: CganTraining,
    readonly trainingCard?: ModelCard,
  ) {
    this.params = { ...p };
    // Now, while the networks are alive (a disposed model cannot read its weights).
    this.#id = knownId ?? modelId(modelContent(this, this.savedParts()), CGAN_DESCRIPTIVE_EXTRA);
  }

  /** Hash of the model's content: every member's weights, filter, tails, state statistics (see modelId). */
  get id(): string {
    return this.#id;
  }

  get window(): number {
    return this.p.window;
  }

  get stateWindow(): number {
    return this.p.stateWindow;
  }

  get ensembleSize(): number {
    return this.parts.generators.length;
  }

  /** Values of one window's latent vector: latentDim for the window, then A per day. */
  get latentSize(): number {
    return latentSize(this.parts.generators[0].config);
  }

  get stateDim(): number {
    return stateSize(this.symbols.length);
  }

  /** Features the generators see: stateDim, or factors + 2 in factor mode. */
  get featureDim(): number {
    return this.parts.scaler.mean.length;
  }

  /** Factors of a factor-mode model (factor-structure.ts), undefined otherwise. */
  get factors(): number | undefined {
    return this.parts.generators[0].config.factors;
  }

  stateFeatureNames(): string[] {
    return stateFeatureNames(this.symbols, this.p.stateWindow);
  }

  /** The state as of the close of date index t of `returns` (the filter runs from the first day of `returns`). */
  stateAt(returns: ReturnsMatrix, t: number): ConditioningState {
    return stateAt(returnsFor(returns, this.symbols), t, this.parts.filter, this.p.stateWindow);
  }

  /** Every day's state (row t = as of the close of day t; rows before the first full state are 0), T × stateDim. */
  statesOf(returns: ReturnsMatrix): Float64Array {
    const r = returnsFor(returns, this.symbols);
    const S = this.stateDim;
    const all = allStates(r, this.parts.filter, this.p.stateWindow);
    const out = new Float64Array(r.dates.length * S);
    out.set(all.states, all.first * S);
    return out;
  }

  latestState(returns: ReturnsMatrix): ConditioningState {
    const s = this.stateAt(returns, returns.dates.length - 1);
    return { values: s.values, label: 'latest' };
  }

  historicalStateQuantile(returns: ReturnsMatrix, q: number): { state: ConditioningState; index: number; date: string } {
    return historicalStateQuantile(returnsFor(returns, this.symbols), q, this.parts.filter, this.p.stateWindow);
  }

  /** Mahalanobis distance of a state from the training states and its percentile. */
  stateSupport(state: ConditioningState): StateSupport {
    checkState(state, this.symbols.length);
    const out = new Float32Array(this.featureDim);
    const e = encodeState(state.values, this.parts.logLongRunVol, this.parts.scaler, out);
    const maxDistance = this.parts.scaler.maxDistance;
    return { distance: e.distance, maxDistance, percentile: distancePercentile(e.distance, this.parts.scaler), inRange: e.distance <= maxDistance };
  }

  /** Warnings for sampling from a state: `cgan.state-out-of-range` when it lies beyond every training state. */
  stateWarnings(state: ConditioningState): CganWarning[] {
    const s = this.stateSupport(state);
    if (s.inRange) return [];
    return [{
      code: 'cgan.state-out-of-range',
      severity: 'warn',
      message: `the state${state.label !== undefined ? ` "${state.label}"` : ''} lies outside the training states (Mahalanobis distance ${s.distance.toFixed(2)} > ${s.maxDistance.toFixed(2)}, the largest in training); the generator uses the nearest supported state, the volatility filter the state's own volatilities`,
      details: { distance: round(s.distance, 4), maxTrainingDistance: round(s.maxDistance, 4), percentile: round(s.percentile, 2) },
    }];
  }

  /** Paths on up to TAILFORGE_THREADS threads (parallel-roll.ts): the same paths whatever the number. */
  async sample(request: SampleRequest): Promise<Float32Array> {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const state = request.state ?? this.defaultState;
    checkState(state, this.symbols.length);
    return rollPathsParallel(this.parts, this.id, { nPaths, horizon, seed, firstPath, initialStates: state.values });
  }

  /** Paths with optional latent shift μ and log likelihood ratios; `warnings` about the starting state. */
  sampleWithLatent(request: SampleRequest, options: { latentMean?: Float64Array } = {}): RollResult & { warnings: CganWarning[] } {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const state = request.state ?? this.defaultState;
    checkState(state, this.symbols.length);
    if (options.latentMean !== undefined) {
      const m = options.latentMean;
      if (m.length !== this.latentSize || !m.every(Number.isFinite)) throw new InputError(`latentMean must hold ${this.latentSize} finite values, got ${m.length}`);
    }
    const r = rollPaths(this.parts, { nPaths, horizon, seed, firstPath, initialStates: state.values, latentMean: options.latentMean });
    return { ...r, warnings: this.stateWarnings(state) };
  }

  /** One path per raw state (`states` holds nPaths × stateDim values), paths from streams (seed, firstPath + p). */
  sampleFromStates(states: Float64Array, horizon: number, seed: number, firstPath = 0): Float32Array {
    const S = this.stateDim;
    if (states.length % S !== 0) throw new InputError(`states must hold a multiple of ${S} values, got ${states.length}`);
    const nPaths = states.length / S;
    checkSampleRequest(this, { nPaths, horizon, seed, firstPath });
    return rollPaths(this.parts, { nPaths, horizon, seed, firstPath, initialStates: states }).values;
  }

  /** A state as the generators see it: standardised features, shrunk onto the support. */
  encodeState(state: ConditioningState): Float32Array {
    checkState(state, this.symbols.length);
    const out = new Float32Array(this.featureDim);
    encodeState(state.values, this.parts.logLongRunVol, this.parts.scaler, out);
    return out;
  }

  /**
   * The sampler's rolling generation in TF.js ops, so gradients reach the
   * latents: latent [B, k·L] (window w takes columns [w·L, (w+1)·L)), one raw
   * starting state → log returns [B, horizon, A]. Row b is generated by
   * member (firstPath + b) mod K, as path firstPath + b is by the sampler.
   * The caller owns the result (use inside tf.tidy).
   */
  rollTf(latent: tf.Tensor2D, state: ConditioningState, horizon: number, firstPath = 0): tf.Tensor3D {
    checkState(state, this.symbols.length);
    const { generators, corrections, margins: m, filter: f, logLongRunVol, scaler, stateWindow, drift, moments } = this.parts;
    const A = this.symbols.length, S = this.featureDim, L = this.latentSize, H = this.window, K = generators.length;
    const B = latent.shape[0];
    const k = Math.ceil(horizon / H);
    if (latent.shape[1] !== k * L) throw new RangeError(`latent must have ${k} × ${L} columns for ${horizon} days, got ${latent.shape[1]}`);
    const f32 = (x: ArrayLike<number>) => tf.tensor1d(Float32Array.from(x));
    return tf.tidy(() => {
      const llr = f32(logLongRunVol);
      const sMean = f32(scaler.mean), sStd = f32(scaler.std);
      const whitenT = tf.transpose(tf.tensor2d(Float32Array.from(scaler.whiten), [S, S]));
      const projection = scaler.projection === undefined ? undefined : tf.tensor2d(Float32Array.from(scaler.projection), [A, S - 2]);
      const masks = Array.from({ length: K }, (_, j) => tf.tensor3d(Float32Array.from({ length: B }, (_, b) => ((firstPath + b) % K === j ? 1 : 0)), [B, 1, 1]));
      const u0 = m.u0;
      const mid = f32(Array.from(m.left, (l, a) => (l + m.right[a]) / 2)), slope = f32(Array.from(m.left, (l, a) => (m.right[a] - l) / (2 * u0)));
      const zl = f32(m.left), zr = f32(m.right), xl = f32(m.xiLeft), bl = f32(m.betaLeft), xr = f32(m.xiRight), br = f32(m.betaRight);
      const omega = f32(f.omega), alpha = f32(f.alpha), gamma = f32(f.gamma), beta = f32(f.beta);
      const dvec = drift === 'zero' ? tf.zeros([A]) : f32(f.mean);
      // AR mean (ar-mean.ts): φ_j per asset and the last p deviations r − d, newest first, zero at the path's start.
      const P = arOrder(f);
      const phi = Array.from({ length: P }, (_, j) => f32(Array.from({ length: A }, (_, a) => f.ar![a * P + j])));
      let lags: tf.Tensor2D[] = Array.from({ length: P }, () => tf.zeros([B, A]) as tf.Tensor2D);
      let logVol = tf.tile(tf.reshape(f32(state.values.subarray(2)), [1, A]), [B, 1]) as tf.Tensor2D;
      let level = tf.fill([B, 1], state.values[0]) as tf.Tensor2D;
      let move = tf.fill([B, 1], state.values[1]) as tf.Tensor2D;
      const maxVar = f32(Array.from(logLongRunVol, (l) => MAX_VARIANCE_RATIO * Math.exp(2 * l)));
      let variance = tf.minimum(tf.exp(tf.mul(logVol, 2)), maxVar) as tf.Tensor2D;
      const windows: tf.Tensor3D[] = [];
      for (let w = 0; w < k; w++) {
        const ratios = tf.sub(logVol, llr) as tf.Tensor2D;
        const feat = tf.concat([level, move, projection === undefined ? ratios : tf.matMul(ratios, projection)], 1);
        const c = tf.div(tf.sub(feat, sMean), sStd) as tf.Tensor2D;
        const d = tf.sqrt(tf.sum(tf.square(tf.matMul(c, whitenT)), 1, true));
        const shrink = tf.minimum(1, tf.div(scaler.maxDistance, tf.maximum(d, 1e-12)));
        const s = tf.mul(c, shrink) as tf.Tensor2D;
        const lat = tf.slice(latent, [0, w * L], [B, L]) as tf.Tensor2D;
        let u: tf.Tensor = tf.zeros([B, H, A]);
        let shift: tf.Tensor = tf.zeros([B, 1, A]);
        let scale: tf.Tensor = tf.zeros([B, 1, A]);
        for (let j = 0; j < K; j++) {
          u = tf.add(u, tf.mul(masks[j], generators[j].apply(lat, s)));
          const cj = corrections[j];
          const mean = tf.add(tf.matMul(s, tf.tensor2d(Float32Array.from(cj.w), [S, A])), f32(cj.b));
          const q = tf.add(tf.matMul(s, tf.tensor2d(Float32Array.from(cj.w2), [S, A])), f32(cj.b2));
          const inv = tf.rsqrt(tf.maximum(tf.sub(q, tf.square(mean)), MIN_INNOVATION_VARIANCE));
          shift = tf.add(shift, tf.mul(masks[j], tf.reshape(mean, [B, 1, A])));
          scale = tf.add(scale, tf.mul(masks[j], tf.reshape(inv, [B, 1, A])));
        }
        const E = tf.minimum(tf.div(tf.sub(tf.square(u), u0 * u0), 2), E_MAX);
        const right = tf.minimum(f32(m.upperCap), tf.add(zr, tf.div(tf.mul(br, tf.sub(tf.exp(tf.mul(xr, E)), 1)), xr)));
        const left = tf.maximum(f32(m.lowerCap), tf.sub(zl, tf.div(tf.mul(bl, tf.sub(tf.exp(tf.mul(xl, E)), 1)), xl)));
        const body = tf.add(mid, tf.mul(slope, u));
        // Piecewise by step masks, not tf.where on a comparison: comparisons have no gradient function in TF.js.
        const upper = tf.step(tf.sub(u, u0)), lower = tf.step(tf.sub(tf.neg(u), u0));
        const raw = tf.add(tf.add(tf.mul(upper, right), tf.mul(lower, left)), tf.mul(tf.sub(tf.sub(1, upper), lower), body));
        const standard = moments === undefined ? tf.mul(tf.sub(raw, shift), scale) : tf.minimum(f32(m.upperCap), tf.maximum(f32(m.lowerCap), momentMapTf(tf.mul(tf.sub(raw, shift), scale) as tf.Tensor3D, level, moments, w === 0)));
        const z = drift === 'model' ? tf.add(standard, shift) : standard;
        const days: tf.Tensor2D[] = [];
        for (let t = 0; t < H; t++) {
          const e = tf.mul(tf.sqrt(variance), tf.reshape(tf.slice(z, [0, t, 0], [B, 1, A]), [B, A]));
          if (P === 0) days.push(tf.add(dvec, e) as tf.Tensor2D);
          else {
            let dev = e as tf.Tensor2D;
            for (let j = 0; j < P; j++) dev = tf.add(dev, tf.mul(phi[j], lags[j])) as tf.Tensor2D;
            days.push(tf.add(dvec, dev) as tf.Tensor2D);
            lags = [dev, ...lags.slice(0, P - 1)];
          }
          // 1[ε < 0] as step(−ε): Step has a (zero) gradient, Less has none.
          const react = tf.add(alpha, tf.mul(gamma, tf.step(tf.neg(e))));
          variance = tf.minimum(tf.add(tf.add(omega, tf.mul(react, tf.square(e))), tf.mul(beta, variance)), maxVar) as tf.Tensor2D;
        }
        const r = tf.stack(days, 1) as tf.Tensor3D;
        windows.push(r);
        if (w + 1 < k) {
          logVol = tf.mul(0.5, tf.log(variance)) as tf.Tensor2D;
          level = tf.mean(tf.sub(logVol, llr), 1, true) as tf.Tensor2D;
          move = tf.reshape(tf.mean(tf.sum(tf.slice(r, [0, H - stateWindow, 0], [B, stateWindow, A]), 1), 1), [B, 1]) as tf.Tensor2D;
        }
      }
      const all = windows.length === 1 ? windows[0] : (tf.concat(windows, 1) as tf.Tensor3D);
      return horizon === k * H ? all : (tf.slice(all, [0, 0, 0], [B, horizon, A]) as tf.Tensor3D);
    });
  }

  async save(dir: string): Promise<void> {
    await saveModel(dir, this, this.savedParts(), CGAN_DESCRIPTIVE_EXTRA);
  }

  /** What save writes beside name, symbols, parameters and fit info. */
  private savedParts(): SavedParts {
    const { generators, corrections, margins: m, filter: f, scaler } = this.parts;
    const arrays: Record<string, Float32Array | Float64Array> = {
      filter_mean: f.mean, filter_omega: f.omega, filter_alpha: f.alpha, filter_gamma: f.gamma, filter_beta: f.beta,
      tail_left: m.left, tail_right: m.right, tail_lower_cap: m.lowerCap, tail_upper_cap: m.upperCap, tail_xi_left: m.xiLeft, tail_beta_left: m.betaLeft, tail_xi_right: m.xiRight, tail_beta_right: m.betaRight,
      state_mean: scaler.mean, state_std: scaler.std, state_whiten: scaler.whiten, state_distances: scaler.distances,
      default_state: this.defaultState.values,
    };
    const factor = generators[0].factor;
    if (factor !== undefined) {
      Object.assign(arrays, { factor_loadings: factor.loadings, factor_score_map: factor.scoreMap, factor_projection: factor.projection, factor_residuals: factor.residuals, factor_eigenvalues: factor.eigenvalues });
    }
    if (this.parts.moments !== undefined) arrays.state_moments = packStateMoments(this.parts.moments);
    if (f.ar !== undefined) arrays.filter_ar = f.ar;
    generators.forEach((g, k) => {
      for (const [name, w] of Object.entries(g.weights())) arrays[`m${k}_${name}`] = w;
      arrays[`m${k}_drift_w`] = corrections[k].w;
      arrays[`m${k}_drift_b`] = corrections[k].b;
      arrays[`m${k}_square_w`] = corrections[k].w2;
      arrays[`m${k}_square_b`] = corrections[k].b2;
    });
    const { nObservations, firstDate, lastDate, dataHash, fittedAt, ...fitExtras } = this.fitInfo;
    const extra = {
      backend: this.training.backend,
      network: generators[0].config,
      ensemble: generators.length,
      tailThreshold: m.u0,
      ...(factor !== undefined ? { factorExplained: factor.explained, factorResidualDays: factor.residuals.length / this.symbols.length } : {}),
      maxStateDistance: scaler.maxDistance,
      stateFeatures: this.stateFeatureNames(),
      defaultStateLabel: this.defaultState.label ?? 'latest',
      fitExtras,
      training: this.training,
      ...(this.trainingCard !== undefined ? { modelCard: this.trainingCard } : {}),
    };
    void nObservations, firstDate, lastDate, dataHash, fittedAt;
    return { extra, arrays };
  }

  /** The networks' current weights (copies), where a warm refit starts from; no discriminators for a loaded model. */
  warmStartWeights(): CganStart {
    const d = this.parts.discriminatorWeights;
    return { generators: this.parts.generators.map((g) => g.weights()), ...(d !== undefined ? { discriminators: d } : {}) };
  }

  dispose(): void {
    for (const g of this.parts.generators) g.dispose();
  }
}

/**
 * {@link applyMomentMap} in TF.js ops: standardised innovations [B, H, A], the
 * window's starting level [B, 1] → [B, H, A] with the state's variance (the
 * path's first window only) and the data's market-factor shape (state-moments.ts).
 */
function momentMapTf(z: tf.Tensor3D, level: tf.Tensor2D, sm: StateMoments, first: boolean): tf.Tensor3D {
  const B = z.shape[0];
  const l = tf.clipByValue(level, sm.levelMin, sm.levelMax);
  const rootV = first ? tf.reshape(tf.sqrt(tf.clipByValue(tf.add(sm.a, tf.mul(sm.b, l)), V_MIN, V_MAX)), [B, 1, 1]) : tf.ones([B, 1, 1]);
  const market = tf.mean(z, 2, true);
  // The factor's margin (tails.ts) on u = m̃/√φ̄, as in the sampler.
  const f = sm.factor, root = Math.sqrt(sm.phiBar), u0 = f.u0;
  const u = tf.div(market, root);
  const E = tf.minimum(tf.div(tf.sub(tf.square(u), u0 * u0), 2), E_MAX);
  const right = tf.minimum(f.upperCap[0], tf.add(f.right[0], tf.div(tf.mul(f.betaRight[0], tf.sub(tf.exp(tf.mul(f.xiRight[0], E)), 1)), f.xiRight[0])));
  const left = tf.maximum(f.lowerCap[0], tf.sub(f.left[0], tf.div(tf.mul(f.betaLeft[0], tf.sub(tf.exp(tf.mul(f.xiLeft[0], E)), 1)), f.xiLeft[0])));
  const body = tf.add((f.left[0] + f.right[0]) / 2, tf.mul((f.right[0] - f.left[0]) / (2 * u0), u));
  const upper = tf.step(tf.sub(u, u0)), lower = tf.step(tf.sub(tf.neg(u), u0));
  const raw = tf.add(tf.add(tf.mul(upper, right), tf.mul(lower, left)), tf.mul(tf.sub(tf.sub(1, upper), lower), body));
  const shaped = tf.mul(root / sm.factorSd, tf.sub(raw, sm.factorMean));
  return tf.mul(rootV, tf.add(tf.sub(z, market), shaped)) as tf.Tensor3D;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

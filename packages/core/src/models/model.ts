import type { Finding } from '../guard/finding.js';
import type { ReturnsMatrix } from '../market/types.js';

/**
 * The contract every scenario model fulfils. Models are kept apart from what
 * they are used for (portfolios, risk measures): a model only knows return
 * vectors. Path layout everywhere: `values[(p * horizon + t) * nAssets + a]`
 * is the log return of asset `a` on step `t` (0-based) of path `p`.
 */

/** What a model can do beyond plain sampling. */
export interface ModelCapabilities {
  /** Accepts a conditioning state in {@link SampleRequest.state}. */
  readonly conditional: boolean;
  /** Supports tail-focused (importance-weighted) sampling. */
  readonly tailSampling: boolean;
  /** Needs TensorFlow.js. */
  readonly needsTensorflow: boolean;
  /** Its tail-focused sampling gives per-path importance weights (a weighted path set). */
  readonly weights?: boolean;
  /**
   * Its factory can refit warm: continue from a fitted model's state (e.g. a
   * network's weights) on new data instead of fitting from scratch
   * (see {@link ModelFactory.refit}). Optional, since contract version 1.
   */
  readonly warmStart?: boolean;
}

/** A model-specific conditioning vector (e.g. the volatility regime at the path's start). */
export interface ConditioningState {
  readonly values: Float64Array;
  /** Where it came from, for reports: `latest`, `2008-09-15`, `p99`... */
  readonly label?: string;
}

export interface SampleRequest {
  /** Number of paths to draw. */
  readonly nPaths: number;
  /** Steps (days) per path. */
  readonly horizon: number;
  /** Master seed. Path p draws from stream (seed, firstPath + p). */
  readonly seed: number;
  /** Index of the first path, so chunked generation equals one-shot generation. Default 0. */
  readonly firstPath?: number;
  /** Conditioning state; only for models whose capabilities say `conditional`. */
  readonly state?: ConditioningState;
}

/** Facts about the data a model was fitted on, written to its metadata and the run manifest. */
export interface FitInfo {
  readonly nObservations: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** sha256 of the returns the model saw (symbols, dates and values). */
  readonly dataHash: string;
  readonly fittedAt: string;
  /**
   * Fit sanity (optional; the built-in classical models always give it): what
   * about the fit a user should know before trusting its figures, e.g. a
   * parameter at its bound. Findings of the guard's shape (code, severity,
   * message, ...); the contract checks they are well-formed. Derived from the
   * fitted parameters, so a loaded model gives the same list as its fit.
   */
  readonly warnings?: readonly Finding[];
}

export interface FitContext {
  readonly seed: number;
  /** Called with progress in [0, 1] during long fits. */
  readonly onProgress?: (fraction: number, message?: string) => void;
  /**
   * false: the caller reads only the fitted model's samples (a backtest's
   * interim fits), so a model may skip fit-time diagnostics that do not change
   * them (a cgan's model card and fit warnings). Default true.
   */
  readonly diagnostics?: boolean;
}

/** Settings of a warm refit (see {@link ModelFactory.refit}). */
export interface RefitContext extends FitContext {
  /** Training passes the warm refit runs; the model's own choice when absent (a few, fewer than a full fit). */
  readonly epochs?: number;
}

/** A fitted model, ready to sample. */
export interface ScenarioModel {
  /** Registry name (`bootstrap`, `gaussian`, ...). */
  readonly name: string;
  /** Id of this fitted model: name plus a hash of everything its save writes that decides samples (see modelId). */
  readonly id: string;
  readonly symbols: readonly string[];
  readonly capabilities: ModelCapabilities;
  /** Resolved parameters (defaults filled in). */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly fitInfo: FitInfo;
  /**
   * Conditional models: the state paths start from when a request gives none
   * (sampling with it equals sampling without a state).
   */
  readonly defaultState?: ConditioningState;
  /**
   * Conditional models (optional): the state as of the close of return row
   * `t` of `returns` (which hold the model's symbols), computed from rows
   * 0..t only. Walk-forward backtests pass it on every forecast day, so a
   * forecast never uses the state of the last refit.
   */
  stateAt?(returns: ReturnsMatrix, t: number): ConditioningState;
  /** Draws `nPaths × horizon × symbols.length` log returns (see the layout above). */
  sample(request: SampleRequest): Promise<Float32Array>;
  /** Writes everything needed by {@link ModelFactory.load} into `dir` (created or replaced atomically). */
  save(dir: string): Promise<void>;
}

/** Parameter values as given by a user (`--model-param k=v`) or a config file. */
export type RawParams = Readonly<Record<string, string | number | boolean>>;

/** Value types a model parameter can take (see param-schema.ts for the checks). */
export type ParamType = 'number' | 'integer' | 'string' | 'boolean' | 'enum';

/** One declared model parameter: its default and description, and (from defineModel) its type and allowed values. */
export interface ModelParameter {
  readonly default: number | string | boolean;
  readonly description: string;
  readonly type?: ParamType;
  /** number / integer: smallest allowed value (exclusive when `exclusiveMin`). */
  readonly min?: number;
  /** number / integer: largest allowed value (exclusive when `exclusiveMax`). */
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  /** enum: the allowed strings. */
  readonly values?: readonly string[];
}

/**
 * A model type, registered by name. Made by `defineModel` (define-model.ts),
 * which checks the declaration, resolves and validates parameters from their
 * schema, checks the fitting data and every fitted model's samples.
 */
export interface ModelFactory {
  readonly name: string;
  readonly description: string;
  readonly capabilities: ModelCapabilities;
  /** Every parameter with its default and a one-line description (for `--help` and listings). */
  readonly parameters: Readonly<Record<string, ModelParameter>>;
  /** The model contract version the model was written for (see MODEL_CONTRACT_VERSION). */
  readonly contractVersion?: number;
  /**
   * User parameters resolved against the schema: defaults filled in, values
   * typed and checked; InputError naming the model, parameter and expectation.
   */
  resolveParams?(params: RawParams): Readonly<Record<string, number | string | boolean>>;
  /** Fewest return observations the model can be fitted on, given its parameters. */
  minObservations(params: RawParams): number;
  /** Fits on returns; throws InputError on too little data or bad parameters. */
  fit(returns: ReturnsMatrix, params: RawParams, context: FitContext): Promise<ScenarioModel>;
  /** Restores a model written by {@link ScenarioModel.save}. */
  load(dir: string): Promise<ScenarioModel>;
  /**
   * Warm refit (only when `capabilities.warmStart`): a model for `returns`
   * that continues from `previous` (fitted by this factory on the same
   * symbols and parameters, usually on fewer days) for a few training passes
   * instead of fitting from scratch.
   */
  refit?(previous: ScenarioModel, returns: ReturnsMatrix, params: RawParams, context: RefitContext): Promise<ScenarioModel>;
}

import {
  InputError,
  isCganModel,
  ModelError,
  toLogReturns,
  type CganModel,
  type PriceTable,
  type ModelFactory,
  type ScenarioModel,
} from '@tailforge/core';
import {
  findTailShift,
  generatePaths,
  generateTailFocused,
  generateToStore,
  plainPathCount,
  requireCgan,
  resolveState,
  tailFocusedToStore,
  DEFAULT_DEFENSIVE,
  type GenerateOptions,
  type PathSet,
  type PathStoreHeader,
  type ResolvedState,
  type StateRequest,
  type TailFocus,
  type TailShift,
} from '@tailforge/scenarios';
import type { RunLog } from '../run-log.js';
import type { FocusConfig } from './focus-config.js';
import { reverseStressTarget } from './reverse-stress-run.js';

/**
 * What a run does in a cgan's state and latent spaces, decided once the
 * model is known: the state paths start from (the latest state of the run's
 * prices, not the state stored at training), the stressed state, the tail
 * shift. Models without a state start their paths as always.
 */
export interface FocusPlan {
  readonly cgan?: CganModel;
  /** The state the run's paths start from: the latest state of the prices given. */
  readonly baseline?: ResolvedState;
  /** The stressed state run beside the baseline (--stress-state / --regime). */
  readonly stressed?: ResolvedState;
  /** Tail-focused sampling (--tail-focus): the shift found at the baseline state. */
  readonly tail?: { readonly confidence: number; readonly shift: TailShift; readonly focus: TailFocus };
}

export interface FocusRunConfig extends FocusConfig {
  /** The prices' name in messages (their file, or a note that they came as data). */
  readonly pricesLabel: string;
  /** The prices of these symbols, with the run's missing-data policy. */
  readonly modelPrices: (symbols: readonly string[]) => Promise<PriceTable>;
  readonly horizon: number;
  readonly confidence: readonly number[];
}

/** Usage mistakes before any work: both stress states, or a focus option with a model type that cannot do it. */
export function checkFocusUsage(config: FocusConfig, factory: ModelFactory | undefined): void {
  if (config.stressState !== undefined && config.regime !== undefined) {
    throw new InputError('give --stress-state or --regime, not both: the report compares one stressed state with the latest');
  }
  if (factory === undefined) return;
  const wants = [
    config.stressState !== undefined ? '--stress-state' : '',
    config.regime !== undefined ? '--regime' : '',
    config.tailFocus ? '--tail-focus' : '',
    config.reverseStress !== undefined ? '--reverse-stress' : '',
  ].filter((w) => w !== '');
  if (wants.length > 0 && !(factory.capabilities.conditional && factory.capabilities.tailSampling)) {
    throw new ModelError(`${wants.join(' and ')} needs a conditional GAN (--model-dir of a trained cgan, e.g. examples/models/cgan-dow); the model ${factory.name} is not conditional`);
  }
}

function stressRequest(config: FocusConfig): StateRequest | undefined {
  if (config.stressState !== undefined) return { kind: 'date', date: config.stressState };
  if (config.regime !== undefined) return { kind: 'regime', spec: config.regime };
  return undefined;
}

/**
 * Resolves the plan. A cgan's baseline is the latest state of the run's
 * prices (read for the model's symbols, whole history; the run's --lookback
 * applies to fitting only). When the prices lack some of the model's symbols
 * no state can be computed: the paths then start from the model's stored
 * state with a warning, unless a stress state was asked for (an error).
 */
export async function planFocus(model: ScenarioModel, config: FocusRunConfig, exposures: Float64Array, universe: readonly string[], log: RunLog): Promise<FocusPlan> {
  const request = stressRequest(config);
  const wants = [request ? (config.stressState !== undefined ? '--stress-state' : '--regime') : '', config.tailFocus ? '--tail-focus' : '', config.reverseStress ? '--reverse-stress' : ''].filter(
    (w) => w !== '',
  );
  if (!isCganModel(model)) {
    if (wants.length > 0) requireCgan(model, wants.join(' and '));
    return {};
  }
  // A reverse-stress target the portfolio cannot reach fails now, before any paths are drawn.
  if (config.reverseStress) reverseStressTarget(config.reverseStress, exposures);
  const missing = model.symbols.filter((s) => !universe.includes(s));
  let baseline: ResolvedState | undefined;
  let stressed: ResolvedState | undefined;
  if (missing.length > 0) {
    if (request !== undefined) {
      throw new InputError(`a stress state is computed from the model's symbols, and the prices lack ${missing.join(', ')}`, { file: config.pricesLabel });
    }
    log.warn('state', `the prices lack the model's symbols ${missing.join(', ')}: paths start from the model's stored state (${model.defaultState.label ?? 'latest at training'}), not today's`, { missing });
  } else {
    const table = await config.modelPrices(model.symbols);
    const returns = toLogReturns(table);
    baseline = resolveState(model, returns, { kind: 'latest' });
    log.info('state', `paths start from the latest state of the prices, ${baseline.date}`, { state: baseline.label });
    if (request !== undefined) {
      stressed = resolveState(model, returns, request);
      log.info('state', `stressed state: ${stressed.label}`, { stressed: stressed.label });
    }
  }
  let tail: FocusPlan['tail'];
  if (config.tailFocus) {
    const confidence = Math.max(...config.confidence);
    const shift = await findTailShift(model, { state: (baseline?.state ?? model.defaultState), exposures, horizon: config.horizon, confidence });
    tail = { confidence, shift, focus: { latentMean: shift.latentMean, defensive: DEFAULT_DEFENSIVE } };
    log.info('tail', `tail focus: latent shift of norm ${shift.radius.toFixed(2)} toward the ${(confidence * 100).toFixed(1)}% tail (typical path loss ${shift.lossAtZero.toFixed(0)}, shifted ${shift.lossAtShift.toFixed(0)})`, {
      radius: shift.radius,
      lossAtZero: shift.lossAtZero,
      lossAtShift: shift.lossAtShift,
    });
  }
  return { cgan: model, ...(baseline ? { baseline } : {}), ...(stressed ? { stressed } : {}), ...(tail ? { tail } : {}) };
}

/** The generation options with the plan's starting state. */
export function withBaselineState<T extends GenerateOptions>(options: T, plan: FocusPlan): T {
  return plan.baseline ? { ...options, state: plan.baseline.state } : options;
}

/** Paths in memory: tail-focused (weighted) under the plan, else as generatePaths. */
export async function generateForPlan(model: ScenarioModel, options: GenerateOptions, plan: FocusPlan): Promise<PathSet> {
  return plan.tail && plan.cgan ? generateTailFocused(plan.cgan, options, plan.tail.focus) : generatePaths(model, options);
}

/** Paths into a path store: tail-focused (a weighted store) under the plan, else as generateToStore. */
export async function generateToStoreForPlan(model: ScenarioModel, options: GenerateOptions, path: string, plan: FocusPlan): Promise<PathStoreHeader> {
  return plan.tail && plan.cgan ? tailFocusedToStore(plan.cgan, options, plan.tail.focus, path) : generateToStore(model, options, path);
}

/** summary.json's `tailFocus` block, less the weight diagnostics. */
export function tailFocusInfo(plan: FocusPlan, nPaths: number) {
  if (!plan.tail) return undefined;
  const { shift, confidence, focus } = plan.tail;
  const defensive = focus.defensive ?? DEFAULT_DEFENSIVE;
  return {
    confidence,
    radius: shift.radius,
    windows: shift.windows,
    defensiveShare: defensive,
    plainPaths: plainPathCount(nPaths, defensive),
    lossAtZero: shift.lossAtZero,
    lossAtShift: shift.lossAtShift,
    ascentIterations: shift.iterations,
    alignment: shift.alignment,
  };
}

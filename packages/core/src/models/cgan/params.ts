import { paramError, resolveParams, type ParamValue } from '../common/params.js';
import type { ModelCapabilities, RawParams } from '../model.js';
import { RECENT_DAYS } from './state-features.js';

export const NAME = 'cgan';
export const CGAN_CAPABILITIES: ModelCapabilities = { conditional: true, tailSampling: true, needsTensorflow: true };

export const PARAMETERS = {
  window: { default: 20, description: 'days per generated window (H); longer paths roll the model forward window by window' },
  stateWindow: { default: 20, description: 'days of history in the conditioning state (realised volatility window); 5 <= stateWindow <= window' },
  latentDim: { default: 16, description: 'dimension of the window-wide part of the latent (each day also draws one normal per asset)' },
  hidden: { default: 64, description: 'units in each of the two hidden layers of generator and discriminator' },
  epochs: { default: 60, description: 'training epochs (passes over the training windows)' },
  batchSize: { default: 64, description: 'windows per training step' },
  learningRate: { default: 0.0002, description: 'Adam learning rate of both networks (beta1 = 0.5)' },
  momentWeight: { default: 1, description: 'weight of the moment-matching term in the generator loss (0 = pure adversarial)' },
  featureWeight: { default: 0.1, description: 'weight of discriminator feature matching in the generator loss' },
  instanceNoise: { default: 0.1, description: 'std of Gaussian noise added to the discriminator\'s inputs, decayed linearly to 0' },
  labelSmoothing: { default: 0.1, description: 'one-sided label smoothing: real windows get label 1 − labelSmoothing' },
  validationFraction: { default: 0.15, description: 'the latest fraction of days held out to select the best epoch' },
  patience: { default: 20, description: 'stop after this many epochs without a better validation metric (0 = never)' },
  heavyTail: { default: 'lambertw', description: 'heavy-tail transform per asset: lambertw (Lambert W × Gaussian, Goerg 2015) or none' },
} as const;

export type CganParams = {
  readonly window: number;
  readonly stateWindow: number;
  readonly latentDim: number;
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly momentWeight: number;
  readonly featureWeight: number;
  readonly instanceNoise: number;
  readonly labelSmoothing: number;
  readonly validationFraction: number;
  readonly patience: number;
  readonly heavyTail: 'lambertw' | 'none';
};

/** Resolved parameters plus the training seed, as stored with a fitted model (the seed makes the weights, so it is part of the id). */
export type StoredCganParams = CganParams & { readonly seed: number };

function int(raw: RawParams, p: Record<string, ParamValue>, name: keyof CganParams, min: number, max: number): number {
  const v = p[name] as number;
  if (!Number.isInteger(v) || v < min || v > max) throw paramError(NAME, name, raw[name] ?? v, `a whole number from ${min} to ${max}`);
  return v;
}

function real(raw: RawParams, p: Record<string, ParamValue>, name: keyof CganParams, lo: number, hi: number, openLo = false): number {
  const v = p[name] as number;
  if (!(openLo ? v > lo : v >= lo) || !(v <= hi)) throw paramError(NAME, name, raw[name] ?? v, `a number in ${openLo ? '(' : '['}${lo}, ${hi}]`);
  return v;
}

/** Validates user parameters; defaults fill the rest. */
export function resolveCgan(raw: RawParams): CganParams {
  const p = resolveParams(NAME, PARAMETERS, raw);
  const window = int(raw, p, 'window', 2, 250);
  const stateWindow = int(raw, p, 'stateWindow', RECENT_DAYS, 250);
  if (stateWindow > window) {
    throw paramError(NAME, 'stateWindow', raw.stateWindow ?? stateWindow, `at most window (${window}), so a rolled path's next state comes from generated days only`);
  }
  const heavyTail = p.heavyTail as string;
  if (heavyTail !== 'lambertw' && heavyTail !== 'none') throw paramError(NAME, 'heavyTail', raw.heavyTail, 'lambertw or none');
  return {
    window,
    stateWindow,
    latentDim: int(raw, p, 'latentDim', 1, 512),
    hidden: int(raw, p, 'hidden', 4, 2048),
    epochs: int(raw, p, 'epochs', 1, 100_000),
    batchSize: int(raw, p, 'batchSize', 2, 4096),
    learningRate: real(raw, p, 'learningRate', 0, 1e12, true),
    momentWeight: real(raw, p, 'momentWeight', 0, 1e6),
    featureWeight: real(raw, p, 'featureWeight', 0, 1e6),
    instanceNoise: real(raw, p, 'instanceNoise', 0, 10),
    labelSmoothing: real(raw, p, 'labelSmoothing', 0, 0.5),
    validationFraction: real(raw, p, 'validationFraction', 0.01, 0.5),
    patience: int(raw, p, 'patience', 0, 100_000),
    heavyTail,
  };
}

/** Reads stored parameters: the model's own plus the training seed. */
export function resolveStoredCgan(raw: RawParams): StoredCganParams {
  const { seed, ...rest } = raw;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw paramError(NAME, 'seed', seed, 'the training seed, a whole number from 0 to 4294967295');
  }
  return { ...resolveCgan(rest), seed };
}

/** Fewest training windows and validation windows a fit accepts. */
export const MIN_TRAIN_WINDOWS = 32;
export const MIN_VALIDATION_WINDOWS = 8;

/**
 * How the T daily returns split by time. Training windows start at
 * s ∈ [stateWindow, valStart − H] (a state needs stateWindow earlier days and
 * a window must end before the validation days); validation windows start at
 * s ∈ [valStart, T − H], their states may look back into training days.
 */
export function splitDays(nRows: number, p: CganParams): { valStart: number; nTrain: number; nVal: number } {
  const valStart = Math.floor(nRows * (1 - p.validationFraction));
  return {
    valStart,
    nTrain: Math.max(0, valStart - p.window - p.stateWindow + 1),
    nVal: Math.max(0, nRows - p.window - valStart + 1),
  };
}

/** Smallest T with enough training and validation windows. */
export function minObservationsFor(p: CganParams): number {
  let t = p.window + p.stateWindow;
  for (;;) {
    const s = splitDays(t, p);
    if (s.nTrain >= MIN_TRAIN_WINDOWS && s.nVal >= MIN_VALIDATION_WINDOWS) return t;
    t++;
  }
}

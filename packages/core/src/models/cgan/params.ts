import { paramError, resolveParams, type ParamValue } from '../common/params.js';
import type { ModelCapabilities, RawParams } from '../model.js';

export const NAME = 'cgan';
export const CGAN_CAPABILITIES: ModelCapabilities = { conditional: true, tailSampling: true, needsTensorflow: true };

export const PARAMETERS = {
  window: { default: 10, description: 'days per generated window (H); longer paths roll the model forward window by window' },
  stateWindow: { default: 5, description: 'days of the recent market return in the conditioning state; 1 <= stateWindow <= window' },
  latentDim: { default: 8, description: 'dimension of the window-wide part of the latent (each day also draws one normal per asset)' },
  hidden: { default: 32, description: 'units in each of the two hidden layers of generator and discriminator' },
  epochs: { default: 20, description: 'training epochs per ensemble member (passes over the training windows)' },
  batchSize: { default: 'auto', description: 'windows per training step: auto (256 on the native TensorFlow backends, whose per-op cost a larger batch spreads; 64 on wasm and cpu) or a number from 2 to 4096' },
  learningRate: { default: 0.0005, description: 'Adam learning rate of both networks (beta1 = 0.5)' },
  momentWeight: { default: 1, description: 'weight of the moment-matching term in the generator loss (0 = pure adversarial)' },
  featureWeight: { default: 0.1, description: 'weight of discriminator feature matching in the generator loss' },
  instanceNoise: { default: 0.1, description: 'std of Gaussian noise added to the discriminator\'s inputs, decayed linearly to 0' },
  labelSmoothing: { default: 0.1, description: 'one-sided label smoothing: real windows get label 1 − labelSmoothing' },
  validationFraction: { default: 0.2, description: 'share of 2H-day blocks, spread over the whole history\'s volatility states, held out to select the best epoch' },
  patience: { default: 6, description: 'stop a member after this many epochs without a better validation score (0 = never)' },
  tailFraction: { default: 0.05, description: 'share of each tail of the filtered innovations modelled by a generalised Pareto tail' },
  drift: { default: 'historical', description: 'mean of the paths: historical (training mean return, learned drift removed), zero, or model (the GAN\'s conditional mean kept)' },
  ensemble: { default: 3, description: 'members trained with different seeds; paths are drawn from their mixture (1 = a single network)' },
  arLags: { default: 5, description: 'lags p of the filter\'s autoregressive mean per asset (their autocorrelations shrunk by their sampling noise, then Yule–Walker; 0 = none)' },
  factors: { default: 'auto', description: 'factor-structured GAN for large universes: auto (above 60 assets, K explaining 85% of the variance, at most 20), off, or K factors' },
} as const;

export type CganParams = {
  readonly window: number;
  readonly stateWindow: number;
  readonly latentDim: number;
  readonly hidden: number;
  readonly epochs: number;
  /** 'auto' until a fit resolves it for its backend (trainingPlan); stored models hold the number used. */
  readonly batchSize: number | 'auto';
  readonly learningRate: number;
  readonly momentWeight: number;
  readonly featureWeight: number;
  readonly instanceNoise: number;
  readonly labelSmoothing: number;
  readonly validationFraction: number;
  readonly patience: number;
  readonly tailFraction: number;
  readonly drift: 'historical' | 'zero' | 'model';
  readonly ensemble: number;
  /** Lags of the filter's AR mean (ar-mean.ts); 0 = none. */
  readonly arLags: number;
  /** 'auto', 'off' or a number of factors (factor-structure.ts). */
  readonly factors: 'auto' | 'off' | number;
};

/** Parameters as a fit uses them: the batch size settled for the backend ({@link fitParams}). */
export type FitCganParams = CganParams & { readonly batchSize: number };

/** `p` with an `auto` batch size replaced by the active backend's (`planned`, from trainingPlan()). */
export function fitParams(p: CganParams, planned: number): FitCganParams {
  return { ...p, batchSize: p.batchSize === 'auto' ? planned : p.batchSize };
}

/**
 * Resolved parameters plus the training seed, as stored with a fitted model (the seed makes the weights, so it is
 * part of the id). `factors` is left out at its default, auto, and `arLags` at 0 (no AR mean): the stored parameters,
 * hence the ids, of models fitted before these parameters existed stay valid (their networks record whether they
 * have factors; a stored model without `arLags` has no AR mean, whatever today's default).
 */
export type StoredCganParams = Omit<CganParams, 'factors' | 'arLags' | 'batchSize'> & { readonly batchSize: number; readonly factors?: CganParams['factors']; readonly arLags?: number; readonly seed: number };

/** The parameters stored with a model fitted with `p` and `seed` (see {@link StoredCganParams}). */
export function storedCganParams(p: FitCganParams, seed: number): StoredCganParams {
  const { factors, arLags, ...rest } = p;
  return { ...rest, ...(factors === 'auto' ? {} : { factors }), ...(arLags === 0 ? {} : { arLags }), seed };
}

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
  const stateWindow = int(raw, p, 'stateWindow', 1, 250);
  if (stateWindow > window) {
    throw paramError(NAME, 'stateWindow', raw.stateWindow ?? stateWindow, `at most window (${window}), so a rolled path's next state comes from generated days only`);
  }
  const drift = p.drift as string;
  if (drift !== 'historical' && drift !== 'zero' && drift !== 'model') throw paramError(NAME, 'drift', raw.drift, 'historical, zero or model');
  const f = String(p.factors).trim();
  const k = Number(f);
  if (f !== 'auto' && f !== 'off' && !(f !== '' && Number.isInteger(k) && k >= 1 && k <= 512)) throw paramError(NAME, 'factors', raw.factors, 'auto, off or a whole number of factors from 1 to 512');
  const b = String(p.batchSize).trim();
  const batch = Number(b);
  if (b !== 'auto' && !(b !== '' && Number.isInteger(batch) && batch >= 2 && batch <= 4096)) throw paramError(NAME, 'batchSize', raw.batchSize, 'auto or a whole number from 2 to 4096');
  return {
    window,
    stateWindow,
    latentDim: int(raw, p, 'latentDim', 1, 512),
    hidden: int(raw, p, 'hidden', 4, 2048),
    epochs: int(raw, p, 'epochs', 1, 100_000),
    batchSize: b === 'auto' ? b : batch,
    learningRate: real(raw, p, 'learningRate', 0, 1e12, true),
    momentWeight: real(raw, p, 'momentWeight', 0, 1e6),
    featureWeight: real(raw, p, 'featureWeight', 0, 1e6),
    instanceNoise: real(raw, p, 'instanceNoise', 0, 10),
    labelSmoothing: real(raw, p, 'labelSmoothing', 0, 0.5),
    validationFraction: real(raw, p, 'validationFraction', 0.05, 0.5),
    patience: int(raw, p, 'patience', 0, 100_000),
    tailFraction: real(raw, p, 'tailFraction', 0.01, 0.2),
    drift,
    ensemble: int(raw, p, 'ensemble', 1, 16),
    arLags: int(raw, p, 'arLags', 0, 20),
    factors: f === 'auto' || f === 'off' ? f : k,
  };
}

/** Reads stored parameters: the model's own plus the training seed; no `arLags` = 0 (see {@link StoredCganParams}). */
export function resolveStoredCgan(raw: RawParams): StoredCganParams {
  const { seed, ...rest } = raw;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw paramError(NAME, 'seed', seed, 'the training seed, a whole number from 0 to 4294967295');
  }
  // Every stored model holds the batch size it trained with (64 was the only default before `auto`).
  return storedCganParams(fitParams(resolveCgan({ arLags: 0, ...rest }), 64), seed);
}

/** Fewest training windows and validation windows a fit accepts, and fewest days for the GJR-GARCH fit. */
export const MIN_TRAIN_WINDOWS = 32;
export const MIN_VALIDATION_WINDOWS = 8;
export const MIN_FILTER_DAYS = 250;

/**
 * How the T daily returns split. Window starts s ∈ [stateWindow, T − H] are
 * grouped in blocks of 2H consecutive starts; the blocks are ranked by the
 * volatility level of their first state and every round(1/validationFraction)-th
 * block in that order (starting with the second) is a validation block, so
 * validation covers calm and stressed states across the whole history.
 * Validation windows start inside a validation block at a stride of
 * max(1, H/2) and end inside it; training windows are those whose H days
 * touch no validation block.
 */
export function splitWindows(nRows: number, p: CganParams, level: (start: number) => number): { train: Int32Array; val: Int32Array } {
  const H = p.window, first = p.stateWindow, last = nRows - H;
  const B = 2 * H;
  const nBlocks = Math.max(0, Math.floor((last - first + 1) / B));
  const order = Array.from({ length: nBlocks }, (_, b) => b).sort((x, y) => level(first + x * B) - level(first + y * B) || x - y);
  const every = Math.max(2, Math.round(1 / p.validationFraction));
  const isVal = new Uint8Array(nBlocks + 1);
  order.forEach((b, k) => {
    if (k % every === 1) isVal[b] = 1;
  });
  const blockOf = (day: number): number => Math.floor((day - first) / B);
  const train: number[] = [], val: number[] = [];
  const stride = Math.max(1, Math.floor(H / 2));
  for (let s = first; s <= last; s++) {
    const b0 = blockOf(s), b1 = blockOf(s + H - 1);
    if (b0 < nBlocks && isVal[b0] === 1) {
      if (b1 === b0 && (s - first - b0 * B) % stride === 0) val.push(s);
    } else if (!(b1 < nBlocks && isVal[b1] === 1)) train.push(s);
  }
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

/** Smallest T with enough days for the filter and enough training and validation windows (block layout as if levels were increasing). */
export function minObservationsFor(p: CganParams): number {
  let t = Math.max(MIN_FILTER_DAYS, p.window + p.stateWindow);
  for (;;) {
    const s = splitWindows(t, p, (x) => x);
    if (s.train.length >= MIN_TRAIN_WINDOWS && s.val.length >= MIN_VALIDATION_WINDOWS) return t;
    t += 10;
  }
}

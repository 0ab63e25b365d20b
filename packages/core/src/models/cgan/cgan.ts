import type { ReturnsMatrix } from '../../market/types.js';
import { withParamTypes } from '../contract/param-schema.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import type { FitContext, RefitContext, ScenarioModel } from '../model.js';
import type { CganModel } from './cgan-model.js';
import { CGAN_CAPABILITIES, minObservationsFor, NAME, PARAMETERS, resolveCgan } from './params.js';

/**
 * `cgan`: a conditional generative adversarial network for windows of H days
 * × A assets of daily log returns, conditioned on the market state at the
 * window's start (volatility regimes and recent returns, see
 * state-features.ts). Paths longer than H roll forward on their own output.
 * Preprocessing (heavy-tail.ts), networks (networks.ts), training and its
 * loss choice (train.ts), sampling (sampler.ts).
 *
 * TensorFlow.js is loaded only when a cgan is fitted or loaded, so the other
 * models and the rest of core never pay for it.
 */
export const cganModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: 'conditional GAN of H-day return windows given the volatility regime and recent returns (TensorFlow.js)',
  capabilities: { ...CGAN_CAPABILITIES, weights: true, warmStart: true },
  // Types the defaults cannot show; ranges and cross-parameter rules stay in resolveCgan (params.ts).
  parameters: withParamTypes(PARAMETERS, {
    window: { type: 'integer' },
    stateWindow: { type: 'integer' },
    latentDim: { type: 'integer' },
    hidden: { type: 'integer' },
    epochs: { type: 'integer' },
    batchSize: { type: 'integer' },
    patience: { type: 'integer' },
    heavyTail: { type: 'enum', values: ['lambertw', 'none'] },
  }),
  check: (params) => void resolveCgan(params),
  minObservations: (params) => minObservationsFor(resolveCgan(params)),

  async fit(returns: ReturnsMatrix, params, context: FitContext): Promise<ScenarioModel> {
    const { fitCgan } = await import('./cgan-fit.js');
    return fitCgan(returns, resolveCgan(params), context);
  },

  async load(dir: string): Promise<ScenarioModel> {
    const { loadCgan } = await import('./cgan-fit.js');
    return loadCgan(dir);
  },

  // Continues training from the previous weights for a few epochs (warm-refit.ts).
  async refit(previous: ScenarioModel, returns: ReturnsMatrix, params, context: RefitContext): Promise<ScenarioModel> {
    const { refitCganWarm } = await import('./warm-refit.js');
    return refitCganWarm(previous, returns, resolveCgan(params), context);
  },
});

/** Whether a model is a fitted cgan, with the methods stressed and tail scenarios need. */
export function isCganModel(m: ScenarioModel): m is CganModel {
  return m.name === NAME && typeof (m as Partial<CganModel>).sampleWithLatent === 'function';
}

import type { ReturnsMatrix } from '../../market/types.js';
import type { FitContext, ModelFactory, RawParams, ScenarioModel } from '../model.js';
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
export const cganModel: ModelFactory = {
  name: NAME,
  description: 'conditional GAN of H-day return windows given the volatility regime and recent returns (TensorFlow.js)',
  capabilities: CGAN_CAPABILITIES,
  parameters: PARAMETERS,

  minObservations(params: RawParams): number {
    return minObservationsFor(resolveCgan(params));
  },

  async fit(returns: ReturnsMatrix, params: RawParams, context: FitContext): Promise<ScenarioModel> {
    const p = resolveCgan(params);
    const { fitCgan } = await import('./cgan-fit.js');
    return fitCgan(returns, p, context);
  },

  async load(dir: string): Promise<ScenarioModel> {
    const { loadCgan } = await import('./cgan-fit.js');
    return loadCgan(dir);
  },
};

/** Whether a model is a fitted cgan, with the methods stressed and tail scenarios need. */
export function isCganModel(m: ScenarioModel): m is CganModel {
  return m.name === NAME && typeof (m as Partial<CganModel>).sampleWithLatent === 'function';
}

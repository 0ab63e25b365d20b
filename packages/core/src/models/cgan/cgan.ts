import type { ReturnsMatrix } from '../../market/types.js';
import { withParamTypes } from '../contract/param-schema.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import type { FitContext, RefitContext, ScenarioModel } from '../model.js';
import type { CganModel } from './cgan-model.js';
import { CGAN_CAPABILITIES, minObservationsFor, NAME, PARAMETERS, resolveCgan } from './params.js';

/**
 * `cgan`: an AR(p) mean (ar-mean.ts) and volatility from a GJR-GARCH(1,1)
 * filter per asset (gjr-garch.ts, state-features.ts) and the joint law of the filtered innovations over
 * windows of H days × A assets from a conditional GAN given the state at the
 * window's start (volatility level, recent market move, asset volatilities).
 * The filter gives the volatility response, √t scaling and leverage; margins
 * with GPD tails (tails.ts) keep tails unbounded and state-scaled; the GAN
 * gives joint tails, asymmetry, cross-asset and within-window dependence.
 * Drift (historical | zero | model), ensembles of K generators, support
 * checks of the state (conditioning.ts), training and selection (train.ts,
 * validation.ts), sampling (sampler.ts).
 *
 * TensorFlow.js is loaded only when a cgan is fitted or loaded, so the other
 * models and the rest of core never pay for it.
 */
export const cganModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: 'GJR-GARCH filter per asset + conditional GAN of the joint innovations over H-day windows given the state (TensorFlow.js)',
  capabilities: { ...CGAN_CAPABILITIES, weights: true, warmStart: true },
  // Types the defaults cannot show; ranges and cross-parameter rules stay in resolveCgan (params.ts).
  parameters: withParamTypes(PARAMETERS, {
    window: { type: 'integer' },
    stateWindow: { type: 'integer' },
    latentDim: { type: 'integer' },
    hidden: { type: 'integer' },
    epochs: { type: 'integer' },
    patience: { type: 'integer' },
    drift: { type: 'enum', values: ['historical', 'zero', 'model'] },
    ensemble: { type: 'integer' },
    arLags: { type: 'integer' },
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

  // Continues training every member from its previous weights for a few epochs (warm-refit.ts).
  async refit(previous: ScenarioModel, returns: ReturnsMatrix, params, context: RefitContext): Promise<ScenarioModel> {
    const { refitCganWarm } = await import('./warm-refit.js');
    return refitCganWarm(previous, returns, resolveCgan(params), context);
  },
});

/** Whether a model is a fitted cgan, with the methods stressed and tail scenarios need. */
export function isCganModel(m: ScenarioModel): m is CganModel {
  return m.name === NAME && typeof (m as Partial<CganModel>).sampleWithLatent === 'function';
}

import { ModelError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import type { RefitContext, ScenarioModel } from '../model.js';
import type { CganModel } from './cgan-model.js';
import type { CganParams } from './params.js';

/**
 * Warm refit of a cgan: the adapter between the model contract's `refit` and
 * the cgan's training entry point. It continues training from `previous`'s
 * generator (and discriminator, when it was fitted in this process) for a few
 * epochs on `returns` by calling `fitCgan(returns, params with epochs = the
 * warm epochs, context, { generator, discriminator })`, so preprocessing
 * (GJR-GARCH filter, margins, state scaler), the validation blocks, the
 * best-epoch selection, drift corrections and the model card are those of a
 * full fit on the new data. Only the starting weights (every ensemble
 * member's) and the number of epochs differ.
 *
 * Warm epochs: `context.epochs`, else max(1, ceil(epochs / 10)) of the
 * parameters.
 */
export async function refitCganWarm(previous: ScenarioModel, returns: ReturnsMatrix, p: CganParams, context: RefitContext): Promise<ScenarioModel> {
  const prev = previous as Partial<CganModel>;
  if (typeof prev.warmStartWeights !== 'function') throw new ModelError('cgan: a warm refit needs a previous cgan fitted or loaded in this process');
  const same = (['window', 'stateWindow', 'latentDim', 'hidden', 'ensemble'] as const).every((k) => previous.params[k] === p[k]);
  if (!same || previous.symbols.length !== returns.symbols.length || previous.symbols.some((s, i) => s !== returns.symbols[i])) {
    throw new ModelError('cgan: a warm refit needs a previous cgan with the same symbols and network parameters (window, stateWindow, latentDim, hidden, ensemble)');
  }
  const epochs = context.epochs ?? Math.max(1, Math.ceil(p.epochs / 10));
  const { fitCgan } = await import('./cgan-fit.js');
  return fitCgan(returns, { ...p, epochs }, context, prev.warmStartWeights());
}

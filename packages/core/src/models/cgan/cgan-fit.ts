import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { Rng, mix32 } from '../../random/rng.js';
import { activeBackend, tensorflow } from '../../tensorflow/backend.js';
import { checkFitInput, fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import type { FitContext } from '../model.js';
import { CganModel, type CganTraining } from './cgan-model.js';
import { buildWindows, fitStateScaler, range, rawStates } from './dataset.js';
import { compactCard, heldOutEvaluation } from './evaluate.js';
import { fitHeavyTail } from './heavy-tail.js';
import { Discriminator, Generator, type NetworkConfig } from './networks.js';
import { minObservationsFor, NAME, resolveStoredCgan, splitDays, type CganParams } from './params.js';
import { stateAt, stateSize } from './state-features.js';
import { trainGan } from './train.js';

/** Network weights a fit starts from instead of random ones (a warm refit, see warm-refit.ts). */
export interface CganStart {
  readonly generator: Readonly<Record<string, Float32Array>>;
  /** The discriminator's weights at the end of the previous training; a fresh one when absent. */
  readonly discriminator?: Readonly<Record<string, Float32Array>>;
}

/**
 * Fits a cgan: preprocessing on the training days, adversarial training with
 * selection on the held-out days, then the model card. With `start` the
 * networks begin from those weights (warm refit) instead of random ones.
 */
export async function fitCgan(returns: ReturnsMatrix, p: CganParams, context: FitContext, start?: CganStart): Promise<CganModel> {
  const seed = context.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  checkFitInput(NAME, returns, minObservationsFor(p));
  await tensorflow();
  const backend = activeBackend()?.name ?? 'unknown';
  const T = returns.dates.length, A = returns.symbols.length, H = p.window, S = stateSize(A);
  const { valStart } = splitDays(T, p);

  const heavyTail = fitHeavyTail(returns.values.subarray(0, valStart * A), valStart, A, p.heavyTail === 'lambertw', p.stateWindow);
  const trainStarts = range(p.stateWindow, valStart - H);
  const valStarts = range(valStart, T - H);
  const scaler = fitStateScaler(rawStates(returns.values, A, trainStarts, p.stateWindow), S);
  const train = buildWindows(returns.values, A, trainStarts, H, p.stateWindow, heavyTail, scaler);
  const val = buildWindows(returns.values, A, valStarts, H, p.stateWindow, heavyTail, scaler);

  const config: NetworkConfig = { latentDim: p.latentDim, stateDim: S, hidden: p.hidden, window: H, nAssets: A };
  const initRng = new Rng(mix32(seed, 0x1417));
  const generator = start !== undefined ? new Generator(config, start.generator) : Generator.initial(config, initRng);
  const discriminator = start?.discriminator !== undefined ? new Discriminator(config, start.discriminator) : Discriminator.initial(config, initRng);
  let discriminatorWeights: Record<string, Float32Array> | undefined;
  let outcome;
  try {
    outcome = await trainGan(generator, discriminator, train, val, heavyTail, { ...p, seed }, (rec, best) => {
      context.onProgress?.(
        rec.epoch / p.epochs,
        `cgan epoch ${rec.epoch}/${p.epochs}: D loss ${rec.dLoss.toFixed(3)}, G loss ${rec.gLoss.toFixed(3)}, validation metric ${rec.metric.toFixed(4)} (best ${best.metric.toFixed(4)} at epoch ${best.epoch})`,
      );
    });
  } catch (e) {
    generator.dispose();
    throw e;
  } finally {
    discriminatorWeights = discriminator.weights();
    discriminator.dispose();
  }

  const fitInfo = fitInfoFor(returns);
  const stored = { ...p, seed };
  const training: CganTraining = {
    backend,
    seconds: round(outcome.seconds, 2),
    steps: outcome.steps,
    stepsPerSecond: round(outcome.stepsPerSecond, 2),
    epochsRun: outcome.epochsRun,
    bestEpoch: outcome.bestEpoch,
    bestMetric: round(outcome.bestMetric, 6),
    stopReason: outcome.stopReason,
    trainDates: [returns.dates[trainStarts[0]], returns.dates[trainStarts[trainStarts.length - 1] + H - 1]],
    validationDates: [returns.dates[valStart], returns.dates[T - 1]],
    history: outcome.history.map((h) => ({ epoch: h.epoch, dLoss: round(h.dLoss, 5), gLoss: round(h.gLoss, 5), metric: round(h.metric, 6) })),
  };
  const last = stateAt(returns, T - 1, p.stateWindow);
  const parts = { generator, heavyTail, scaler, discriminatorWeights };
  const id = modelId(NAME, stored, fitInfo.dataHash);
  const model = new CganModel(id, [...returns.symbols], stored, fitInfo, parts, last, training);
  const evaluation = await heldOutEvaluation(model, returns, { fromIndex: valStart, seed });
  return new CganModel(id, [...returns.symbols], stored, fitInfo, parts, last, training, compactCard(evaluation.card));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Restores a cgan saved by {@link CganModel.save}; the generator is rebuilt from its config and weights. */
export async function loadCgan(dir: string): Promise<CganModel> {
  const stored = await readStoredModel(dir, NAME, resolveStoredCgan);
  await tensorflow();
  const p = stored.params;
  const symbols = stored.meta.symbols;
  const A = symbols.length, S = stateSize(A);
  const extra = stored.meta.extra ?? {};
  const config: NetworkConfig = { latentDim: p.latentDim, stateDim: S, hidden: p.hidden, window: p.window, nAssets: A };
  const saved = extra.network as Partial<NetworkConfig> | undefined;
  if (saved === undefined || (Object.keys(config) as (keyof NetworkConfig)[]).some((k) => saved[k] !== config[k])) {
    throw new InputError(`extra.network ${JSON.stringify(saved)} does not match the parameters and symbols (expected ${JSON.stringify(config)})`, { file: `${dir}/model.json` });
  }
  const plan = Generator.weightNames(config);
  const weights: Record<string, Float64Array> = {};
  // Sizes follow from the names: checked inside the Generator against its plan.
  for (const name of plan) {
    const a = stored.arrays[name];
    if (a === undefined) throw new InputError(`model directory lacks the array "${name}"`, { file: dir });
    weights[name] = a instanceof Float64Array ? a : Float64Array.from(a);
  }
  let generator: Generator;
  try {
    generator = new Generator(config, weights);
  } catch (e) {
    throw new InputError(`generator weights do not fit the network: ${(e as Error).message}`, { file: dir }, { cause: e });
  }
  const heavyTail = {
    mean: storedArray(dir, stored, 'tail_mean', A),
    std: storedArray(dir, stored, 'tail_std', A),
    delta: storedArray(dir, stored, 'tail_delta', A),
    uCap: storedArray(dir, stored, 'tail_ucap', A),
  };
  const scaler = { mean: storedArray(dir, stored, 'state_mean', S), std: storedArray(dir, stored, 'state_std', S) };
  const defaultState = {
    values: storedArray(dir, stored, 'default_state', S),
    label: typeof extra.defaultStateLabel === 'string' ? extra.defaultStateLabel : stored.fitInfo.lastDate,
  };
  return new CganModel(
    stored.meta.id,
    [...symbols],
    p,
    stored.fitInfo,
    { generator, heavyTail, scaler },
    defaultState,
    extra.training as CganTraining,
    extra.modelCard as CganModel['trainingCard'],
  );
}

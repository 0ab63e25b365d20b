import { InputError, ModelError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { Rng, mix32 } from '../../random/rng.js';
import { activeBackend, tensorflow, trainingPlan } from '../../tensorflow/backend.js';
import { checkFitInput, fitInfoFor } from '../common/fit-input.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import type { FitContext } from '../model.js';
import { CGAN_DESCRIPTIVE_EXTRA, CganModel, type CganFitInfo, type CganMemberTraining, type CganTraining } from './cgan-model.js';
import { fitScaler, type StateScaler } from './conditioning.js';
import { buildWindows, rawFeatures } from './dataset.js';
import { fitDriftCorrection } from './drift-correction.js';
import { validationCard } from './evaluate.js';
import { fitWarnings } from './fit-warnings.js';
import { factorCount, factorScores, fitFactorStructure, type FactorStructure } from './factor-structure.js';
import { arResiduals, fitArMean } from './ar-mean.js';
import { fitGjr } from './gjr-garch.js';
import { Discriminator, Generator, type NetworkConfig } from './networks.js';
import { fitParams, minObservationsFor, NAME, resolveStoredCgan, splitWindows, storedCganParams, type CganParams } from './params.js';
import { rollPaths, type DriftCorrection, type GeneratorParts } from './sampler.js';
import { allStates, filterVariances, logLongRunVols, stateAt, stateSize, type VolFilter } from './state-features.js';
import { fitMargins, toU, type Margins } from './tails.js';
import { fitStateMoments, STATE_MOMENTS_SIZE, unpackStateMoments } from './state-moments.js';
import { trainGan, type EpochRecord } from './train.js';
import { conditionalFzScore, portfolioWindowReturns, validationPortfolios } from './validation.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { max: M_max, round: M_round, sqrt: M_sqrt } = Math;

/** Generated paths per validation window, and portfolios scored. */
const VALIDATION_PATHS = 64;
const VALIDATION_PORTFOLIOS = 8;

/**
 * Per asset: the AR(p) mean on r − μ̂ (μ̂ the sample mean; ar-mean.ts, p = arLags, none for 0), then GJR-GARCH(1,1)
 * by QML on its residuals ε.
 */
export function fitFilter(returns: ReturnsMatrix, arLags = 0): VolFilter {
  const T = returns.dates.length, A = returns.symbols.length, x = returns.values;
  const mean = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    let m = 0;
    for (let t = 0; t < T; t++) m += x[t * A + a];
    mean[a] = m / T;
    let moves = false;
    for (let t = 0; t < T && !moves; t++) if (x[t * A + a] - mean[a] !== 0) moves = true;
    if (!moves) throw new InputError(`model ${NAME}: the returns of ${returns.symbols[a]} never change; a volatility filter needs variance`);
  }
  const ar = arLags > 0 ? fitArMean(x, T, A, mean, arLags) : undefined;
  const residuals = arResiduals(x, T, A, mean, ar);
  const f = { mean, omega: new Float64Array(A), alpha: new Float64Array(A), gamma: new Float64Array(A), beta: new Float64Array(A), ...(ar !== undefined ? { ar } : {}) };
  const eps = new Float64Array(T);
  for (let a = 0; a < A; a++) {
    for (let t = 0; t < T; t++) eps[t] = residuals[t * A + a];
    const g = fitGjr(eps);
    f.omega[a] = g.omega;
    f.alpha[a] = g.alpha;
    f.gamma[a] = g.gamma;
    f.beta[a] = g.beta;
  }
  return f;
}

/** The filter's residuals ε (AR residuals of r − μ; r − μ without an AR mean), T × A. */
export function filterResiduals(returns: ReturnsMatrix, f: VolFilter): Float64Array {
  return arResiduals(returns.values, returns.dates.length, returns.symbols.length, f.mean, f.ar);
}

/** Filtered innovations z = ε/σ, T × A. */
export function innovations(returns: ReturnsMatrix, f: VolFilter): Float64Array {
  const T = returns.dates.length;
  const v = filterVariances(returns.values, T, f);
  const z = filterResiduals(returns, f);
  for (let i = 0; i < z.length; i++) z[i] /= M_sqrt(v[i]);
  return z;
}

/**
 * Network weights a fit starts from instead of random ones (a warm refit, see
 * warm-refit.ts): one generator per ensemble member, and the discriminators
 * at the end of the previous training where this process still has them.
 */
export interface CganStart {
  readonly generators: readonly Readonly<Record<string, Float32Array>>[];
  readonly discriminators?: readonly Readonly<Record<string, Float32Array>>[];
}

/**
 * Fits a cgan: filter, margins, states, then K generators with selection on
 * validation blocks spread over the history. With `start` member k's
 * networks begin from those weights (warm refit) instead of random ones; the
 * filter, margins, states and selection are refitted on `returns` as in a full fit.
 */
export async function fitCgan(returns: ReturnsMatrix, params: CganParams, context: FitContext, start?: CganStart): Promise<CganModel> {
  if (start !== undefined && start.generators.length !== params.ensemble) {
    throw new ModelError(`cgan: a warm start needs ${params.ensemble} generators (ensemble), got ${start.generators.length}`);
  }
  const seed = context.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  checkFitInput(NAME, returns, minObservationsFor(params));
  await tensorflow();
  const p = fitParams(params, trainingPlan().batchSize);
  const t0 = performance.now();
  const backend = activeBackend()?.name ?? 'unknown';
  const T = returns.dates.length, A = returns.symbols.length, H = p.window, S = stateSize(A);

  const filter = fitFilter(returns, p.arLags);
  context.onProgress?.(0.02, `cgan: ${p.arLags > 0 ? `AR(${p.arLags}) mean and ` : ''}GJR-GARCH(1,1) filters fitted`);
  const z = innovations(returns, filter);
  const llr = logLongRunVols(filter);
  const residuals = filterResiduals(returns, filter);
  const largestMoves = new Float64Array(2 * A);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) {
      const e = residuals[t * A + a] / Math.exp(llr[a]);
      if (-e > largestMoves[2 * a]) largestMoves[2 * a] = -e;
      if (e > largestMoves[2 * a + 1]) largestMoves[2 * a + 1] = e;
    }
  }
  const margins = fitMargins(z, T, A, p.tailFraction, largestMoves);
  const all = allStates(returns, filter, p.stateWindow);
  // Row t = the state as of day t (rows before the first full state stay 0 and are never used).
  const states = new Float64Array(T * S);
  states.set(all.states, all.first * S);
  const { train: trainStarts, val: valStarts } = splitWindows(T, p, (s) => states[(s - 1) * S]);
  const allStarts = Int32Array.from({ length: T - p.stateWindow + 1 }, (_, i) => p.stateWindow + i).filter((s) => s < T + 1);
  const factor = fitFactors(z, A, trainStarts, H, margins, p);
  const projection = factor?.projection;
  const F = factor === undefined ? S : factor.eigenvalues.length + 2;
  const scaler = fitScaler(rawFeatures(states, trainStarts, llr, projection), F, rawFeatures(states, allStarts, llr, projection), projection);
  const assetWindows = buildWindows(z, A, trainStarts, H, margins, states, llr, scaler);
  // Factor mode: the GAN trains on the windows' factor scores (n × H × K).
  const train = factor === undefined ? assetWindows : { ...assetWindows, u: factorScores(assetWindows.u, assetWindows.n * H, factor) };
  if (factor !== undefined) context.onProgress?.(0.03, `cgan: ${factor.eigenvalues.length} factors explain ${(100 * factor.explained).toFixed(1)}% of the innovations' variance`);
  const levels = Float64Array.from({ length: T }, (_, t) => states[t * S]);
  const moments = fitStateMoments(z, T, A, levels, trainStarts, H, p.tailFraction);

  // Validation: real portfolio returns of each window, and M generated paths from its own state.
  const nVal = valStarts.length;
  const realVal = new Float64Array(nVal * H * A);
  for (let i = 0; i < nVal; i++) realVal.set(returns.values.subarray(valStarts[i] * A, (valStarts[i] + H) * A), i * H * A);
  const weights = validationPortfolios(A, VALIDATION_PORTFOLIOS, 1);
  const realPf = portfolioWindowReturns(realVal, nVal, H, A, weights);
  const valStates = new Float64Array(VALIDATION_PATHS * nVal * S);
  for (let m = 0; m < VALIDATION_PATHS; m++) for (let i = 0; i < nVal; i++) valStates.set(states.subarray((valStarts[i] - 1) * S, valStarts[i] * S), (m * nVal + i) * S);

  const skip = choleskyTransposed(train.u, factor === undefined ? A : factor.eigenvalues.length);
  const config: NetworkConfig = { latentDim: p.latentDim, stateDim: F, hidden: p.hidden, window: H, nAssets: A, ...(factor !== undefined ? { factors: factor.eigenvalues.length } : {}) };
  const generators: Generator[] = [];
  const corrections: DriftCorrection[] = [];
  const members: CganMemberTraining[] = [];
  const discriminatorWeights: Record<string, Float32Array>[] = [];
  let history: readonly EpochRecord[] = [];
  let steps = 0, trainSeconds = 0;
  try {
    for (let k = 0; k < p.ensemble; k++) {
      const memberSeed = k === 0 ? seed : mix32(seed, 0x5eed + k) >>> 0;
      const initRng = new Rng(mix32(memberSeed, 0x1417));
      const generator = start !== undefined ? new Generator(config, start.generators[k], factor) : Generator.initial(config, initRng, skip, factor);
      generators.push(generator);
      const previousD = start?.discriminators?.[k];
      const discriminator = previousD !== undefined ? new Discriminator(config, previousD) : Discriminator.initial(config, initRng);
      const score = (): number => {
        // Scored as it will sample: innovations standardised by this epoch's fitted moments (drift-correction.ts).
        const correction = fitDriftCorrection(generator, margins, train.states, 1, memberSeed);
        const parts: GeneratorParts = { generators: [generator], corrections: [correction], margins, filter, logLongRunVol: llr, scaler, stateWindow: p.stateWindow, drift: p.drift, moments };
        const gen = rollPaths(parts, { nPaths: VALIDATION_PATHS * nVal, horizon: H, seed: 0x7a12, firstPath: 0, initialStates: valStates }).values;
        return conditionalFzScore(realPf, portfolioWindowReturns(gen, VALIDATION_PATHS * nVal, H, A, weights), nVal, VALIDATION_PATHS, VALIDATION_PORTFOLIOS);
      };
      let outcome;
      try {
        outcome = await trainGan(generator, discriminator, train, score, { ...p, seed: memberSeed }, (rec, best) => {
          context.onProgress?.(
            (k + rec.epoch / p.epochs) / p.ensemble,
            `cgan member ${k + 1}/${p.ensemble} epoch ${rec.epoch}/${p.epochs}: D loss ${rec.dLoss.toFixed(3)}, G loss ${rec.gLoss.toFixed(3)}, validation FZ0 ${rec.metric.toFixed(4)} (best ${best.metric.toFixed(4)} at epoch ${best.epoch})`,
          );
        });
      } finally {
        discriminatorWeights.push(discriminator.weights());
        discriminator.dispose();
      }
      corrections.push(fitDriftCorrection(generator, margins, train.states, 2, memberSeed));
      if (k === 0) history = outcome.history;
      steps += outcome.steps;
      trainSeconds += outcome.seconds;
      members.push({ seed: memberSeed, seconds: round(outcome.seconds, 2), epochsRun: outcome.epochsRun, bestEpoch: outcome.bestEpoch, bestMetric: round(outcome.bestMetric, 6), stopReason: outcome.stopReason });
    }
  } catch (e) {
    for (const g of generators) g.dispose();
    throw e;
  }

  const parts: GeneratorParts = { generators, corrections, margins, filter, logLongRunVol: llr, scaler, stateWindow: p.stateWindow, drift: p.drift, moments, discriminatorWeights };
  const stored = storedCganParams(p, seed);
  const base = fitInfoFor(returns);
  const draft = (warnings: CganFitInfo['warnings']): CganFitInfo => ({
    ...base,
    drift: p.drift,
    ensemble: p.ensemble,
    filter: returns.symbols.map((symbol, a) => ({
      symbol, mean: filter.mean[a], omega: filter.omega[a], alpha: filter.alpha[a], gamma: filter.gamma[a], beta: filter.beta[a],
      ...(filter.ar !== undefined ? { ar: Array.from(filter.ar.subarray(a * p.arLags, (a + 1) * p.arLags)) } : {}),
    })),
    warnings,
  });
  const last = stateAt(returns, T - 1, filter, p.stateWindow);
  const m0 = members[0];
  const valDays = valStarts.length > 0 ? [returns.dates[valStarts[0]], returns.dates[valStarts[nVal - 1] + H - 1]] as const : [base.firstDate, base.firstDate] as const;
  const training = (): CganTraining => ({
    backend,
    seconds: round((performance.now() - t0) / 1000, 2),
    steps,
    stepsPerSecond: trainSeconds > 0 ? round(steps / trainSeconds, 2) : 0,
    epochsRun: m0.epochsRun,
    bestEpoch: m0.bestEpoch,
    bestMetric: m0.bestMetric,
    stopReason: m0.stopReason,
    trainDates: [returns.dates[trainStarts[0]], returns.dates[trainStarts[trainStarts.length - 1] + H - 1]],
    validationDates: valDays,
    validationWindows: nVal,
    history: history.map((h) => ({ epoch: h.epoch, dLoss: round(h.dLoss, 5), gLoss: round(h.gLoss, 5), metric: round(h.metric, 6) })),
    members,
  });
  const provisional = new CganModel(undefined, [...returns.symbols], stored, draft([]), parts, last, training());
  // Diagnostics only: the parts (what sampling uses) are final above.
  if (context.diagnostics === false) return provisional;
  const { warnings, risk } = fitWarnings(provisional, returns, seed);
  const card = await validationCard(provisional, returns, valStarts, seed);
  return new CganModel(undefined, [...returns.symbols], stored, draft(warnings), parts, last, { ...training(), memberRisk: risk }, card);
}

/**
 * The factor structure the `factors` parameter asks for (factor-structure.ts),
 * fitted on the Gaussianised innovations of the days the training windows
 * cover; undefined when the GAN models every asset.
 */
function fitFactors(z: Float64Array, A: number, trainStarts: Int32Array, H: number, margins: Margins, p: CganParams): FactorStructure | undefined {
  const k = factorCount(p.factors, A);
  if (k === undefined) return undefined;
  if (k >= A) throw new InputError(`model ${NAME}: factors must be below the number of assets (${A}), got ${k}`);
  const T = z.length / A;
  const covered = new Uint8Array(T);
  for (const s of trainStarts) covered.fill(1, s, s + H);
  let D = 0;
  for (let t = 0; t < T; t++) D += covered[t];
  const u = new Float32Array(D * A);
  for (let t = 0, d = 0; t < T; t++) {
    if (covered[t] === 0) continue;
    for (let a = 0; a < A; a++) u[d * A + a] = toU(z[t * A + a], margins, a);
    d++;
  }
  return fitFactorStructure(u, D, A, k);
}

/** Lᵀ (row-major float32) with L·Lᵀ the correlation matrix of the columns of an n × A matrix (1e-6 ridge). */
export function choleskyTransposed(x: Float32Array, A: number): Float32Array {
  const n = x.length / A;
  const mean = new Float64Array(A), c = new Float64Array(A * A);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) mean[a] += x[i * A + a] / n;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < A; a++) {
      const da = x[i * A + a] - mean[a];
      for (let b = 0; b <= a; b++) c[a * A + b] += da * (x[i * A + b] - mean[b]);
    }
  }
  const sd = Float64Array.from({ length: A }, (_, a) => M_sqrt(c[a * A + a]));
  const l = new Float64Array(A * A);
  for (let i = 0; i < A; i++) {
    for (let j = 0; j <= i; j++) {
      let s = c[i * A + j] / (sd[i] * sd[j]) + (i === j ? 1e-6 : 0);
      for (let k = 0; k < j; k++) s -= l[i * A + k] * l[j * A + k];
      l[i * A + j] = i === j ? M_sqrt(M_max(s, 1e-12)) : s / l[j * A + j];
    }
  }
  const out = new Float32Array(A * A);
  for (let i = 0; i < A; i++) for (let j = 0; j <= i; j++) out[j * A + i] = l[i * A + j];
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return M_round(x * f) / f;
}

/** Restores a cgan saved by {@link CganModel.save}. */
export async function loadCgan(dir: string): Promise<CganModel> {
  const stored = await readStoredModel(dir, NAME, resolveStoredCgan, CGAN_DESCRIPTIVE_EXTRA);
  await tensorflow();
  const p = stored.params;
  const symbols = stored.meta.symbols;
  const A = symbols.length, S = stateSize(A);
  const extra = stored.meta.extra ?? {};
  const saved = extra.network as Partial<NetworkConfig> | undefined;
  const K = saved?.factors;
  if (K !== undefined && !(Number.isInteger(K) && K >= 1 && K < A)) throw new InputError(`extra.network.factors must be a whole number from 1 to ${A - 1}, got ${JSON.stringify(K)}`, { file: `${dir}/model.json` });
  const F = K === undefined ? S : K + 2;
  const config: NetworkConfig = { latentDim: p.latentDim, stateDim: F, hidden: p.hidden, window: p.window, nAssets: A, ...(K !== undefined ? { factors: K } : {}) };
  if (saved === undefined || (Object.keys(config) as (keyof NetworkConfig)[]).some((k) => saved[k] !== config[k])) {
    throw new InputError(`extra.network ${JSON.stringify(saved)} does not match the parameters and symbols (expected ${JSON.stringify(config)})`, { file: `${dir}/model.json` });
  }
  const arr = (key: string, n: number): Float64Array => storedArray(dir, stored, key, n);
  let factor: FactorStructure | undefined;
  if (K !== undefined) {
    const days = extra.factorResidualDays, explained = extra.factorExplained;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || typeof explained !== 'number') {
      throw new InputError('extra.factorResidualDays (a whole number) and extra.factorExplained must be given for a factor model', { file: `${dir}/model.json` });
    }
    factor = {
      loadings: arr('factor_loadings', K * A), scoreMap: arr('factor_score_map', A * K), projection: arr('factor_projection', A * K),
      residuals: Float32Array.from(arr('factor_residuals', days * A)), eigenvalues: arr('factor_eigenvalues', K), explained,
    };
  }
  const generators: Generator[] = [];
  const corrections: DriftCorrection[] = [];
  try {
    for (let k = 0; k < p.ensemble; k++) {
      const weights: Record<string, Float64Array> = {};
      for (const name of Generator.weightNames(config)) {
        const a = stored.arrays[`m${k}_${name}`];
        if (a === undefined) throw new InputError(`model directory lacks the array "m${k}_${name}"`, { file: dir });
        weights[name] = a instanceof Float64Array ? a : Float64Array.from(a);
      }
      try {
        generators.push(new Generator(config, weights, factor));
      } catch (e) {
        throw new InputError(`generator ${k} weights do not fit the network: ${(e as Error).message}`, { file: dir }, { cause: e });
      }
      corrections.push({ w: arr(`m${k}_drift_w`, F * A), b: arr(`m${k}_drift_b`, A), w2: arr(`m${k}_square_w`, F * A), b2: arr(`m${k}_square_b`, A) });
    }
  } catch (e) {
    for (const g of generators) g.dispose();
    throw e;
  }
  // A model saved without arLags (before the AR mean existed) has none: it samples as it did.
  const lags = p.arLags ?? 0;
  const filter: VolFilter = {
    mean: arr('filter_mean', A), omega: arr('filter_omega', A), alpha: arr('filter_alpha', A), gamma: arr('filter_gamma', A), beta: arr('filter_beta', A),
    ...(lags > 0 ? { ar: arr('filter_ar', A * lags) } : {}),
  };
  const u0 = extra.tailThreshold, maxDistance = extra.maxStateDistance;
  if (typeof u0 !== 'number' || typeof maxDistance !== 'number') throw new InputError('extra.tailThreshold and extra.maxStateDistance must be numbers', { file: `${dir}/model.json` });
  const margins: Margins = {
    u0,
    left: arr('tail_left', A), right: arr('tail_right', A),
    xiLeft: arr('tail_xi_left', A), betaLeft: arr('tail_beta_left', A), xiRight: arr('tail_xi_right', A), betaRight: arr('tail_beta_right', A),
    lowerCap: arr('tail_lower_cap', A), upperCap: arr('tail_upper_cap', A),
  };
  const nd = stored.arrays.state_distances?.length ?? 0;
  const scaler: StateScaler = {
    mean: arr('state_mean', F), std: arr('state_std', F), whiten: arr('state_whiten', F * F), center: new Float64Array(F), maxDistance, distances: arr('state_distances', nd),
    ...(factor !== undefined ? { projection: factor.projection } : {}),
  };
  const defaultState = { values: arr('default_state', S), label: typeof extra.defaultStateLabel === 'string' ? extra.defaultStateLabel : stored.fitInfo.lastDate };
  const fitInfo = { ...(extra.fitExtras as object), ...stored.fitInfo } as CganFitInfo;
  const momentsCoef = stored.arrays.state_moments;
  const moments = momentsCoef !== undefined ? unpackStateMoments(arr('state_moments', STATE_MOMENTS_SIZE)) : undefined;
  const parts: GeneratorParts = { generators, corrections, margins, filter, logLongRunVol: logLongRunVols(filter), scaler, stateWindow: p.stateWindow, drift: p.drift, ...(moments !== undefined ? { moments } : {}) };
  return new CganModel(stored.meta.id, [...symbols], p, fitInfo, parts, defaultState, extra.training as CganTraining, extra.modelCard as CganModel['trainingCard']);
}

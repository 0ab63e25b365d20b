import type { ReturnsMatrix } from '../../market/types.js';
import { fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { modelContent, saveModel, type SavedParts } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import { checkSampleRequest } from '../common/sample-request.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import type { FitInfo, ModelCapabilities, SampleRequest, ScenarioModel } from '../model.js';
import { choleskyInto } from './cholesky.js';
import { gaussianFitWarnings } from './fit-warnings.js';
import { gaussianPaths } from './gaussian-paths.js';
import { columnMeans, sampleCovariance } from './moments.js';
import { repairCovariance, type CovarianceRepair } from './repair-covariance.js';

/**
 * `gaussian`: daily log-return vectors are i.i.d. multivariate normal
 * N(μ, Σ), with μ the sample mean (or 0) and Σ the unbiased sample covariance
 * of the fitting returns. The classical parametric baseline: it keeps the
 * linear correlation between assets but has thin tails and no volatility
 * clustering, so it understates extreme losses — useful as a reference for
 * the models that do better.
 */

const NAME = 'gaussian';
const CAPABILITIES: ModelCapabilities = { conditional: false, tailSampling: false, needsTensorflow: false };
const PARAMETERS = {
  meanZero: {
    type: 'boolean',
    default: false,
    description: 'true: zero mean (drift-free scenarios); false: the sample mean of the returns',
  },
} as const;

/**
 * Fewest daily returns accepted: 30, whatever the number of assets. Below
 * that the covariance is too noisy to mean much (a variance estimate's
 * relative standard error is √(2/(T−1)) ≈ 26% at T = 30). More assets than
 * observations is allowed: the covariance is then singular and repaired.
 */
const MIN_OBSERVATIONS = 30;

/** {@link FitInfo} plus, when the sample covariance was not positive definite, what its repair changed. */
export interface GaussianFitInfo extends FitInfo {
  readonly covarianceRepair?: CovarianceRepair;
}

type GaussianParams = {
  readonly meanZero: boolean;
};

export class GaussianModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The mean the paths use: the sample mean, or zeros when `meanZero`. */
  private readonly drift: Float64Array;

  #id: string | undefined;

  constructor(
    /** The id read from a checked model directory; computed from the content when absent. */
    knownId: string | undefined,
    readonly symbols: readonly string[],
    p: GaussianParams,
    readonly fitInfo: GaussianFitInfo,
    /** Sample mean of the fitting returns (kept even when `meanZero`). */
    readonly mean: Float64Array,
    /** Sample covariance, A × A row-major, as estimated (before any repair). */
    readonly covariance: Float64Array,
    /** Lower Cholesky factor of the (repaired) covariance, A × A row-major. */
    readonly choleskyFactor: Float64Array,
  ) {
    this.params = { meanZero: p.meanZero };
    this.drift = p.meanZero ? new Float64Array(symbols.length) : mean;
    this.#id = knownId;
  }

  /** Hash of the model's content (see modelId). */
  get id(): string {
    return (this.#id ??= modelId(modelContent(this, this.parts())));
  }

  private parts(): SavedParts {
    const repair = this.fitInfo.covarianceRepair;
    return {
      extra: repair === undefined ? {} : { covarianceRepair: { ...repair } },
      arrays: { mean: this.mean, covariance: this.covariance, cholesky: this.choleskyFactor },
    };
  }

  async sample(request: SampleRequest): Promise<Float32Array> {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const nAssets = this.symbols.length;
    const out = new Float32Array(nPaths * horizon * nAssets);
    gaussianPaths(this.drift, this.choleskyFactor, nAssets, out, nPaths, horizon, seed, firstPath);
    return out;
  }

  async save(dir: string): Promise<void> {
    await saveModel(dir, this, this.parts());
  }
}

/** Lower Cholesky factor of a covariance, repairing it first when it is not positive definite. */
function factorCovariance(cov: Float64Array, n: number): { chol: Float64Array; repair?: CovarianceRepair } {
  const chol = new Float64Array(n * n);
  if (choleskyInto(cov, n, chol) < 0) return { chol };
  const { matrix, repair } = repairCovariance(cov, n);
  if (choleskyInto(matrix, n, chol) >= 0) {
    // Cannot happen when eigs is accurate: every pivot of the repaired matrix is ≥ the floor.
    throw new Error('gaussian: the repaired covariance still has no Cholesky factor');
  }
  return { chol, repair };
}

export const gaussianModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: 'i.i.d. multivariate normal daily returns with the sample mean and covariance',
  capabilities: CAPABILITIES,
  parameters: PARAMETERS,
  minObservations: () => MIN_OBSERVATIONS,

  async fit(returns: ReturnsMatrix, p: GaussianParams): Promise<ScenarioModel> {
    const nAssets = returns.symbols.length;
    const nRows = returns.dates.length;
    const mean = columnMeans(returns.values, nRows, nAssets);
    const covariance = sampleCovariance(returns.values, nRows, nAssets, mean);
    const { chol, repair } = factorCovariance(covariance, nAssets);
    const base = fitInfoFor(returns);
    const warnings = gaussianFitWarnings(repair, nAssets, nRows);
    const fitInfo: GaussianFitInfo = repair === undefined ? { ...base, warnings } : { ...base, covarianceRepair: repair, warnings };
    return new GaussianModel(undefined, [...returns.symbols], p, fitInfo, mean, covariance, chol);
  },

  async load(dir: string): Promise<ScenarioModel> {
    const stored = await readStoredModel(dir, NAME, (raw) => gaussianModel.resolveParams(raw));
    const symbols = stored.meta.symbols;
    const n = symbols.length;
    const mean = storedArray(dir, stored, 'mean', n);
    const covariance = storedArray(dir, stored, 'covariance', n * n);
    const chol = storedArray(dir, stored, 'cholesky', n * n);
    const repair = stored.meta.extra?.covarianceRepair as CovarianceRepair | undefined;
    const warnings = gaussianFitWarnings(repair, n, stored.fitInfo.nObservations);
    const fitInfo: GaussianFitInfo = repair === undefined ? { ...stored.fitInfo, warnings } : { ...stored.fitInfo, covarianceRepair: repair, warnings };
    return new GaussianModel(stored.meta.id, [...symbols], stored.params, fitInfo, mean, covariance, chol);
  },
});

import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { modelContent, saveModel, type SavedParts } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import { checkSampleRequest } from '../common/sample-request.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import { choleskyInto } from '../gaussian/cholesky.js';
import { columnMeans, sampleCovariance } from '../gaussian/moments.js';
import type { FitInfo, ModelCapabilities, SampleRequest, ScenarioModel } from '../model.js';
import { fitMultivariateT, MAX_DOF, MIN_DOF } from './multivariate-t-em.js';
import { studentTFitWarnings } from './fit-warnings.js';
import { studentTPaths } from './student-t-paths.js';

/**
 * `student-t`: daily log-return vectors are i.i.d. multivariate Student-t
 * t_p(μ, Σ, ν): r = μ + L·z·√(ν/W), L·Lᵀ = Σ, z standard normal, W ~ χ²_ν.
 * Like `gaussian` it has no volatility clustering, but its tails are fat
 * (marginal kurtosis 3 + 6/(ν − 4) for ν > 4) and, because one W scales
 * every asset, large moves come together: it has tail dependence, which a
 * normal with the same correlation lacks. The covariance is ν/(ν − 2)·Σ.
 *
 * Estimation: μ, Σ and ν jointly by maximum likelihood, with the ECME
 * algorithm of Liu & Rubin (1995) (multivariate-t-em.ts), ν bounded to
 * [2.1, 200] so the covariance exists. Needs more observations than assets
 * and returns that are not collinear (a positive-definite sample covariance):
 * unlike the normal, the t likelihood has no maximum otherwise, so there is
 * nothing to repair towards.
 */

const NAME = 'student-t';
const CAPABILITIES: ModelCapabilities = { conditional: false, tailSampling: false, needsTensorflow: false };
const PARAMETERS = {
  meanZero: {
    type: 'boolean',
    default: false,
    description: 'true: zero location in the paths (drift-free scenarios); false: the fitted location μ',
  },
} as const;

/** Fewest daily returns accepted, whatever the number of assets (which must also be below T − 1, checked in fit). */
const MIN_OBSERVATIONS = 30;

/** {@link FitInfo} plus the outcome of the likelihood maximisation. */
export interface StudentTFitInfo extends FitInfo {
  readonly degreesOfFreedom: number;
  readonly logLikelihood: number;
  readonly emIterations: number;
  readonly emConverged: boolean;
}

type StudentTParams = {
  readonly meanZero: boolean;
};

export class StudentTModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;
  private readonly drift: Float64Array;
  #id: string | undefined;

  constructor(
    /** The id read from a checked model directory; computed from the content when absent. */
    knownId: string | undefined,
    readonly symbols: readonly string[],
    p: StudentTParams,
    readonly fitInfo: StudentTFitInfo,
    /** Fitted location μ (kept even when `meanZero`). */
    readonly location: Float64Array,
    /** Fitted scale matrix Σ, A × A row-major. */
    readonly scale: Float64Array,
    /** Lower Cholesky factor of Σ, A × A row-major. */
    readonly choleskyFactor: Float64Array,
    /** Fitted degrees of freedom ν. */
    readonly dof: number,
  ) {
    this.params = { meanZero: p.meanZero };
    this.drift = p.meanZero ? new Float64Array(symbols.length) : location;
    this.#id = knownId;
  }

  /** Hash of the model's content (see modelId). */
  get id(): string {
    return (this.#id ??= modelId(modelContent(this, this.parts())));
  }

  private parts(): SavedParts {
    const { degreesOfFreedom, logLikelihood, emIterations, emConverged } = this.fitInfo;
    return {
      extra: { degreesOfFreedom, logLikelihood, emIterations, emConverged },
      arrays: { location: this.location, scale: this.scale, cholesky: this.choleskyFactor, dof: Float64Array.of(this.dof) },
    };
  }

  async sample(request: SampleRequest): Promise<Float32Array> {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const nAssets = this.symbols.length;
    const out = new Float32Array(nPaths * horizon * nAssets);
    studentTPaths(this.drift, this.choleskyFactor, this.dof, nAssets, out, nPaths, horizon, seed, firstPath);
    return out;
  }

  async save(dir: string): Promise<void> {
    await saveModel(dir, this, this.parts());
  }
}

/** InputError unless the returns can carry a t fit: more rows than assets + 1 and a positive-definite sample covariance. */
function checkIdentifiable(returns: ReturnsMatrix): void {
  const n = returns.symbols.length;
  const t = returns.dates.length;
  if (t < n + 2) {
    throw new InputError(`model ${NAME} needs at least ${n + 2} daily returns for ${n} assets (more than assets + 1), got ${t}`);
  }
  const cov = sampleCovariance(returns.values, t, n, columnMeans(returns.values, t, n));
  const k = choleskyInto(cov, n, new Float64Array(n * n));
  if (k >= 0) {
    throw new InputError(
      `model ${NAME}: the returns of ${returns.symbols[k]} are constant or a linear combination of the symbols before it; ` +
        'the Student-t likelihood has no maximum on collinear data (drop the symbol, or use the gaussian model)',
    );
  }
}

export const studentTModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: `i.i.d. multivariate Student-t daily returns; location, scale and ν in [${MIN_DOF}, ${MAX_DOF}] by maximum likelihood (ECME)`,
  capabilities: CAPABILITIES,
  parameters: PARAMETERS,

  minObservations: () => MIN_OBSERVATIONS,

  async fit(returns: ReturnsMatrix, p: StudentTParams): Promise<ScenarioModel> {
    checkIdentifiable(returns);
    const nAssets = returns.symbols.length;
    const f = fitMultivariateT(returns.values, returns.dates.length, nAssets);
    const fitInfo: StudentTFitInfo = {
      ...fitInfoFor(returns),
      degreesOfFreedom: f.dof,
      logLikelihood: f.logLikelihood,
      emIterations: f.iterations,
      emConverged: f.converged,
      warnings: studentTFitWarnings(f.dof, f.converged),
    };
    return new StudentTModel(undefined, [...returns.symbols], p, fitInfo, f.location, f.scale, f.cholesky, f.dof);
  },

  async load(dir: string): Promise<ScenarioModel> {
    const stored = await readStoredModel(dir, NAME, (raw) => studentTModel.resolveParams(raw));
    const symbols = stored.meta.symbols;
    const n = symbols.length;
    const location = storedArray(dir, stored, 'location', n);
    const scale = storedArray(dir, stored, 'scale', n * n);
    const chol = storedArray(dir, stored, 'cholesky', n * n);
    const dof = storedArray(dir, stored, 'dof', 1)[0];
    if (!(dof >= MIN_DOF && dof <= MAX_DOF)) {
      throw new InputError(`degrees of freedom ${dof} outside [${MIN_DOF}, ${MAX_DOF}]; the model is corrupt`, { file: dir });
    }
    const extra = stored.meta.extra ?? {};
    const fitInfo: StudentTFitInfo = {
      ...stored.fitInfo,
      degreesOfFreedom: dof,
      logLikelihood: Number(extra.logLikelihood),
      emIterations: Number(extra.emIterations),
      emConverged: extra.emConverged === true,
      warnings: studentTFitWarnings(dof, extra.emConverged === true),
    };
    return new StudentTModel(stored.meta.id, [...symbols], stored.params, fitInfo, location, scale, chol, dof);
  },
});

import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { modelContent, saveModel, type SavedParts } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import { checkSampleRequest } from '../common/sample-request.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import { columnMeans } from '../gaussian/moments.js';
import type { FitContext, FitInfo, ModelCapabilities, SampleRequest, ScenarioModel } from '../model.js';
import { fhsPaths } from './fhs-paths.js';
import { garchFitWarnings } from './fit-warnings.js';
import { fitGarch, garchVariances } from './garch.js';

/**
 * `fhs`: filtered historical simulation of Barone-Adesi, Giannopoulos & Vosper
 * (1999), "VaR without correlations for portfolios of derivative securities",
 * Journal of Futures Markets 19(5), 583–602 (also Barone-Adesi, Bourgoin &
 * Giannopoulos 1998, "Don't look back", Risk 11(8)).
 *
 * Model, per asset a: r_t = μ + ε_t, ε_t = σ_t z_t, with the GARCH(1,1)
 * variance σ²_t = ω + α ε²_{t−1} + β σ²_{t−1} (see garch.ts). The standardised
 * residuals z_t = ε_t / σ_t are not assumed normal: their empirical joint
 * distribution (whole vectors, one per date) is what gets resampled.
 *
 * Estimation: μ̂ is the sample mean (a two-step estimate: with a constant mean
 * it is consistent under GARCH errors, and daily means are so small next to σ
 * that estimating μ jointly changes nothing of note); (ω, α, β) by Gaussian
 * quasi-maximum likelihood on ε = r − μ̂, maximised by Nelder–Mead on
 * coordinates that keep ω > 0, α ≥ 0, β ≥ 0, α + β < 1 (garch.ts). Each asset
 * is fitted on its own: no multivariate GARCH; cross-asset dependence lives in
 * the residual vectors. The residuals are used as filtered, not re-standardised
 * to mean 0 and variance 1.
 *
 * Simulation (fhs-paths.ts): each day one historical date is drawn uniformly
 * and its residual vector is scaled by each asset's current σ; the variance
 * recursion runs on along the path from σ²_{T+1} = ω + α ε²_T + β σ²_T, the
 * fitted conditional variance of the day after the data. So paths start in
 * today's volatility regime and volatility clusters and mean-reverts along them.
 *
 * Not conditional in the ScenarioModel sense: the start is always the fitted
 * σ²_{T+1}. A stressed start is one array away: `fhsPaths` takes the start
 * variances as input, so a conditional version would accept
 * `SampleRequest.state.values` = per-asset start variances (e.g. σ² on a
 * crisis date, or σ²_{T+1} scaled up) and pass them instead.
 */

const NAME = 'fhs';
const CAPABILITIES: ModelCapabilities = { conditional: false, tailSampling: false, needsTensorflow: false };
const PARAMETERS = {
  meanZero: {
    type: 'boolean',
    default: false,
    description: 'true: zero drift (μ = 0 in the paths; the fit still demeans by the sample mean); false: the sample mean',
  },
} as const;

/**
 * Fewest daily returns accepted: 250, about a year. GARCH persistence is
 * identified only through volatility clusters lasting weeks; with fewer days
 * the QML estimate is erratic and often sits at the α + β → 1 boundary.
 */
const MIN_OBSERVATIONS = 250;

/** One asset's fitted GARCH(1,1), as recorded in the fit info (and so in run manifests). */
export interface GarchAssetFit {
  readonly symbol: string;
  /** Sample mean of the returns, μ̂. */
  readonly mean: number;
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Gaussian quasi-log-likelihood at the estimate. */
  readonly logLikelihood: number;
}

export interface FhsFitInfo extends FitInfo {
  readonly garch: readonly GarchAssetFit[];
}

type FhsParams = {
  readonly meanZero: boolean;
};

/** The per-asset arrays that make a fitted FHS model (each length A, except `residuals`: T × A). */
export interface FhsArrays {
  readonly mean: Float64Array;
  readonly omega: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  /** σ²_0 of each recursion (the sample variance of ε). */
  readonly initialVariance: Float64Array;
  /** σ²_T: the fitted conditional variance of the last day of data. */
  readonly lastVariance: Float64Array;
  /** ε_T = r_T − μ̂: the last day's residual. */
  readonly lastResidual: Float64Array;
  readonly logLikelihood: Float64Array;
  /** T × A standardised residuals z = ε / σ, row-major. */
  readonly residuals: Float64Array;
}

export class FhsModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly fitInfo: FhsFitInfo;
  /** σ²_{T+1} = ω + α ε²_T + β σ²_T per asset: the first simulated day's conditional variance. */
  readonly startVariance: Float64Array;
  private readonly nRows: number;
  private readonly drift: Float64Array;
  #id: string | undefined;

  constructor(
    /** The id read from a checked model directory; computed from the content when absent. */
    knownId: string | undefined,
    readonly symbols: readonly string[],
    p: FhsParams,
    fitInfo: FitInfo,
    readonly fitted: FhsArrays,
  ) {
    const n = symbols.length;
    this.params = { meanZero: p.meanZero };
    this.nRows = fitted.residuals.length / n;
    this.drift = p.meanZero ? new Float64Array(n) : fitted.mean;
    this.startVariance = new Float64Array(n);
    const { omega, alpha, beta, lastVariance, lastResidual } = fitted;
    for (let a = 0; a < n; a++) {
      const e = lastResidual[a];
      // Same expression as the recursion in garchVariances, so a loaded model starts bit-identically.
      this.startVariance[a] = omega[a] + alpha[a] * e * e + beta[a] * lastVariance[a];
    }
    const garch: GarchAssetFit[] = symbols.map((symbol, a) => ({
      symbol,
      mean: fitted.mean[a],
      omega: omega[a],
      alpha: alpha[a],
      beta: beta[a],
      logLikelihood: fitted.logLikelihood[a],
    }));
    this.fitInfo = { ...fitInfo, garch, warnings: garchFitWarnings(garch, fitted.initialVariance) };
    this.#id = knownId;
  }

  /** Hash of the model's content (see modelId). */
  get id(): string {
    return (this.#id ??= modelId(modelContent(this, this.parts())));
  }

  private parts(): SavedParts {
    const f = this.fitted;
    // model.json keeps the estimates readable; the arrays are what load reads.
    return {
      extra: { garch: this.fitInfo.garch },
      arrays: {
        mean: f.mean, omega: f.omega, alpha: f.alpha, beta: f.beta, initialVariance: f.initialVariance,
        lastVariance: f.lastVariance, lastResidual: f.lastResidual, logLikelihood: f.logLikelihood, residuals: f.residuals,
      },
    };
  }

  async sample(request: SampleRequest): Promise<Float32Array> {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const nAssets = this.symbols.length;
    const out = new Float32Array(nPaths * horizon * nAssets);
    const f = this.fitted;
    fhsPaths(
      {
        nAssets,
        drift: this.drift,
        omega: f.omega,
        alpha: f.alpha,
        beta: f.beta,
        startVariance: this.startVariance,
        residuals: f.residuals,
        nRows: this.nRows,
      },
      out,
      nPaths,
      horizon,
      seed,
      firstPath,
    );
    return out;
  }

  async save(dir: string): Promise<void> {
    await saveModel(dir, this, this.parts());
  }
}

/** Fits every asset's GARCH(1,1) and filters its residuals. */
function fitArrays(returns: ReturnsMatrix, context: FitContext): FhsArrays {
  const nAssets = returns.symbols.length;
  const nRows = returns.dates.length;
  const x = returns.values;
  const mean = columnMeans(x, nRows, nAssets);
  const omega = new Float64Array(nAssets);
  const alpha = new Float64Array(nAssets);
  const beta = new Float64Array(nAssets);
  const initialVariance = new Float64Array(nAssets);
  const lastVariance = new Float64Array(nAssets);
  const lastResidual = new Float64Array(nAssets);
  const logLikelihood = new Float64Array(nAssets);
  const residuals = new Float64Array(nRows * nAssets);
  const eps = new Float64Array(nRows);
  const sigma2 = new Float64Array(nRows);
  for (let a = 0; a < nAssets; a++) {
    let moves = false;
    for (let t = 0; t < nRows; t++) {
      eps[t] = x[t * nAssets + a] - mean[a];
      if (eps[t] !== 0) moves = true;
    }
    if (!moves) {
      throw new InputError(`model ${NAME}: the returns of ${returns.symbols[a]} never change; a GARCH model needs variance`);
    }
    const g = fitGarch(eps);
    omega[a] = g.omega;
    alpha[a] = g.alpha;
    beta[a] = g.beta;
    initialVariance[a] = g.initialVariance;
    logLikelihood[a] = g.logLikelihood;
    garchVariances(eps, g, g.initialVariance, sigma2);
    for (let t = 0; t < nRows; t++) residuals[t * nAssets + a] = eps[t] / Math.sqrt(sigma2[t]);
    lastVariance[a] = sigma2[nRows - 1];
    lastResidual[a] = eps[nRows - 1];
    context.onProgress?.((a + 1) / nAssets, `GARCH(1,1) of ${returns.symbols[a]}`);
  }
  return { mean, omega, alpha, beta, initialVariance, lastVariance, lastResidual, logLikelihood, residuals };
}

export const fhsModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: 'filtered historical simulation: GARCH(1,1) per asset, bootstrap of standardised residual vectors',
  capabilities: CAPABILITIES,
  parameters: PARAMETERS,

  minObservations: () => MIN_OBSERVATIONS,

  async fit(returns: ReturnsMatrix, p: FhsParams, context: FitContext): Promise<ScenarioModel> {
    const fitted = fitArrays(returns, context);
    const fitInfo = fitInfoFor(returns);
    return new FhsModel(undefined, [...returns.symbols], p, fitInfo, fitted);
  },

  async load(dir: string): Promise<ScenarioModel> {
    const stored = await readStoredModel(dir, NAME, (raw) => fhsModel.resolveParams(raw));
    const symbols = stored.meta.symbols;
    const n = symbols.length;
    const nRows = stored.fitInfo.nObservations;
    const arr = (key: string, length = n): Float64Array => storedArray(dir, stored, key, length);
    const fitted: FhsArrays = {
      mean: arr('mean'),
      omega: arr('omega'),
      alpha: arr('alpha'),
      beta: arr('beta'),
      initialVariance: arr('initialVariance'),
      lastVariance: arr('lastVariance'),
      lastResidual: arr('lastResidual'),
      logLikelihood: arr('logLikelihood'),
      residuals: arr('residuals', nRows * n),
    };
    for (let a = 0; a < n; a++) {
      const { omega, alpha, beta, lastVariance } = fitted;
      if (!(omega[a] > 0 && alpha[a] >= 0 && beta[a] >= 0 && alpha[a] + beta[a] < 1 && lastVariance[a] > 0)) {
        throw new InputError(
          `GARCH parameters of ${symbols[a]} are outside ω > 0, α ≥ 0, β ≥ 0, α + β < 1 (or σ²_T ≤ 0); the model is corrupt`,
          { file: dir },
        );
      }
    }
    return new FhsModel(stored.meta.id, [...symbols], stored.params, stored.fitInfo, fitted);
  },
});

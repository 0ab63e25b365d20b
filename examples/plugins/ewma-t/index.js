// @ts-check
/**
 * `ewma-t`, an example tailforge model plugin: RiskMetrics exponentially
 * weighted covariance with multivariate Student-t innovations. The
 * covariance follows the latest weeks (λ = 0.94: a day's weight halves in
 * 11 days), the t innovations give fat tails and joint extremes.
 *
 *   tailforge run --plugin examples/plugins/ewma-t --model ewma-t --model-param dof=4 ...
 */
import { cholesky, defineModel, fitIdentity, InputError, readFittedModel, saveFittedModel } from '@tailforge/core';
import { ewmaCovariance } from './ewma.js';
import { studentTPaths } from './paths.js';

const NAME = 'ewma-t';
const CAPABILITIES = { conditional: false, tailSampling: false, needsTensorflow: false };

/** A fitted model: the forecast covariance Σ_{T+1} of the symbols and the t's degrees of freedom. */
class EwmaTModel {
  /**
   * @param {import('@tailforge/core').FitIdentity<{ lambda: number, dof: number }>} identity id, symbols, params, fitInfo
   * @param {Float64Array} covariance Σ_{T+1}, A × A row-major
   */
  constructor(identity, covariance) {
    this.name = NAME;
    this.capabilities = CAPABILITIES;
    this.id = identity.id;
    this.symbols = identity.symbols;
    this.params = identity.params;
    this.fitInfo = identity.fitInfo;
    this.covariance = covariance;
    try {
      this.chol = cholesky(covariance, this.symbols.length);
    } catch {
      throw new InputError(`model ${NAME}: the EWMA covariance of ${this.symbols.join(', ')} is singular (a constant or collinear symbol)`);
    }
  }

  /** @param {import('@tailforge/core').SampleRequest} request */
  async sample({ nPaths, horizon, seed, firstPath = 0 }) {
    const out = new Float32Array(nPaths * horizon * this.symbols.length);
    studentTPaths(this.chol, this.params.dof, this.symbols.length, out, nPaths, horizon, seed, firstPath);
    return out;
  }

  /** @param {string} dir */
  save(dir) {
    return saveFittedModel(dir, this, { covariance: this.covariance });
  }
}

const ewmaT = defineModel({
  contractVersion: 1,
  name: NAME,
  description: 'RiskMetrics EWMA covariance (decay λ) with multivariate Student-t innovations (ν), zero mean',
  parameters: {
    lambda: {
      type: 'number', default: 0.94, min: 0.5, max: 1, exclusiveMax: true,
      description: 'EWMA decay λ: Σ_{t+1} = λ Σ_t + (1 − λ) r_t r_tᵀ (RiskMetrics daily: 0.94)',
    },
    dof: {
      type: 'number', default: 6, min: 2, exclusiveMin: true, max: 1000,
      description: 'degrees of freedom ν of the t innovations (smaller: fatter tails)',
    },
  },
  capabilities: CAPABILITIES,
  // Enough days for the EWMA's start to weigh below 1%: λ^T < 0.01 (75 days at λ = 0.94).
  minObservations: ({ lambda }) => Math.max(30, Math.ceil(Math.log(0.01) / Math.log(lambda))),

  async fit(returns, params) {
    const cov = ewmaCovariance(returns.values, returns.dates.length, returns.symbols.length, params.lambda);
    return new EwmaTModel(fitIdentity(NAME, params, returns, { covariance: cov }), cov);
  },

  async load(dir) {
    const saved = await readFittedModel(dir, ewmaT);
    const n = saved.symbols.length;
    return new EwmaTModel(saved, saved.array('covariance', n * n));
  },
});

export default ewmaT;

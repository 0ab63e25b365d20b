import type { ReturnsMatrix } from '../../market/types.js';
import { fitInfoFor } from '../common/fit-input.js';
import { modelId } from '../common/model-id.js';
import { modelContent, saveModel, type SavedParts } from '../common/model-meta.js';
import type { ParamValue } from '../common/params.js';
import { readStoredModel, storedArray } from '../common/read-model.js';
import { checkSampleRequest } from '../common/sample-request.js';
import { defineModel, MODEL_CONTRACT_VERSION } from '../contract/define-model.js';
import type { FitInfo, ModelCapabilities, SampleRequest, ScenarioModel } from '../model.js';
import { stationaryBootstrapPaths } from './stationary-bootstrap.js';

/**
 * `bootstrap`: the stationary block bootstrap of Politis & Romano (1994),
 * "The Stationary Bootstrap", JASA 89(428), 1303–1313.
 *
 * Paths are stitched from blocks of consecutive historical days whose lengths
 * are geometric with mean `blockLength`. Resampling whole rows (every asset's
 * return on the same day) keeps cross-asset dependence, including its changes
 * in crises; keeping days together in blocks keeps short-range serial
 * dependence such as volatility clustering. Random block lengths (rather than
 * fixed ones) make the resampled series stationary. It can only replay
 * returns that happened: no day worse than the worst in the data.
 */

const NAME = 'bootstrap';
const CAPABILITIES: ModelCapabilities = { conditional: false, tailSampling: false, needsTensorflow: false };
const PARAMETERS = {
  blockLength: {
    type: 'number',
    default: 5,
    min: 1,
    description: 'mean block length in days (a block ends each day with probability 1/blockLength); >= 1, 1 = plain iid bootstrap',
  },
} as const;

type BootstrapParams = {
  readonly blockLength: number;
};

/** At least 20 days, and at least two mean blocks so a path is not one replayed stretch of history. */
function minObservationsFor(p: BootstrapParams): number {
  return Math.max(20, Math.ceil(2 * p.blockLength));
}

class BootstrapModel implements ScenarioModel {
  readonly name = NAME;
  readonly capabilities = CAPABILITIES;
  readonly params: Readonly<Record<string, ParamValue>>;
  private readonly nRows: number;
  /** The returns as float32, copied into paths row by row. */
  private readonly rows32: Float32Array;
  #id: string | undefined;

  constructor(
    /** The id read from a checked model directory; computed from the content when absent. */
    knownId: string | undefined,
    readonly symbols: readonly string[],
    private readonly p: BootstrapParams,
    readonly fitInfo: FitInfo,
    /** T × A historical log returns, row-major. */
    private readonly returns: Float64Array,
  ) {
    this.params = { blockLength: p.blockLength };
    this.nRows = returns.length / symbols.length;
    this.rows32 = Float32Array.from(returns);
    this.#id = knownId;
  }

  /** Hash of the model's content (see modelId). */
  get id(): string {
    return (this.#id ??= modelId(modelContent(this, this.parts())));
  }

  private parts(): SavedParts {
    return { extra: { nRows: this.nRows }, arrays: { returns: this.returns } };
  }

  async sample(request: SampleRequest): Promise<Float32Array> {
    const { nPaths, horizon, seed, firstPath } = checkSampleRequest(this, request);
    const nAssets = this.symbols.length;
    const out = new Float32Array(nPaths * horizon * nAssets);
    stationaryBootstrapPaths(this.rows32, this.nRows, nAssets, 1 / this.p.blockLength, out, nPaths, horizon, seed, firstPath);
    return out;
  }

  async save(dir: string): Promise<void> {
    await saveModel(dir, this, this.parts());
  }
}

export const bootstrapModel = defineModel({
  contractVersion: MODEL_CONTRACT_VERSION,
  name: NAME,
  description: 'stationary block bootstrap of historical daily return vectors (Politis & Romano 1994)',
  capabilities: CAPABILITIES,
  parameters: PARAMETERS,
  minObservations: minObservationsFor,

  async fit(returns: ReturnsMatrix, p: BootstrapParams): Promise<ScenarioModel> {
    const fitInfo = fitInfoFor(returns);
    return new BootstrapModel(undefined, [...returns.symbols], p, fitInfo, Float64Array.from(returns.values));
  },

  async load(dir: string): Promise<ScenarioModel> {
    const stored = await readStoredModel(dir, NAME, (raw) => bootstrapModel.resolveParams(raw));
    const symbols = stored.meta.symbols;
    const nRows = stored.fitInfo.nObservations;
    const returns = storedArray(dir, stored, 'returns', nRows * symbols.length);
    return new BootstrapModel(stored.meta.id, [...symbols], stored.params, stored.fitInfo, returns);
  },
});

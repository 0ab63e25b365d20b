import {
  defineModel,
  fitIdentity,
  readFittedModel,
  Rng,
  saveFittedModel,
  type DefinedModel,
  type FitIdentity,
  type ModelCapabilities,
  type SampleRequest,
  type ScenarioModel,
} from '../../src/index.js';

/** Defects a toy model can be given, to show the conformance kit catches them. */
export interface ToyDefects {
  /** Path p draws from stream (seed, p) instead of (seed, firstPath + p): chunked ≠ one-shot. */
  readonly ignoreFirstPath?: boolean;
  /** Every seed draws the same paths. */
  readonly ignoreSeed?: boolean;
  /** load doubles the saved scale: reloaded samples differ. */
  readonly loadDoubles?: boolean;
  /** Declares itself conditional but exposes no defaultState. */
  readonly conditional?: boolean;
  /** Reports a fit warning that is not a well-formed finding. */
  readonly badWarnings?: boolean;
}

const PARAMETERS = { scale: { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'multiplies each asset\'s sample standard deviation' } } as const;

/**
 * `name`: i.i.d. normal daily returns with each asset's sample standard
 * deviation (times `scale`), independent assets. Small and exact enough for
 * testing the contract machinery, with optional defects.
 */
export function toyModel(name: string, defects: ToyDefects = {}): DefinedModel<typeof PARAMETERS> {
  const capabilities: ModelCapabilities = { conditional: defects.conditional === true, tailSampling: false, needsTensorflow: false };
  class Toy implements ScenarioModel {
    readonly name = name;
    readonly capabilities = capabilities;
    readonly id: string;
    readonly symbols: readonly string[];
    readonly params: { readonly scale: number };
    readonly fitInfo: FitIdentity<{ scale: number }>['fitInfo'];
    /** A true private field: must work through the checked model's proxy. */
    readonly #sd: Float64Array;
    constructor(identity: FitIdentity<{ readonly scale: number }>, sd: Float64Array) {
      this.id = identity.id;
      this.symbols = identity.symbols;
      this.params = identity.params;
      this.fitInfo = defects.badWarnings
        ? { ...identity.fitInfo, warnings: [{ code: 'Too Wide', severity: 'alarm', message: 'scale is large' } as never] }
        : identity.fitInfo;
      this.#sd = sd;
    }
    sd(): Float64Array {
      return this.#sd;
    }
    async sample(r: SampleRequest): Promise<Float32Array> {
      const A = this.symbols.length;
      const out = new Float32Array(r.nPaths * r.horizon * A);
      let o = 0;
      for (let p = 0; p < r.nPaths; p++) {
        const rng = Rng.forStream(defects.ignoreSeed ? 0 : r.seed, defects.ignoreFirstPath ? p : (r.firstPath ?? 0) + p);
        for (let i = 0; i < r.horizon * A; i++) out[o++] = this.#sd[i % A] * rng.normal();
      }
      return out;
    }
    save(dir: string): Promise<void> {
      return saveFittedModel(dir, this, { sd: this.#sd });
    }
  }
  const factory: DefinedModel<typeof PARAMETERS> = defineModel({
    contractVersion: 1,
    name,
    description: `toy model ${name}`,
    parameters: PARAMETERS,
    capabilities,
    minObservations: () => 10,
    async fit(returns, params) {
      const A = returns.symbols.length;
      const T = returns.dates.length;
      const sd = new Float64Array(A);
      for (let a = 0; a < A; a++) {
        let s = 0;
        let s2 = 0;
        for (let t = 0; t < T; t++) {
          s += returns.values[t * A + a];
          s2 += returns.values[t * A + a] ** 2;
        }
        sd[a] = params.scale * Math.sqrt((s2 - (s * s) / T) / (T - 1));
      }
      return new Toy(fitIdentity(name, params, returns, { sd }), sd);
    },
    async load(dir) {
      const saved = await readFittedModel(dir, factory);
      const sd = saved.array('sd', saved.symbols.length);
      if (defects.loadDoubles) for (let a = 0; a < sd.length; a++) sd[a] *= 2;
      return new Toy(saved, sd);
    },
  });
  return factory;
}

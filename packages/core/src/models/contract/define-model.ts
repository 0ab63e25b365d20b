import { ModelError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { checkFitInput } from '../common/fit-input.js';
import type { FitContext, ModelCapabilities, ModelFactory, RawParams, RefitContext, ScenarioModel } from '../model.js';
import { modelLabel } from '../registry.js';
import { checkedModel } from './checked-model.js';
import { checkParamSchema, resolveParams, type ParamSchema, type ParamsOf } from './param-schema.js';

/**
 * The public, versioned model contract. Every model, built in or from a
 * plugin, is declared through {@link defineModel}; the factory it returns is
 * what the registry, the runner and the scenario generator use.
 *
 * Version history:
 *   1: name, description, parameter schema, capabilities, minObservations,
 *      fit, load; fitted models implement ScenarioModel. Optional additions
 *      (no version change): `refit` with `capabilities.warmStart`, and a
 *      fitted conditional model's `stateAt`.
 *
 * A plugin states the version it was written for as a literal
 * (`contractVersion: 1`); a version this tailforge does not implement is a
 * ModelError at load time rather than a confusing failure later.
 */
export const MODEL_CONTRACT_VERSION = 1;

/** What a model declares. `P` are its resolved parameters, typed from the schema. */
export interface ModelDefinition<S extends ParamSchema> {
  /** The contract version the model was written for: {@link MODEL_CONTRACT_VERSION} when it was written. */
  readonly contractVersion: number;
  /** Registry name: lower-case letters, digits and dashes. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  readonly parameters: S;
  readonly capabilities: ModelCapabilities;
  /** Fewest daily returns a fit accepts with these parameters (a positive whole number). */
  minObservations(params: ParamsOf<S>): number;
  /**
   * Rules across parameters that the schema cannot state (e.g. `stateWindow
   * <= window`); throws InputError (see `paramError`). Optional.
   */
  check?(params: ParamsOf<S>): void;
  /**
   * Fits on returns that already passed the common checks (at least
   * minObservations rows, every value finite). Returns a ScenarioModel for
   * exactly `returns.symbols`, named `name`.
   */
  fit(returns: ReturnsMatrix, params: ParamsOf<S>, context: FitContext): Promise<ScenarioModel>;
  /** Restores a model written by its `save`. */
  load(dir: string): Promise<ScenarioModel>;
  /**
   * Optional warm refit (declare `capabilities.warmStart: true`): continue
   * from `previous`, a model this definition fitted (or refitted) on the same
   * symbols and parameters, for a few passes on `returns` (which passed the
   * same checks as for `fit`). Returns a ScenarioModel for `returns.symbols`.
   */
  refit?(previous: ScenarioModel, returns: ReturnsMatrix, params: ParamsOf<S>, context: RefitContext): Promise<ScenarioModel>;
}

/** The registry's factory for a defined model, with its typed parameter resolver. */
export interface DefinedModel<S extends ParamSchema = ParamSchema> extends ModelFactory {
  readonly contractVersion: number;
  readonly parameters: S;
  resolveParams(params: RawParams): ParamsOf<S>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** A ModelError unless `def` is a well-formed definition for this contract version. */
function checkDefinition(def: ModelDefinition<ParamSchema>): void {
  if (def === null || typeof def !== 'object') throw new ModelError('defineModel expects an object describing the model');
  const name = typeof def.name === 'string' ? def.name : String(def.name);
  if (!NAME.test(name)) throw new ModelError(`model name "${name}" must be lower-case letters, digits and dashes`);
  const v = def.contractVersion;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ModelError(`model "${name}" declares no contractVersion (a whole number); this tailforge implements model contract version ${MODEL_CONTRACT_VERSION}`);
  }
  if (v !== MODEL_CONTRACT_VERSION) {
    const fix = v > MODEL_CONTRACT_VERSION ? 'it needs a newer tailforge' : 'the model must be updated to the current contract';
    throw new ModelError(`model "${name}" was written for model contract version ${v}; this tailforge implements version ${MODEL_CONTRACT_VERSION} (${fix})`);
  }
  if (typeof def.description !== 'string' || def.description.trim() === '') throw new ModelError(`model "${name}" needs a description (one line)`);
  const c = def.capabilities as unknown as Record<string, unknown> | undefined;
  if (c === null || typeof c !== 'object') throw new ModelError(`model "${name}" needs capabilities {conditional, tailSampling, needsTensorflow}`);
  for (const k of ['conditional', 'tailSampling', 'needsTensorflow'] as const) {
    if (typeof c[k] !== 'boolean') throw new ModelError(`model "${name}": capabilities.${k} must be true or false`);
  }
  for (const k of ['weights', 'warmStart'] as const) {
    if (c[k] !== undefined && typeof c[k] !== 'boolean') throw new ModelError(`model "${name}": capabilities.${k} must be true or false`);
  }
  if ((c.warmStart === true) !== (typeof def.refit === 'function')) {
    throw new ModelError(`model "${name}": capabilities.warmStart and a refit function go together (declare both or neither)`);
  }
  for (const k of ['minObservations', 'fit', 'load'] as const) {
    if (typeof def[k] !== 'function') throw new ModelError(`model "${name}" needs a ${k} function`);
  }
  if (def.check !== undefined && typeof def.check !== 'function') throw new ModelError(`model "${name}": check must be a function`);
  checkParamSchema(name, def.parameters);
}

/**
 * Declares a model: checks the declaration (ModelError on a mistake or an
 * incompatible contract version) and returns the factory to register. The
 * factory does centrally what every model needs:
 *
 * - parameters resolved from the schema (defaults, types, ranges; unknown
 *   names refused with the known ones), then the model's own `check`;
 * - fitting data checked (enough rows for minObservations, finite values)
 *   before the model's `fit` sees it;
 * - the fitted or loaded model checked (name, symbols, capabilities, methods)
 *   and its `sample` guarded: requests are validated (a state only for a
 *   conditional model) and output of the wrong size or with NaN / ±Infinity
 *   is a ModelError naming the model (and its plugin), path, day and asset.
 */
export function defineModel<const S extends ParamSchema>(def: ModelDefinition<S>): DefinedModel<S> {
  checkDefinition(def as unknown as ModelDefinition<ParamSchema>);
  const { name, parameters } = def;
  const capabilities: ModelCapabilities = Object.freeze({ ...def.capabilities });

  const resolve = (raw: RawParams): ParamsOf<S> => {
    if (raw === null || typeof raw !== 'object') throw new ModelError(`${modelLabel(name)}: parameters must be an object`);
    const params = Object.freeze(resolveParams(name, parameters, raw)) as ParamsOf<S>;
    def.check?.(params);
    return params;
  };
  const minObservations = (params: ParamsOf<S>): number => {
    const n = def.minObservations(params);
    if (!Number.isSafeInteger(n) || n < 1) throw new ModelError(`${modelLabel(name)}: minObservations returned ${String(n)}, not a whole number >= 1`);
    return n;
  };

  return {
    contractVersion: def.contractVersion,
    name,
    description: def.description,
    capabilities,
    parameters,
    resolveParams: resolve,
    minObservations: (raw: RawParams) => minObservations(resolve(raw)),
    async fit(returns: ReturnsMatrix, raw: RawParams, context: FitContext): Promise<ScenarioModel> {
      const params = resolve(raw);
      checkFitInput(name, returns, minObservations(params));
      const model = await def.fit(returns, params, context ?? { seed: 1 });
      return checkedModel(model, { name, capabilities, symbols: returns.symbols, from: 'fit' });
    },
    async load(dir: string): Promise<ScenarioModel> {
      const model = await def.load(dir);
      return checkedModel(model, { name, capabilities, from: 'load' });
    },
    ...(def.refit !== undefined
      ? {
          async refit(previous: ScenarioModel, returns: ReturnsMatrix, raw: RawParams, context: RefitContext): Promise<ScenarioModel> {
            const params = resolve(raw);
            checkFitInput(name, returns, minObservations(params));
            if (previous?.name !== name) throw new ModelError(`${modelLabel(name)}: refit needs a previous ${name} model, got ${previous?.name ?? 'none'}`);
            const e = context?.epochs;
            if (e !== undefined && !(Number.isSafeInteger(e) && e >= 1)) throw new ModelError(`${modelLabel(name)}: refit epochs must be a whole number >= 1, got ${String(e)}`);
            const model = await def.refit!(previous, returns, params, context ?? { seed: 1 });
            return checkedModel(model, { name, capabilities, symbols: returns.symbols, from: 'fit' });
          },
        }
      : {}),
  };
}

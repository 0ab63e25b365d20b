import { ModelError } from '../../errors.js';
import { findingsProblem } from '../../guard/finding.js';
import { checkSampleRequest } from '../common/sample-request.js';
import type { ModelCapabilities, SampleRequest, ScenarioModel } from '../model.js';
import { modelLabel } from '../registry.js';

interface Expected {
  readonly name: string;
  readonly capabilities: ModelCapabilities;
  /** The symbols a fit was given (a loaded model brings its own). */
  readonly symbols?: readonly string[];
  readonly from: 'fit' | 'load';
}

const FLAGS = ['conditional', 'tailSampling', 'needsTensorflow'] as const;

/** Index of the first NaN or ±Infinity, or −1. (x − x is 0 for finite x and NaN otherwise.) */
function firstNonFinite(v: Float32Array): number {
  for (let i = 0; i < v.length; i++) if (v[i] - v[i] !== 0) return i;
  return -1;
}

/**
 * Checks what a model's fit or load returned against the contract and
 * returns it with a guarded `sample` (see defineModel). The model itself is
 * not copied: a Proxy forwards everything else to it, bound to the model, so
 * model-specific methods (a cgan's tail sampling) and `instanceof` keep working.
 */
export function checkedModel(model: ScenarioModel, expected: Expected): ScenarioModel {
  const label = modelLabel(expected.name);
  const bad = (why: string): ModelError => new ModelError(`${label}: ${expected.from} returned ${why}`);
  if (model === null || typeof model !== 'object') throw bad(`${model === null ? 'null' : typeof model}, not a fitted model (an object with sample and save)`);
  if (model.name !== expected.name) throw bad(`a model named ${JSON.stringify(model.name)}`);
  if (typeof model.id !== 'string' || model.id === '') throw bad('a model without an id (a non-empty string)');
  const symbols = model.symbols;
  if (!Array.isArray(symbols) || symbols.length === 0 || !symbols.every((s) => typeof s === 'string')) {
    throw bad('a model without symbols (a non-empty list of strings)');
  }
  if (expected.symbols !== undefined && (symbols.length !== expected.symbols.length || symbols.some((s, i) => s !== expected.symbols![i]))) {
    throw bad(`a model of ${symbols.length} symbols (${symbols.slice(0, 5).join(', ')}${symbols.length > 5 ? ', ...' : ''}), not the ${expected.symbols.length} it was fitted on`);
  }
  for (const k of FLAGS) {
    if (model.capabilities?.[k] !== expected.capabilities[k]) {
      throw bad(`a model whose capabilities.${k} is ${String(model.capabilities?.[k])}; the model declares ${String(expected.capabilities[k])}`);
    }
  }
  for (const k of ['sample', 'save'] as const) {
    if (typeof model[k] !== 'function') throw bad(`a model without a ${k} method`);
  }
  if (model.params === null || typeof model.params !== 'object') throw bad('a model without params (its resolved parameters)');
  if (model.fitInfo === null || typeof model.fitInfo !== 'object') throw bad('a model without fitInfo');
  if (model.fitInfo.warnings !== undefined) {
    const problem = findingsProblem(model.fitInfo.warnings);
    if (problem !== undefined) throw bad(`malformed fitInfo.warnings (${problem}); each is {code, severity: info|warn|error, message, symbol?, dates?, details?}`);
  }

  const sample = async (request: SampleRequest): Promise<Float32Array> => {
    const { nPaths, horizon } = checkSampleRequest(model, request);
    const nAssets = symbols.length;
    const out = await model.sample(request);
    const expectedLength = nPaths * horizon * nAssets;
    if (!(out instanceof Float32Array) || out.length !== expectedLength) {
      const got = out instanceof Float32Array ? `${out.length} values` : `${out === null ? 'null' : typeof out === 'object' ? (out as object).constructor?.name ?? 'an object' : typeof out}, not a Float32Array`;
      throw new ModelError(`${label}: sample returned ${got} for ${nPaths} paths × ${horizon} days × ${nAssets} assets (expected ${expectedLength} values)`);
    }
    const i = firstNonFinite(out);
    if (i >= 0) {
      const step = horizon * nAssets;
      const path = (request.firstPath ?? 0) + Math.floor(i / step);
      throw new ModelError(
        `${label}: sample produced a non-finite return (${out[i]}) on path ${path}, day ${Math.floor((i % step) / nAssets) + 1}, asset ${symbols[i % nAssets]}`,
      );
    }
    return out;
  };

  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(model, {
    get(target, prop) {
      if (prop === 'sample') return sample;
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function' || prop === 'constructor') return v;
      let f = bound.get(prop);
      if (f === undefined) {
        f = (v as (...args: unknown[]) => unknown).bind(target);
        bound.set(prop, f);
      }
      return f;
    },
  });
}

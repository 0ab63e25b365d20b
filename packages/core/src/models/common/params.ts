import { InputError } from '../../errors.js';
import type { ModelFactory, RawParams } from '../model.js';

export type ParamValue = number | string | boolean;
export type ParamTable = ModelFactory['parameters'];

/**
 * Resolves user-given parameters against a model's parameter table: unknown
 * names are errors, missing ones take their default, and strings (as they come
 * from `--model-param k=v`) are converted to the type of the default.
 */
export function resolveParams(model: string, table: ParamTable, raw: RawParams): Record<string, ParamValue> {
  const known = Object.keys(table);
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(table, name)) {
      throw new InputError(`model ${model} has no parameter "${name}"; its parameters are: ${known.join(', ')}`);
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const name of known) {
    const given = raw[name];
    const fallback = table[name].default;
    out[name] = given === undefined ? fallback : coerce(model, name, given, fallback);
  }
  return out;
}

/** The InputError for a parameter value outside what the model accepts. */
export function paramError(model: string, name: string, value: unknown, expected: string): InputError {
  return new InputError(`model ${model}: parameter ${name} must be ${expected}, got ${JSON.stringify(value)}`);
}

function coerce(model: string, name: string, value: ParamValue, fallback: ParamValue): ParamValue {
  if (typeof fallback === 'number') {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    throw paramError(model, name, value, 'a finite number');
  }
  if (typeof fallback === 'boolean') {
    if (typeof value === 'boolean') return value;
    const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw paramError(model, name, value, 'true or false');
  }
  if (typeof value === 'string') return value;
  throw paramError(model, name, value, 'a string');
}

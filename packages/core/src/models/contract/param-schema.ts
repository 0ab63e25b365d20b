import { InputError, ModelError } from '../../errors.js';
import type { ModelParameter, ParamType, RawParams } from '../model.js';

/**
 * Model parameter schemas: what a model declares about each parameter, and
 * the one place where user values (`--model-param k=v`, a batch config's
 * `modelParams`, a saved model's model.json) are typed and checked against it.
 */

export type ParamValue = number | string | boolean;

interface SpecBase {
  readonly description: string;
}
export interface NumberParamSpec extends SpecBase {
  readonly type: 'number';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
}
export interface IntegerParamSpec extends SpecBase {
  readonly type: 'integer';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
}
export interface StringParamSpec extends SpecBase {
  readonly type: 'string';
  readonly default: string;
}
export interface BooleanParamSpec extends SpecBase {
  readonly type: 'boolean';
  readonly default: boolean;
}
export interface EnumParamSpec<V extends string = string> extends SpecBase {
  readonly type: 'enum';
  readonly default: V;
  readonly values: readonly V[];
}
export type ParamSpec = NumberParamSpec | IntegerParamSpec | StringParamSpec | BooleanParamSpec | EnumParamSpec;
export type ParamSchema = Readonly<Record<string, ParamSpec>>;

type ValueOf<P> = P extends { readonly type: 'boolean' }
  ? boolean
  : P extends { readonly type: 'number' | 'integer' }
    ? number
    : P extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : string;

/** The resolved parameters a schema describes, e.g. `{ lambda: number; heavyTail: 'lambertw' | 'none' }`. */
export type ParamsOf<S extends ParamSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };

const TYPES: readonly ParamType[] = ['number', 'integer', 'string', 'boolean', 'enum'];
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `a`, `a or b`, `a, b or c`. */
function orList(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** What a parameter accepts, in words: `a number in (0, 1)`, `a whole number from 1 to 250`, `lambertw or none`. */
export function describeParam(spec: ModelParameter): string {
  const type = spec.type ?? inferType(spec.default);
  const { min, max } = spec;
  if (type === 'number') {
    const lo = spec.exclusiveMin ? '(' : '[';
    const hi = spec.exclusiveMax ? ')' : ']';
    if (min !== undefined && max !== undefined) return `a number in ${lo}${min}, ${max}${hi}`;
    if (min !== undefined) return `a number ${spec.exclusiveMin ? '>' : '>='} ${min}`;
    if (max !== undefined) return `a number ${spec.exclusiveMax ? '<' : '<='} ${max}`;
    return 'a finite number';
  }
  if (type === 'integer') {
    if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`;
    if (min !== undefined) return `a whole number >= ${min}`;
    if (max !== undefined) return `a whole number <= ${max}`;
    return 'a whole number';
  }
  if (type === 'boolean') return 'true or false';
  if (type === 'enum') return orList(spec.values ?? []);
  return 'a string';
}

/** The type of a parameter declared without one (factories older than the schema): from its default. */
export function inferType(value: ParamValue): ParamType {
  return typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
}

/** The InputError for a parameter value outside what the model accepts. */
export function paramError(model: string, name: string, value: unknown, expected: string): InputError {
  return new InputError(`model ${model}: parameter ${name} must be ${expected}, got ${JSON.stringify(value)}`);
}

/**
 * One value typed and checked against its declaration. Strings are converted
 * (that is how `--model-param k=v` arrives); a number or true/false given for
 * a string parameter is taken as its text, since the command line types
 * `k=10` as a number before the schema is known.
 */
export function coerceParam(model: string, name: string, spec: ModelParameter, value: ParamValue): ParamValue {
  const type = spec.type ?? inferType(spec.default);
  if (type === 'number' || type === 'integer') {
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && value.trim() !== '') n = Number(value);
    else n = NaN;
    if (!Number.isFinite(n)) throw paramError(model, name, value, type === 'integer' ? 'a whole number' : 'a finite number');
    const { min, max } = spec;
    const outside =
      (type === 'integer' && !Number.isInteger(n)) ||
      (min !== undefined && (spec.exclusiveMin ? !(n > min) : !(n >= min))) ||
      (max !== undefined && (spec.exclusiveMax ? !(n < max) : !(n <= max)));
    if (outside) throw paramError(model, name, value, describeParam(spec));
    return n;
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw paramError(model, name, value, 'true or false');
  }
  const s = String(value);
  if (type === 'enum' && !(spec.values ?? []).includes(s)) throw paramError(model, name, value, describeParam(spec));
  return s;
}

/**
 * Resolves user parameters against a model's declared parameters: unknown
 * names are errors listing the known ones, missing ones take their default,
 * given ones are typed and range-checked ({@link coerceParam}).
 */
export function resolveParams(model: string, table: Readonly<Record<string, ModelParameter>>, raw: RawParams): Record<string, ParamValue> {
  const known = Object.keys(table);
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(table, name)) {
      throw new InputError(
        `model ${model} has no parameter "${name}"; ${known.length > 0 ? `its parameters are: ${known.join(', ')}` : 'it takes no parameters'}`,
      );
    }
  }
  const out: Record<string, ParamValue> = {};
  for (const name of known) {
    const given = raw[name];
    out[name] = given === undefined ? table[name].default : coerceParam(model, name, table[name], given);
  }
  return out;
}

/**
 * Checks a schema as a model declares it (a plugin author's mistakes):
 * names, types, descriptions, enum values, ranges, and that each default is
 * itself an allowed value. ModelError naming the model and parameter.
 */
export function checkParamSchema(model: string, schema: unknown): asserts schema is ParamSchema {
  const bad = (why: string): ModelError => new ModelError(`model "${model}" declares its parameters wrongly: ${why}`);
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw bad('parameters must be an object of name → {type, default, description}');
  for (const [name, spec] of Object.entries(schema as Record<string, unknown>)) {
    if (!PARAM_NAME.test(name)) throw bad(`parameter name "${name}" must be letters, digits and _ (starting with a letter)`);
    if (spec === null || typeof spec !== 'object') throw bad(`${name} must be an object {type, default, description}`);
    const s = spec as Record<string, unknown>;
    if (!TYPES.includes(s.type as ParamType)) throw bad(`${name}.type must be one of ${TYPES.join(', ')}, got ${JSON.stringify(s.type)}`);
    if (typeof s.description !== 'string' || s.description.trim() === '') throw bad(`${name}.description must be a non-empty string`);
    if (s.type === 'enum') {
      const values = s.values;
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) {
        throw bad(`${name}.values must be a non-empty list of strings`);
      }
    }
    for (const k of ['min', 'max'] as const) {
      if (s[k] !== undefined && (s.type !== 'number' && s.type !== 'integer')) throw bad(`${name}.${k} is only for number and integer parameters`);
      if (s[k] !== undefined && !(typeof s[k] === 'number' && Number.isFinite(s[k]))) throw bad(`${name}.${k} must be a finite number`);
    }
    if (typeof s.min === 'number' && typeof s.max === 'number' && s.min > s.max) throw bad(`${name}.min (${s.min}) is above ${name}.max (${s.max})`);
    const expectedDefault = s.type === 'boolean' ? 'boolean' : s.type === 'number' || s.type === 'integer' ? 'number' : 'string';
    if (typeof s.default !== expectedDefault) throw bad(`${name}.default must be a ${expectedDefault} for a ${String(s.type)} parameter, got ${JSON.stringify(s.default)}`);
    try {
      coerceParam(model, name, spec as ParamSpec, s.default as ParamValue);
    } catch (e) {
      throw bad(`the default of ${name} is not an allowed value (${(e as Error).message})`);
    }
  }
}

/**
 * A schema from a table of defaults and descriptions plus the types that
 * cannot be read off a default (integers, enums, ranges); the rest are
 * inferred (number, boolean, string). For models whose parameter table
 * predates the schema.
 */
export function withParamTypes(
  table: Readonly<Record<string, { readonly default: ParamValue; readonly description: string }>>,
  types: Readonly<Record<string, Partial<Omit<ModelParameter, 'default' | 'description'>>>>,
): ParamSchema {
  const out: Record<string, ParamSpec> = {};
  for (const [name, p] of Object.entries(table)) {
    out[name] = { type: inferType(p.default), ...p, ...(types[name] ?? {}) } as ParamSpec;
  }
  return out;
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TailforgeError } from '../errors.js';
import type { ReturnsMatrix } from '../market/types.js';
import { findingsProblem } from '../guard/finding.js';
import { MODEL_CONTRACT_VERSION } from '../models/contract/define-model.js';
import type { ModelFactory, RawParams, SampleRequest, ScenarioModel } from '../models/model.js';
import { conformanceReturns } from './conformance-data.js';

/**
 * The model conformance kit: runs a model through the contract on real data
 * and says, check by check, what holds. Used by `tailforge check-model`, by
 * the built-in models' tests and by a plugin's own test suite.
 */

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface ConformanceCheck {
  readonly name: string;
  readonly status: CheckStatus;
  /** Wall time of the check in milliseconds. */
  readonly ms: number;
  /** What was found: the numbers on a pass, what is wrong on a failure, why it was skipped. */
  readonly detail: string;
}

export interface ConformanceReport {
  readonly model: string;
  readonly contractVersion: number;
  readonly data: { readonly symbols: readonly string[]; readonly observations: number; readonly firstDate: string; readonly lastDate: string };
  readonly request: { readonly paths: number; readonly horizon: number; readonly seed: number };
  readonly checks: readonly ConformanceCheck[];
  readonly passed: boolean;
  readonly failures: readonly ConformanceCheck[];
  readonly totalMs: number;
}

export interface ConformanceOptions {
  /** Model parameters for every fit (e.g. tiny settings for a slow model). */
  readonly params?: RawParams;
  /** Returns to fit on; default: {@link conformanceReturns} of `prices` / `symbols` / `observations`. */
  readonly returns?: ReturnsMatrix;
  /** A prices CSV instead of the shipped Dow Jones file. */
  readonly prices?: string;
  /** Symbols of the prices to use (default AA, IBM, KO, MSFT). */
  readonly symbols?: readonly string[];
  /** Daily returns to fit on (default: the larger of 300 and minObservations + 20, the latest ones). */
  readonly observations?: number;
  /** Check this saved model (its `load`) instead of fitting one; the data checks still fit. */
  readonly modelDir?: string;
  /** Paths per sample (default 40) and their length in days (default 6). */
  readonly paths?: number;
  readonly horizon?: number;
  /** Seed of the sample checks (default 7; the different-seed check uses seed + 1). */
  readonly seed?: number;
}

/** A failed expectation inside a check: its message is the check's detail. */
class CheckFailure extends Error {}

function expect(cond: boolean, message: string): asserts cond {
  if (!cond) throw new CheckFailure(message);
}

/** An error a user's input explains (exit code 2), recognised across copies of core by name too. */
function isUsageError(e: unknown): e is Error {
  return e instanceof TailforgeError ? e.exitCode === 2 : e instanceof Error && ['InputError', 'ModelError'].includes(e.name);
}
function isInputError(e: unknown): e is Error {
  return e instanceof Error && e.name === 'InputError';
}

/** Index of the first position where two arrays differ (by value, NaN never equal), or −1 when equal. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function countNonFinite(v: Float32Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] - v[i] !== 0) n++;
  return n;
}

async function rejects(p: () => Promise<unknown>): Promise<unknown> {
  try {
    await p();
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * A value the parameter's declaration refuses: just outside its range when
 * it has one, else of the wrong type; undefined for a free string.
 */
function invalidValue(spec: ModelFactory['parameters'][string]): string | number | undefined {
  const type = spec.type ?? (typeof spec.default === 'boolean' ? 'boolean' : typeof spec.default === 'number' ? 'number' : 'string');
  if (type === 'number' || type === 'integer') {
    if (spec.max !== undefined) return spec.exclusiveMax ? spec.max : spec.max + 1;
    if (spec.min !== undefined) return spec.exclusiveMin ? spec.min : spec.min - 1;
    return type === 'integer' ? 0.5 : 'not-a-number';
  }
  if (type === 'boolean') return 'perhaps';
  if (type === 'enum') return '__none_of_the_values__';
  return undefined;
}

/**
 * Runs every check on `factory` and returns the report (it never throws for
 * a failing model: the report says what failed). Checks:
 *
 * - declaration: contract version, description, typed parameters whose defaults resolve;
 * - fit (or load with `modelDir`): a model of the given symbols, named as the factory;
 * - shape, finite: `paths × horizon × symbols` float32 values, all finite;
 * - same seed, same paths; different seeds differ;
 * - chunked = one-shot: paths drawn in two chunks (firstPath) equal one draw;
 * - save / load: the reloaded model has the same id and draws the same paths;
 * - fit warnings: `fitInfo.warnings`, when given, is a list of well-formed findings;
 * - conditioning: a conditional model exposes defaultState and sampling from it equals
 *   sampling without a state; a model that is not conditional refuses a state;
 * - too little data: a fit on minObservations − 1 returns is an InputError;
 * - unknown parameter, bad parameter value: InputErrors naming the parameter.
 */
export async function runConformance(factory: ModelFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const t0 = performance.now();
  const params = options.params ?? {};
  const paths = options.paths ?? 40;
  const horizon = options.horizon ?? 6;
  const seed = options.seed ?? 7;
  const checks: ConformanceCheck[] = [];
  const run = async (name: string, body: () => Promise<string> | string, skip?: string): Promise<boolean> => {
    if (skip !== undefined) {
      checks.push({ name, status: 'skip', ms: 0, detail: skip });
      return false;
    }
    const start = performance.now();
    try {
      const detail = await body();
      checks.push({ name, status: 'pass', ms: performance.now() - start, detail });
      return true;
    } catch (e) {
      const detail = e instanceof CheckFailure ? e.message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
      checks.push({ name, status: 'fail', ms: performance.now() - start, detail });
      return false;
    }
  };

  // Parameters and data first: without them nothing else can run.
  let minObs = 0;
  const declared = await run('declaration', () => {
    expect(factory.contractVersion === MODEL_CONTRACT_VERSION, `contract version ${String(factory.contractVersion)}, expected ${MODEL_CONTRACT_VERSION} (declare it with defineModel)`);
    expect(typeof factory.description === 'string' && factory.description.trim() !== '', 'no description');
    const untyped = Object.entries(factory.parameters).filter(([, p]) => p.type === undefined).map(([k]) => k);
    expect(untyped.length === 0, `parameters without a type: ${untyped.join(', ')}`);
    expect(typeof factory.resolveParams === 'function', 'no resolveParams (declare it with defineModel)');
    factory.resolveParams({});
    minObs = factory.minObservations(params);
    const names = Object.keys(factory.parameters);
    return `contract v${factory.contractVersion}; ${names.length} parameter${names.length === 1 ? '' : 's'}${names.length > 0 ? ` (${names.join(', ')})` : ''}; needs ${minObs} returns`;
  });
  if (!declared && minObs === 0) {
    try {
      minObs = factory.minObservations(params);
    } catch {
      // reported by the declaration check; the data checks are skipped below
    }
  }
  let data: ReturnsMatrix | undefined;
  let dataProblem: string | undefined;
  if (minObs > 0) {
    try {
      data = options.returns ?? (await conformanceReturns({ prices: options.prices, symbols: options.symbols, observations: options.observations ?? Math.max(300, minObs + 20) }));
    } catch (e) {
      dataProblem = `no data: ${(e as Error).message}`;
    }
  } else dataProblem = 'the parameters do not resolve (see declaration)';

  let model: ScenarioModel | undefined;
  const fitName = options.modelDir !== undefined ? 'load saved model' : 'fit';
  await run(fitName, async () => {
    if (options.modelDir !== undefined) model = await factory.load(options.modelDir);
    else {
      expect(data !== undefined, dataProblem ?? 'no data');
      model = await factory.fit(data, params, { seed: 1 });
    }
    expect(model.name === factory.name, `the model is named ${JSON.stringify(model.name)}, not ${factory.name}`);
    expect(typeof model.id === 'string' && model.id !== '', 'the model has no id');
    if (options.modelDir === undefined) {
      const d = data as ReturnsMatrix;
      expect(model.symbols.length === d.symbols.length && model.symbols.every((s, i) => s === d.symbols[i]), `the model is of ${model.symbols.join(', ')}, not ${d.symbols.join(', ')}`);
      return `${d.dates.length} returns × ${d.symbols.length} symbols (${d.dates[0]} … ${d.dates[d.dates.length - 1]}); id ${model.id}`;
    }
    return `${model.symbols.length} symbols; id ${model.id}`;
  });

  const noModel = model === undefined ? `no model (${fitName} failed)` : undefined;
  const m = model as ScenarioModel;
  const request: SampleRequest = { nPaths: paths, horizon, seed };
  const size = (): number => paths * horizon * m.symbols.length;
  const drawn: { paths?: Float32Array } = {};
  const shaped = await run('shape', async () => {
    const out = await m.sample(request);
    expect(out instanceof Float32Array, `sample returned ${Object.prototype.toString.call(out)}, not a Float32Array`);
    expect(out.length === size(), `sample returned ${out.length} values, expected ${paths} paths × ${horizon} days × ${m.symbols.length} assets = ${size()}`);
    drawn.paths = out;
    return `${paths} × ${horizon} × ${m.symbols.length} float32`;
  }, noModel);
  const noSample = shaped ? undefined : (noModel ?? 'no valid sample (see shape)');
  const f = drawn.paths as Float32Array;
  await run('finite', () => {
    const bad = countNonFinite(f);
    expect(bad === 0, `${bad} of ${f.length} values are NaN or ±Infinity`);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < f.length; i++) {
      if (f[i] < lo) lo = f[i];
      if (f[i] > hi) hi = f[i];
    }
    return `daily log returns in [${lo.toFixed(4)}, ${hi.toFixed(4)}]`;
  }, noSample);
  await run('same seed, same paths', async () => {
    const again = await m.sample(request);
    const i = firstDifference(f, again);
    expect(i < 0, `a second draw with seed ${seed} differs at value ${i} (${f[i]} vs ${again[i]})`);
    return `seed ${seed} twice: identical`;
  }, noSample);
  await run('different seeds differ', async () => {
    const other = await m.sample({ ...request, seed: seed + 1 });
    expect(firstDifference(f, other) >= 0, `seeds ${seed} and ${seed + 1} gave identical paths`);
    return `seeds ${seed} and ${seed + 1} differ`;
  }, noSample);
  await run('chunked = one-shot', async () => {
    const k = Math.floor(paths / 3) + 1;
    const a = await m.sample({ ...request, nPaths: k, firstPath: 0 });
    const b = await m.sample({ ...request, nPaths: paths - k, firstPath: k });
    const joined = new Float32Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    const i = firstDifference(f, joined);
    expect(i < 0, `paths drawn as ${k} + ${paths - k} (firstPath ${k}) differ from one draw at value ${i} (path ${Math.floor(i / (horizon * m.symbols.length))})`);
    return `${k} + ${paths - k} paths = ${paths} in one draw`;
  }, noSample);
  await run('save / load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tailforge-conformance-'));
    try {
      const target = join(dir, 'model');
      await m.save(target);
      const loaded = await factory.load(target);
      expect(loaded.id === m.id, `the reloaded model's id is ${loaded.id}, not ${m.id}`);
      expect(loaded.symbols.join(',') === m.symbols.join(','), 'the reloaded model has other symbols');
      const i = firstDifference(f, await loaded.sample(request));
      expect(i < 0, `the reloaded model draws other paths (first difference at value ${i})`);
      return 'same id, identical paths';
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, noSample);
  await run('fit warnings', () => {
    const w = m.fitInfo?.warnings;
    if (w === undefined) return 'fitInfo.warnings not given (optional)';
    const problem = findingsProblem(w);
    expect(problem === undefined, `fitInfo.warnings is malformed: ${problem}`);
    const listed = w.map((f) => `${f.code} (${f.severity})`);
    return w.length === 0 ? 'fitInfo.warnings: none' : `fitInfo.warnings: ${listed.slice(0, 4).join(', ')}${listed.length > 4 ? ', ...' : ''}`;
  }, noModel);
  await run('conditioning', async () => {
    if (m.capabilities.conditional) {
      const state = m.defaultState;
      expect(state !== undefined && state.values instanceof Float64Array, 'a conditional model must expose defaultState (the state paths start from when a request gives none)');
      const withState = await m.sample({ ...request, state });
      const i = firstDifference(f, withState);
      expect(i < 0, `sampling from defaultState differs from sampling without a state (value ${i})`);
      return `accepts a state (${state.values.length} values); defaultState = no state`;
    }
    const e = await rejects(() => m.sample({ ...request, state: { values: Float64Array.of(0), label: 'conformance' } }));
    expect(e !== undefined, 'the model is not conditional but accepted a conditioning state');
    expect(isUsageError(e), `refused a state with ${(e as Error).name}: ${(e as Error).message} (expected a ModelError)`);
    return 'not conditional: refuses a state';
  }, noSample);

  await run('too little data', async () => {
    const d = data as ReturnsMatrix;
    const rows = minObs - 1;
    const A = d.symbols.length;
    const short: ReturnsMatrix = { symbols: d.symbols, dates: d.dates.slice(0, rows), values: d.values.slice(0, rows * A) };
    const e = await rejects(() => factory.fit(short, params, { seed: 1 }));
    expect(e !== undefined, `fitted on ${rows} returns although minObservations is ${minObs}`);
    expect(isInputError(e), `${rows} returns gave ${(e as Error).name}: ${(e as Error).message} (expected an InputError)`);
    return `${rows} returns: ${(e as Error).message}`;
  }, dataProblem);
  await run('unknown parameter', async () => {
    const e = await rejects(() => factory.fit(data as ReturnsMatrix, { ...params, conformanceNoSuchParameter: 1 }, { seed: 1 }));
    expect(isInputError(e), e === undefined ? 'an unknown parameter was accepted' : `got ${(e as Error).name}: ${(e as Error).message} (expected an InputError)`);
    expect(e.message.includes('conformanceNoSuchParameter'), `the message does not name the parameter: ${e.message}`);
    return e.message;
  }, dataProblem);
  const checkable = Object.entries(factory.parameters).find(([, p]) => invalidValue(p) !== undefined);
  await run('bad parameter value', async () => {
    const [name, spec] = checkable as [string, ModelFactory['parameters'][string]];
    const e = await rejects(() => factory.fit(data as ReturnsMatrix, { ...params, [name]: invalidValue(spec) as string | number }, { seed: 1 }));
    expect(isInputError(e), e === undefined ? `${name} = ${invalidValue(spec)} was accepted` : `got ${(e as Error).name}: ${(e as Error).message} (expected an InputError)`);
    expect(e.message.includes(name), `the message does not name ${name}: ${e.message}`);
    return e.message;
  }, dataProblem ?? (checkable === undefined ? 'no parameter with a type that can be given a wrong value' : undefined));

  const d = data;
  const failures = checks.filter((c) => c.status === 'fail');
  return {
    model: factory.name,
    contractVersion: factory.contractVersion ?? 0,
    data: d !== undefined
      ? { symbols: [...d.symbols], observations: d.dates.length, firstDate: d.dates[0], lastDate: d.dates[d.dates.length - 1] }
      : { symbols: [], observations: 0, firstDate: '', lastDate: '' },
    request: { paths, horizon, seed },
    checks,
    passed: failures.length === 0,
    failures,
    totalMs: performance.now() - t0,
  };
}

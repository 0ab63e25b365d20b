import { createHash } from 'node:crypto';
import { littleEndianBytes } from '../../io/endian.js';
import { MODEL_DIR_FORMAT, MODEL_DIR_FORMAT_VERSION } from '../../io/model-dir.js';
import type { FitInfo } from '../model.js';
import type { ParamValue } from './params.js';

/**
 * What a saved model is made of, as far as it decides the model's samples:
 * the model type, its symbols in order (column a of every path is symbols[a]),
 * parameters, the facts of its fitting data, the model-specific JSON `extra`
 * and every numeric array (network weights, filter parameters, tails...).
 */
export interface ModelContent {
  readonly name: string;
  readonly symbols: readonly string[];
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly fitInfo: Pick<FitInfo, 'nObservations' | 'firstDate' | 'lastDate' | 'dataHash'>;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly arrays: Readonly<Record<string, Float64Array | Float32Array>>;
}

/**
 * Id of a fitted model: `${name}-${h}`, h the first 12 hex digits of the
 * sha256 of a canonical serialisation of its {@link ModelContent}: JSON with
 * keys sorted at every level, each array as dtype, length and the sha256 of
 * its little-endian bytes (exactly the bytes of its file). Left out: when it
 * was fitted, the tailforge version, and the `extra` keys named in
 * `descriptive` (a dotted path for a nested key: facts about training such as
 * timings or fit warnings, which do not change a sample). Same content gives the same id; any change to what decides samples
 * (a swapped symbol order, one edited weight) gives another, so a model
 * directory is checked against its id on load.
 */
export function modelId(content: ModelContent, descriptive: readonly string[] = []): string {
  const extra = JSON.parse(JSON.stringify(content.extra)) as Record<string, unknown>;
  for (const path of descriptive) dropPath(extra, path.split('.'));
  const arrays: Record<string, { dtype: string; length: number; sha256: string }> = {};
  for (const [k, a] of Object.entries(content.arrays)) {
    arrays[k] = {
      dtype: a instanceof Float64Array ? 'float64' : 'float32',
      length: a.length,
      sha256: createHash('sha256').update(littleEndianBytes(a)).digest('hex'),
    };
  }
  const { nObservations, firstDate, lastDate, dataHash } = content.fitInfo;
  const whole = {
    format: MODEL_DIR_FORMAT,
    formatVersion: MODEL_DIR_FORMAT_VERSION,
    model: content.name,
    symbols: content.symbols,
    params: content.params,
    fitInfo: { nObservations, firstDate, lastDate, dataHash },
    extra,
    arrays,
  };
  // Through JSON first, so the in-memory form hashes as its model.json will read back.
  const h = createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(whole)))).digest('hex');
  return `${content.name}-${h.slice(0, 12)}`;
}

/** Deletes the key at `path` (object keys, outermost first) where it exists. */
function dropPath(o: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (rest.length === 0) delete o[head];
  else if (o[head] !== null && typeof o[head] === 'object' && !Array.isArray(o[head])) dropPath(o[head] as Record<string, unknown>, rest);
}

/** JSON with object keys sorted at every level (input: a value parsed from JSON). */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

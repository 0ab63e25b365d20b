import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { fileError, siblingTempPath, syncDirectory } from './atomic.js';
import { fromLittleEndian, littleEndianBytes } from './endian.js';

/**
 * The on-disk form of a fitted model, shared by every model type:
 *
 *   <dir>/model.json      ModelDirMeta plus `arrays`: name → {file, dtype, length, sha256}
 *   <dir>/<name>.f64|.f32 one little-endian binary file per array
 *
 * A directory is written whole into a temp directory beside `dir` and then
 * swapped in, so a reader never sees half a model.
 */

export const MODEL_DIR_FORMAT = 'tailforge-model';
export const MODEL_DIR_FORMAT_VERSION = 1;
const META_FILE = 'model.json';

export interface ModelDirMeta {
  format: 'tailforge-model';
  formatVersion: 1;
  /** Registry name of the model type. */
  model: string;
  id: string;
  symbols: string[];
  params: Record<string, number | string | boolean>;
  fitInfo: { nObservations: number; firstDate: string; lastDate: string; dataHash: string; fittedAt: string };
  /** Model-specific JSON (small things; large numeric data goes in arrays). */
  extra?: Record<string, unknown>;
  tailforgeVersion?: string;
}

export interface ModelDirContents {
  meta: ModelDirMeta;
  arrays: Record<string, Float64Array | Float32Array>;
}

type DType = 'float64' | 'float32';
interface ArrayEntry {
  file: string;
  dtype: DType;
  length: number;
  /** sha256 of the file's bytes; checked on read when present. */
  sha256?: string;
}

/** Array names become file names, so they are kept to a safe alphabet. */
const ARRAY_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const ARRAY_FILE = /^[A-Za-z0-9_-]{1,100}\.(f64|f32)$/;

/**
 * Writes a model directory: all files into a fresh temp directory beside
 * `dir`, fsynced, then the old `dir` (if any) is renamed aside, the new one
 * renamed in, and the old one removed. An existing `dir` is only replaced when
 * it is empty or is a tailforge model directory, so a mistyped path cannot
 * wipe unrelated files.
 */
export async function saveModelDir(
  dir: string,
  meta: ModelDirMeta,
  arrays: Record<string, Float64Array | Float32Array>,
): Promise<void> {
  checkMetaForSave(meta);
  const index: Record<string, ArrayEntry> = {};
  const payloads: { file: string; bytes: Uint8Array }[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    if (!ARRAY_NAME.test(name)) throw new TypeError(`array name "${name}" must be 1-100 letters, digits, _ or -`);
    const dtype: DType | undefined = a instanceof Float64Array ? 'float64' : a instanceof Float32Array ? 'float32' : undefined;
    if (dtype === undefined) throw new TypeError(`array "${name}" must be a Float64Array or Float32Array`);
    const file = `${name}.${dtype === 'float64' ? 'f64' : 'f32'}`;
    const bytes = littleEndianBytes(a);
    index[name] = { file, dtype, length: a.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    payloads.push({ file, bytes });
  }
  const json = `${JSON.stringify({ ...meta, arrays: index }, null, 2)}\n`;

  const target = resolve(dir);
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    throw fileError(e, dir, 'create the parent directory');
  }
  const existing = await replaceableExisting(target, dir);

  const tmp = siblingTempPath(target, 'tmp');
  try {
    await mkdir(tmp);
    for (const p of payloads) await writeSynced(join(tmp, p.file), p.bytes);
    await writeSynced(join(tmp, META_FILE), json);
    await syncDirectory(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw fileError(e, dir, 'write the model directory');
  }

  let old: string | undefined;
  try {
    if (existing) {
      old = siblingTempPath(target, 'old');
      await rename(target, old);
    }
    await rename(tmp, target);
  } catch (e) {
    if (old !== undefined) await rename(old, target).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw fileError(e, dir, 'replace the model directory');
  }
  await syncDirectory(dirname(target));
  if (old !== undefined) await rm(old, { recursive: true, force: true });
}

/** Whether `target` exists (and may be replaced); InputError when it exists but is not ours to replace. */
async function replaceableExisting(target: string, shown: string): Promise<boolean> {
  let isDir: boolean;
  try {
    isDir = (await lstat(target)).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fileError(e, shown, 'inspect the path');
  }
  const refuse = (why: string): InputError =>
    new InputError(`refusing to replace it: ${why}; choose a new path or remove it first`, { file: shown });
  if (!isDir) throw refuse('it exists and is not a directory');
  const entries = await readdir(target);
  if (entries.length === 0) return true;
  if (!entries.includes(META_FILE)) throw refuse('it is a non-empty directory without a model.json');
  try {
    const parsed = JSON.parse(await readFile(join(target, META_FILE), 'utf8')) as { format?: unknown };
    if (parsed.format === MODEL_DIR_FORMAT) return true;
  } catch {
    // fall through: not a readable tailforge model.json
  }
  throw refuse(`its model.json is not a ${MODEL_DIR_FORMAT} file`);
}

async function writeSynced(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'wx', 0o666);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Programming errors in what a model passes to save (not user input): TypeError. */
function checkMetaForSave(meta: ModelDirMeta): void {
  if (meta.format !== MODEL_DIR_FORMAT || meta.formatVersion !== MODEL_DIR_FORMAT_VERSION) {
    throw new TypeError(`meta must have format "${MODEL_DIR_FORMAT}" and formatVersion ${MODEL_DIR_FORMAT_VERSION}`);
  }
  for (const [k, v] of Object.entries(meta.params)) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`parameter ${k} = ${v} cannot be stored in JSON`);
  }
  if (!Number.isFinite(meta.fitInfo.nObservations)) throw new TypeError('fitInfo.nObservations must be finite');
}

/**
 * Reads a model directory written by {@link saveModelDir}. InputError naming
 * the directory or file on anything missing, of the wrong format or version,
 * or corrupt (a file whose size or checksum does not match the index).
 */
export async function readModelDir(dir: string): Promise<ModelDirContents> {
  const metaPath = join(dir, META_FILE);
  let text: string;
  try {
    text = await readFile(metaPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const exists = await lstat(dir).then((s) => s.isDirectory(), () => undefined);
      throw new InputError(
        exists === undefined ? 'model directory not found'
        : exists ? 'not a model directory: model.json is missing'
        : 'not a model directory: it is a file',
        { file: dir }, { cause: e },
      );
    }
    throw fileError(e, metaPath, 'read the file');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, { file: metaPath }, { cause: e });
  }
  const bad = (reason: string): InputError => new InputError(reason, { file: metaPath });
  if (!isObject(raw)) throw bad('expected a JSON object');
  if (raw.format !== MODEL_DIR_FORMAT) throw bad(`format is ${JSON.stringify(raw.format)}, expected "${MODEL_DIR_FORMAT}"`);
  if (raw.formatVersion !== MODEL_DIR_FORMAT_VERSION) {
    const v = raw.formatVersion;
    throw bad(typeof v === 'number' && v > MODEL_DIR_FORMAT_VERSION
      ? `format version ${v} was written by a newer tailforge; this one reads version ${MODEL_DIR_FORMAT_VERSION}`
      : `unsupported format version ${JSON.stringify(v)}; this tailforge reads version ${MODEL_DIR_FORMAT_VERSION}`);
  }
  const meta = parseMeta(raw, bad);

  if (!isObject(raw.arrays)) throw bad('"arrays" must be an object (array name → file entry)');
  const arrays: Record<string, Float64Array | Float32Array> = {};
  for (const [name, entry] of Object.entries(raw.arrays)) {
    const e = parseEntry(name, entry, bad);
    const path = join(dir, e.file);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InputError(`array file is missing (listed as "${name}" in model.json)`, { file: path }, { cause: err });
      throw fileError(err, path, 'read the file');
    }
    const width = e.dtype === 'float64' ? 8 : 4;
    if (bytes.byteLength !== e.length * width) {
      throw new InputError(
        `corrupt: the file has ${bytes.byteLength} bytes, model.json says ${e.length} ${e.dtype} values (${e.length * width} bytes)`,
        { file: path },
      );
    }
    if (e.sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== e.sha256) {
      throw new InputError('corrupt: the file does not match the checksum in model.json', { file: path });
    }
    arrays[name] = fromLittleEndian(bytes, e.dtype);
  }
  return { meta, arrays };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseEntry(name: string, entry: unknown, bad: (r: string) => InputError): ArrayEntry {
  if (!ARRAY_NAME.test(name)) throw bad(`array name "${name}" is not allowed`);
  if (!isObject(entry)) throw bad(`arrays.${name} must be an object`);
  const { file, dtype, length, sha256 } = entry;
  if (dtype !== 'float64' && dtype !== 'float32') throw bad(`arrays.${name}.dtype must be "float64" or "float32"`);
  // Only plain names in the directory: a model.json must not point elsewhere on disk.
  if (typeof file !== 'string' || !ARRAY_FILE.test(file) || file.endsWith('.f64') !== (dtype === 'float64')) {
    throw bad(`arrays.${name}.file must be a plain <name>.f64 or <name>.f32 file name matching its dtype`);
  }
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
    throw bad(`arrays.${name}.length must be a whole number ≥ 0`);
  }
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) {
    throw bad(`arrays.${name}.sha256 must be 64 hex digits`);
  }
  return { file, dtype, length, sha256: sha256 as string | undefined };
}

function parseMeta(raw: Record<string, unknown>, bad: (r: string) => InputError): ModelDirMeta {
  const str = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || v === '') throw bad(`${what} must be a non-empty string`);
    return v;
  };
  const model = str(raw.model, 'model');
  const id = str(raw.id, 'id');
  if (!Array.isArray(raw.symbols) || raw.symbols.length === 0 || !raw.symbols.every((s) => typeof s === 'string' && s !== '')) {
    throw bad('symbols must be a non-empty array of strings');
  }
  if (!isObject(raw.params)) throw bad('params must be an object');
  const params: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(raw.params)) {
    if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw bad(`params.${k} must be a number, string or boolean`);
    }
    params[k] = v;
  }
  const f = raw.fitInfo;
  if (!isObject(f)) throw bad('fitInfo must be an object');
  if (typeof f.nObservations !== 'number' || !Number.isInteger(f.nObservations) || f.nObservations < 0) {
    throw bad('fitInfo.nObservations must be a whole number ≥ 0');
  }
  const fitInfo = {
    nObservations: f.nObservations,
    firstDate: str(f.firstDate, 'fitInfo.firstDate'),
    lastDate: str(f.lastDate, 'fitInfo.lastDate'),
    dataHash: str(f.dataHash, 'fitInfo.dataHash'),
    fittedAt: str(f.fittedAt, 'fitInfo.fittedAt'),
  };
  if (raw.extra !== undefined && !isObject(raw.extra)) throw bad('extra must be an object');
  if (raw.tailforgeVersion !== undefined && typeof raw.tailforgeVersion !== 'string') throw bad('tailforgeVersion must be a string');
  const meta: ModelDirMeta = {
    format: MODEL_DIR_FORMAT,
    formatVersion: MODEL_DIR_FORMAT_VERSION,
    model,
    id,
    symbols: raw.symbols as string[],
    params,
    fitInfo,
  };
  if (raw.extra !== undefined) meta.extra = raw.extra as Record<string, unknown>;
  if (raw.tailforgeVersion !== undefined) meta.tailforgeVersion = raw.tailforgeVersion as string;
  return meta;
}

import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readModelDir, saveModelDir, type ModelDirMeta } from '../src/io/model-dir.js';
import { inputError } from './helpers.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tf-modeldir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const meta: ModelDirMeta = {
  format: 'tailforge-model',
  formatVersion: 1,
  model: 'gaussian',
  id: 'gaussian-0123456789ab',
  symbols: ['AA', 'KO'],
  params: { meanZero: false, window: 250, method: 'sample' },
  fitInfo: { nObservations: 2528, firstDate: '1991-01-02', lastDate: '2001-01-02', dataHash: 'ab'.repeat(32), fittedAt: '2024-01-01T00:00:00.000Z' },
  extra: { note: 'unit test', nested: { k: [1, 2] } },
  tailforgeVersion: '0.1.0',
};

/** Awkward values on purpose: -0, NaN, the smallest subnormal, ±Infinity, a value that float32 rounds. */
const f64Values = [1.5, -0, NaN, 5e-324, Infinity, -Infinity, 0.1, -123456.789];
const f32Values = [0.1, -2.5, 3.4028234663852886e38, 1e-45];

function arrays(): Record<string, Float64Array | Float32Array> {
  return { mean: Float64Array.from(f64Values), chol_factor: Float32Array.from(f32Values), empty: new Float64Array(0) };
}

/** Expected file bytes, built value by value with explicit little-endian writes. */
function leBytes(values: number[], width: 4 | 8): Buffer {
  const b = Buffer.alloc(values.length * width);
  values.forEach((v, i) => (width === 8 ? b.writeDoubleLE(v, i * 8) : b.writeFloatLE(v, i * 4)));
  return b;
}

describe('saveModelDir / readModelDir', () => {
  it('writes model.json with an arrays index and little-endian binary files', async () => {
    const dir = join(root, 'm');
    await saveModelDir(dir, meta, arrays());
    expect((await readdir(dir)).sort()).toEqual(['chol_factor.f32', 'empty.f64', 'mean.f64', 'model.json']);
    expect((await readFile(join(dir, 'mean.f64'))).equals(leBytes(f64Values, 8))).toBe(true);
    expect((await readFile(join(dir, 'chol_factor.f32'))).equals(leBytes(f32Values, 4))).toBe(true);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('tailforge-model');
    expect(json.formatVersion).toBe(1);
    expect(json.arrays.mean).toMatchObject({ file: 'mean.f64', dtype: 'float64', length: 8 });
    expect(json.arrays.chol_factor).toMatchObject({ file: 'chol_factor.f32', dtype: 'float32', length: 4 });
    expect(json.arrays.empty).toMatchObject({ file: 'empty.f64', dtype: 'float64', length: 0 });
    expect(await readdir(root)).toEqual(['m']);
  });

  it('round-trips meta and arrays bit for bit, and re-saving gives identical files', async () => {
    const dir = join(root, 'm');
    await saveModelDir(dir, meta, arrays());
    const back = await readModelDir(dir);
    expect(back.meta).toEqual(meta);
    expect(back.arrays.mean).toBeInstanceOf(Float64Array);
    expect(back.arrays.chol_factor).toBeInstanceOf(Float32Array);
    expect(Buffer.from(back.arrays.mean.buffer).equals(leBytes(f64Values, 8))).toBe(true);
    expect(Buffer.from(back.arrays.chol_factor.buffer).equals(leBytes(f32Values, 4))).toBe(true);
    expect(back.arrays.empty).toHaveLength(0);

    const again = join(root, 'copy');
    await saveModelDir(again, back.meta, back.arrays);
    for (const f of await readdir(dir)) {
      expect((await readFile(join(again, f))).equals(await readFile(join(dir, f)))).toBe(true);
    }
  });

  it('replaces an existing model directory whole, leaving no temp or old directory', async () => {
    const dir = join(root, 'nested', 'm');
    await saveModelDir(dir, meta, arrays());
    await saveModelDir(dir, { ...meta, id: 'gaussian-second' }, { only: Float64Array.from([7]) });
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'only.f64']);
    const back = await readModelDir(dir);
    expect(back.meta.id).toBe('gaussian-second');
    expect(Array.from(back.arrays.only)).toEqual([7]);
    expect(await readdir(join(root, 'nested'))).toEqual(['m']);
  });

  it('fills an existing empty directory', async () => {
    const dir = join(root, 'm');
    await mkdir(dir);
    await saveModelDir(dir, meta, arrays());
    expect((await readModelDir(dir)).meta.id).toBe(meta.id);
  });

  it('refuses to replace a directory that is not a tailforge model, or a file', async () => {
    const dir = join(root, 'docs');
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.txt'), 'precious');
    const e = await inputError(() => saveModelDir(dir, meta, arrays()));
    expect(e.message).toBe(
      `${dir}: refusing to replace it: it is a non-empty directory without a model.json; choose a new path or remove it first`,
    );
    expect(await readFile(join(dir, 'thesis.txt'), 'utf8')).toBe('precious');

    await writeFile(join(dir, 'model.json'), '{"format":"tfjs-layers"}');
    expect((await inputError(() => saveModelDir(dir, meta, arrays()))).reason).toBe(
      'refusing to replace it: its model.json is not a tailforge-model file; choose a new path or remove it first',
    );
    const file = join(root, 'file');
    await writeFile(file, 'x');
    expect((await inputError(() => saveModelDir(file, meta, arrays()))).reason).toBe(
      'refusing to replace it: it exists and is not a directory; choose a new path or remove it first',
    );
    expect((await readdir(root)).sort()).toEqual(['docs', 'file']);
  });

  it('rejects array names that cannot be file names', async () => {
    await expect(saveModelDir(join(root, 'm'), meta, { '../x': new Float64Array(1) })).rejects.toThrow(TypeError);
  });
});

describe('readModelDir: missing or corrupt directories', () => {
  let dir: string;
  let metaFile: string;
  beforeEach(async () => {
    dir = join(root, 'm');
    metaFile = join(dir, 'model.json');
    await saveModelDir(dir, meta, arrays());
  });

  async function editMeta(edit: (j: Record<string, any>) => void): Promise<void> {
    const j = JSON.parse(await readFile(metaFile, 'utf8'));
    edit(j);
    await writeFile(metaFile, JSON.stringify(j));
  }

  it('a directory that does not exist', async () => {
    const nowhere = join(root, 'nowhere');
    expect((await inputError(() => readModelDir(nowhere))).message).toBe(`${nowhere}: model directory not found`);
  });

  it('a directory without model.json', async () => {
    await rm(metaFile);
    expect((await inputError(() => readModelDir(dir))).message).toBe(`${dir}: not a model directory: model.json is missing`);
  });

  it('model.json that is not JSON', async () => {
    await writeFile(metaFile, '{"format": "tailforge-model",');
    const e = await inputError(() => readModelDir(dir));
    expect(e.location.file).toBe(metaFile);
    expect(e.reason).toMatch(/^not valid JSON/);
  });

  it('another format, or a newer format version', async () => {
    await editMeta((j) => (j.format = 'tfjs-layers'));
    expect((await inputError(() => readModelDir(dir))).message).toBe(
      `${metaFile}: format is "tfjs-layers", expected "tailforge-model"`,
    );
    await editMeta((j) => ((j.format = 'tailforge-model'), (j.formatVersion = 2)));
    expect((await inputError(() => readModelDir(dir))).reason).toBe(
      'format version 2 was written by a newer tailforge; this one reads version 1',
    );
  });

  it('meta fields of the wrong type', async () => {
    await editMeta((j) => (j.symbols = 'AA'));
    expect((await inputError(() => readModelDir(dir))).reason).toBe('symbols must be a non-empty array of strings');
    await editMeta((j) => ((j.symbols = ['AA']), delete j.fitInfo.dataHash));
    expect((await inputError(() => readModelDir(dir))).reason).toBe('fitInfo.dataHash must be a non-empty string');
  });

  it('a truncated array file', async () => {
    const f = join(dir, 'mean.f64');
    await writeFile(f, (await readFile(f)).subarray(0, 60));
    expect((await inputError(() => readModelDir(dir))).message).toBe(
      `${f}: corrupt: the file has 60 bytes, model.json says 8 float64 values (64 bytes)`,
    );
  });

  it('a flipped bit in an array file', async () => {
    const f = join(dir, 'chol_factor.f32');
    const b = await readFile(f);
    b[5] ^= 1;
    await writeFile(f, b);
    expect((await inputError(() => readModelDir(dir))).message).toBe(
      `${f}: corrupt: the file does not match the checksum in model.json`,
    );
  });

  it('a missing array file', async () => {
    const f = join(dir, 'mean.f64');
    await rm(f);
    expect((await inputError(() => readModelDir(dir))).message).toBe(
      `${f}: array file is missing (listed as "mean" in model.json)`,
    );
  });

  it('an index entry pointing outside the directory or with a wrong dtype', async () => {
    await editMeta((j) => (j.arrays.mean.file = '../mean.f64'));
    expect((await inputError(() => readModelDir(dir))).reason).toBe(
      'arrays.mean.file must be a plain <name>.f64 or <name>.f32 file name matching its dtype',
    );
    await editMeta((j) => ((j.arrays.mean.file = 'mean.f64'), (j.arrays.mean.dtype = 'int8')));
    expect((await inputError(() => readModelDir(dir))).reason).toBe('arrays.mean.dtype must be "float64" or "float32"');
  });
});

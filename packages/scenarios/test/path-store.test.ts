import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gaussianModel, InputError, type ReturnsMatrix, type ScenarioModel } from '@tailforge/core';
import { generatePaths, generateToStore, PathStoreReader, PathStoreWriter, readPathStore } from '@tailforge/scenarios';

function returns(): ReturnsMatrix {
  const values = new Float64Array(120 * 2);
  for (let i = 0; i < values.length; i++) values[i] = 0.01 * Math.sin(1.7 * i) + 0.003 * Math.cos(0.3 * i * i);
  const dates = Array.from({ length: 120 }, (_, t) => new Date(Date.UTC(2015, 0, 1 + t)).toISOString().slice(0, 10));
  return { dates, symbols: ['X', 'Y'], values };
}

describe('path store', () => {
  let dir: string;
  let model: ScenarioModel;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tailforge-store-'));
    model = await gaussianModel.fit(returns(), {}, { seed: 1 });
  });

  it('streamed generation into a store equals in-memory generation, read whole or in chunks', async () => {
    const file = join(dir, 'g.tfp');
    const header = await generateToStore(model, { nPaths: 1000, horizon: 7, seed: 3, chunkSize: 128 }, file);
    expect(header).toMatchObject({ nPaths: 1000, horizon: 7, nAssets: 2, symbols: ['X', 'Y'], modelId: model.id, seed: 3, weighted: false });
    const mem = await generatePaths(model, { nPaths: 1000, horizon: 7, seed: 3 });
    const stored = await readPathStore(file);
    expect(stored.values).toEqual(mem.values);
    const r = await PathStoreReader.open(file);
    const parts: Float32Array[] = [];
    for await (const c of r.chunks(333)) parts.push(c.values);
    await r.close();
    expect(parts.map((p) => p.length / 14)).toEqual([333, 333, 333, 1]);
    const joined = new Float32Array(mem.values.length);
    let off = 0;
    for (const p of parts) {
      joined.set(p, off);
      off += p.length;
    }
    expect(joined).toEqual(mem.values);
    // No temporary file is left behind.
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('the file layout is as documented: magic, version, header, padded float32 data, float64 weights', async () => {
    const file = join(dir, 'w.tfp');
    const w = await PathStoreWriter.create(file, { nPaths: 3, horizon: 2, nAssets: 1, symbols: ['Z'], modelId: 'm', modelName: 'm', seed: 0, weighted: true });
    await w.append(new Float32Array([0.5, -0.25, 1, 2]), new Float64Array([0.1, 0.2]));
    await w.append(new Float32Array([3, 4]), new Float64Array([0.7]));
    await w.close();
    const buf = await readFile(file);
    expect(buf.toString('ascii', 0, 8)).toBe('TFPATHS1');
    expect(buf.readUInt32LE(8)).toBe(1);
    const len = buf.readUInt32LE(12);
    const dataOffset = Math.ceil((16 + len) / 8) * 8;
    expect(JSON.parse(buf.toString('utf8', 16, 16 + len)).symbols).toEqual(['Z']);
    expect(buf.readFloatLE(dataOffset)).toBe(0.5);
    expect(buf.readFloatLE(dataOffset + 4)).toBe(-0.25);
    expect(buf.readDoubleLE(dataOffset + 6 * 4)).toBe(0.1);
    expect(buf.readDoubleLE(dataOffset + 6 * 4 + 16)).toBe(0.7);
    expect(buf.length).toBe(dataOffset + 24 + 24);
    const back = await readPathStore(file);
    expect(Array.from(back.values)).toEqual([0.5, -0.25, 1, 2, 3, 4]);
    expect(Array.from(back.weights ?? [])).toEqual([0.1, 0.2, 0.7]);
  });

  it('an unfinished store is never renamed into place', async () => {
    const file = join(dir, 'unfinished.tfp');
    const w = await PathStoreWriter.create(file, { nPaths: 2, horizon: 1, nAssets: 1, symbols: ['Z'], modelId: 'm', modelName: 'm', seed: 0, weighted: false });
    await w.append(new Float32Array([1]));
    await expect(w.close()).rejects.toThrow(/expects 2 paths, 1 were written/);
    await expect(stat(file)).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.includes('unfinished'))).toEqual([]);
  });

  it('truncated, foreign and missing files get clear errors', async () => {
    const file = join(dir, 'cut.tfp');
    await generateToStore(model, { nPaths: 10, horizon: 2, seed: 1 }, file);
    await truncate(file, (await stat(file)).size - 4);
    await expect(PathStoreReader.open(file)).rejects.toThrow(/truncated or corrupt/);
    const foreign = join(dir, 'foreign.tfp');
    await writeFile(foreign, 'date,AAA\n2020-01-01,1\n');
    await expect(PathStoreReader.open(foreign)).rejects.toThrow(InputError);
    await expect(PathStoreReader.open(foreign)).rejects.toThrow(/not a tailforge path store/);
    await expect(PathStoreReader.open(join(dir, 'none.tfp'))).rejects.toThrow(/none\.tfp: path store not found/);
  });

  it('rejects chunks that do not fit the header', async () => {
    const w = await PathStoreWriter.create(join(dir, 'bad.tfp'), { nPaths: 2, horizon: 2, nAssets: 1, symbols: ['Z'], modelId: 'm', modelName: 'm', seed: 0, weighted: false });
    await expect(w.append(new Float32Array(3))).rejects.toThrow(/not a whole number of paths/);
    await expect(w.append(new Float32Array(2), new Float64Array(1))).rejects.toThrow(/not weighted/);
    await expect(w.append(new Float32Array(6))).rejects.toThrow(/store holds 2 paths/);
    await w.abort();
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitIdentity, gaussianModel, loadModel, ModelContentError, ModelError, readModelDir, saveFittedModel, type ScenarioModel } from '../src/index.js';
import { modelId, type ModelContent } from '../src/models/common/model-id.js';
import { CGAN_DESCRIPTIVE_EXTRA } from '../src/models/cgan/cgan-model.js';
import { returnsFrom } from './helpers/returns-fixture.js';

const CGAN_DOW = fileURLToPath(new URL('../../../examples/models/cgan-dow', import.meta.url));

const content: ModelContent = {
  name: 'toy',
  symbols: ['B', 'A'],
  params: { z: 1, a: true },
  fitInfo: { nObservations: 3, firstDate: '2000-01-03', lastDate: '2000-01-05', dataHash: 'ff' },
  extra: { note: 'x', training: { seconds: 1.25 } },
  arrays: { w: Float64Array.of(1.5) },
};

describe('modelId: a hash of everything that decides samples', () => {
  it('is sha256 of the canonical JSON (sorted keys, arrays by dtype, length and byte hash), worked by hand', () => {
    // 1.5 as a little-endian float64: 00 00 00 00 00 00 f8 3f.
    const bytes = createHash('sha256').update(Buffer.from([0, 0, 0, 0, 0, 0, 0xf8, 0x3f])).digest('hex');
    const canonical =
      `{"arrays":{"w":{"dtype":"float64","length":1,"sha256":"${bytes}"}},` +
      '"extra":{"note":"x"},' +
      '"fitInfo":{"dataHash":"ff","firstDate":"2000-01-03","lastDate":"2000-01-05","nObservations":3},' +
      '"format":"tailforge-model","formatVersion":1,"model":"toy","params":{"a":true,"z":1},"symbols":["B","A"]}';
    const h = createHash('sha256').update(canonical).digest('hex');
    expect(modelId(content, ['training'])).toBe(`toy-${h.slice(0, 12)}`);
  });

  it('ignores key order, fit time and declared descriptive keys; not symbol order, a parameter, an extra fact or one bit of an array', () => {
    const id = modelId(content);
    const same: ModelContent = { ...content, params: { a: true, z: 1 }, fitInfo: { ...content.fitInfo, fittedAt: '2031-01-01T00:00:00Z' } as ModelContent['fitInfo'] };
    expect(modelId(same)).toBe(id);
    // Descriptive keys only drop out when declared.
    expect(modelId({ ...content, extra: { note: 'x', training: { seconds: 9 } } }, ['training'])).toBe(modelId(content, ['training']));
    expect(modelId({ ...content, extra: { note: 'x', training: { seconds: 9 } } })).not.toBe(id);
    const flipped = Float64Array.of(1.5);
    new Uint8Array(flipped.buffer)[0] ^= 1;
    const variants: ModelContent[] = [
      { ...content, symbols: ['A', 'B'] },
      { ...content, params: { z: 2, a: true } },
      { ...content, extra: { note: 'y', training: { seconds: 1.25 } } },
      { ...content, arrays: { w: flipped } },
      { ...content, arrays: { w: Float32Array.of(1.5) } },
      { ...content, arrays: { v: Float64Array.of(1.5) } },
      { ...content, fitInfo: { ...content.fitInfo, dataHash: 'fe' } },
    ];
    for (const other of variants) expect(modelId(other)).not.toBe(id);
  });
});

describe('a model directory is checked against its content id on load', () => {
  let dir: string;
  const data = returnsFrom(80, ['A', 'B', 'C'], (t, a) => 0.01 * Math.sin(t * 0.7 + a * 1.9) + 0.003 * Math.cos(t * t + a));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tailforge-model-id-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function refusal(d: string): Promise<ModelContentError> {
    const e = await loadModel(d).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(ModelContentError);
    const err = e as ModelContentError;
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(new RegExp(`^${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the model's content does not match its id [a-z-]+-[0-9a-f]{12} \\(it hashes to [a-z-]+-[0-9a-f]{12}\\)`));
    expect(err.message).not.toContain('\n');
    return err;
  }

  async function editJson(d: string, edit: (meta: { symbols: string[]; arrays: Record<string, { sha256: string }> }) => void): Promise<void> {
    const file = join(d, 'model.json');
    const meta = JSON.parse(await readFile(file, 'utf8'));
    edit(meta);
    await writeFile(file, JSON.stringify(meta, null, 2));
  }

  it('the same content saved twice has the same id; a fit with other parameters has another', async () => {
    const a = await gaussianModel.fit(data, {}, { seed: 1 });
    const b = await gaussianModel.fit(data, {}, { seed: 2 });
    await a.save(join(dir, 'a'));
    await b.save(join(dir, 'b'));
    const ida = (await readModelDir(join(dir, 'a'))).meta.id;
    expect(ida).toBe(a.id);
    expect((await readModelDir(join(dir, 'b'))).meta.id).toBe(ida);
    expect((await loadModel(join(dir, 'a'))).id).toBe(ida);
    const zero = await gaussianModel.fit(data, { meanZero: true }, { seed: 1 });
    expect(zero.id).not.toBe(a.id);
  });

  it('a plugin save whose content is not what its id was made from is a ModelError, nothing written', async () => {
    const identity = fitIdentity('toy', { scale: 1 }, data, { sd: Float64Array.of(1, 2, 3) });
    const model: ScenarioModel = {
      ...identity,
      name: 'toy',
      capabilities: { conditional: false, tailSampling: false, needsTensorflow: false },
      sample: () => Promise.resolve(new Float32Array(0)),
      save: (d) => saveFittedModel(d, model, { sd: Float64Array.of(1, 2, 4) }),
    };
    await expect(model.save(join(dir, 'toy'))).rejects.toThrow(ModelError);
    await expect(readFile(join(dir, 'toy', 'model.json'))).rejects.toThrow(/ENOENT/);
    await saveFittedModel(join(dir, 'toy-ok'), model, { sd: Float64Array.of(1, 2, 3) });
    expect((await readModelDir(join(dir, 'toy-ok'))).meta.id).toBe(identity.id);
  });

  it('refuses a model.json whose symbols were swapped', async () => {
    const d = join(dir, 'swapped');
    await (await gaussianModel.fit(data, {}, { seed: 1 })).save(d);
    await editJson(d, (m) => {
      m.symbols = ['B', 'A', 'C'];
    });
    await refusal(d);
  });

  it('refuses an edited array file whose sha256 in model.json was updated to match', async () => {
    const d = join(dir, 'weights');
    await (await gaussianModel.fit(data, {}, { seed: 1 })).save(d);
    const file = join(d, 'covariance.f64');
    const bytes = await readFile(file);
    bytes.writeDoubleLE(bytes.readDoubleLE(0) * 1.5, 0);
    await writeFile(file, bytes);
    await editJson(d, (m) => {
      m.arrays.covariance.sha256 = createHash('sha256').update(bytes).digest('hex');
    });
    await refusal(d);
  });

  it('the shipped cgan-dow holds its content id; reordered symbols or an ensemble member\'s edited weights are refused', async () => {
    const shipped = await readModelDir(CGAN_DOW);
    const { meta, arrays } = shipped;
    expect(modelId({ name: meta.model, symbols: meta.symbols, params: meta.params, fitInfo: meta.fitInfo, extra: meta.extra ?? {}, arrays }, CGAN_DESCRIPTIVE_EXTRA)).toBe(meta.id);

    const swapped = join(dir, 'cgan-swapped');
    await cp(CGAN_DOW, swapped, { recursive: true });
    await editJson(swapped, (m) => {
      [m.symbols[0], m.symbols[1]] = [m.symbols[1], m.symbols[0]];
    });
    await refusal(swapped);

    const edited = join(dir, 'cgan-weights');
    await cp(CGAN_DOW, edited, { recursive: true });
    const file = join(edited, 'm1_g_out_w.f32');
    const bytes = await readFile(file);
    bytes.writeFloatLE(bytes.readFloatLE(4) + 0.25, 4);
    await writeFile(file, bytes);
    await editJson(edited, (m) => {
      m.arrays.m1_g_out_w.sha256 = createHash('sha256').update(bytes).digest('hex');
    });
    await refusal(edited);
  });
});

import { describe, it, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { initBackend, isCganModel, loadModel, readPricesCsv, toLogReturns } from '@tailforge/core';
import { DOWJONES } from './helpers.js';

describe('a model saved before the AR mean (examples/models/cgan-dow)', () => {
  it('loads with its id and samples bit for bit as before the change (cpu backend, sha256 of the paths)', async () => {
    // Fingerprints computed with main at 62f47d3 (before the AR mean) by the same requests on the cpu backend.
    await initBackend('cpu');
    const model = await loadModel(fileURLToPath(new URL('../../../examples/models/cgan-dow', import.meta.url)));
    if (!isCganModel(model)) throw new Error('not a cgan');
    expect(model.id).toBe('cgan-562684c118a5');
    expect('arLags' in model.params).toBe(false);
    const returns = toLogReturns(await readPricesCsv(DOWJONES, { symbols: [...model.symbols] }));
    const st = model.historicalStateQuantile(returns, 0.99).state;
    const h = (x: Float32Array) => createHash('sha256').update(Buffer.from(x.buffer, x.byteOffset, x.byteLength)).digest('hex');
    expect(h(await model.sample({ nPaths: 300, horizon: 25, seed: 3 }))).toBe('70e9196e0a15e76604d0e4022fc1a33a89dcae4cfce9327c7398e839d3482f26');
    expect(h(await model.sample({ nPaths: 300, horizon: 25, seed: 4, state: st }))).toBe('96318b45183e03588e1d28ac2e25006ec8068e0a53ec0c629bfbaa970abf49e0');
    model.dispose();
  }, 120_000);
});

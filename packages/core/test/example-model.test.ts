import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { isCganModel, loadModel, readPricesCsv, toLogReturns } from '@tailforge/core';
import { DOWJONES } from './helpers.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/models/cgan-dow', import.meta.url));

function std(x: Float32Array): number {
  let s = 0, s2 = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
  }
  const m = s / x.length;
  return Math.sqrt(s2 / x.length - m * m);
}

describe('the shipped example model examples/models/cgan-dow', () => {
  it('loads, samples finite paths, and a p99 volatility state gives wider paths than a p1 state', async () => {
    const model = await loadModel(EXAMPLE);
    expect(model.name).toBe('cgan');
    if (!isCganModel(model)) throw new Error('not a cgan');
    const horizon = 30; // more than one window: rolls forward
    const paths = await model.sample({ nPaths: 500, horizon, seed: 1 });
    expect(paths).toHaveLength(500 * horizon * model.symbols.length);
    expect(paths.every(Number.isFinite)).toBe(true);

    const returns = toLogReturns(await readPricesCsv(DOWJONES, { symbols: [...model.symbols] }));
    const calm = model.historicalStateQuantile(returns, 0.01);
    const stressed = model.historicalStateQuantile(returns, 0.99);
    expect(stressed.state.values[0]).toBeGreaterThan(calm.state.values[0]);
    const sCalm = std(await model.sample({ nPaths: 1000, horizon: model.window, seed: 2, state: calm.state }));
    const sStressed = std(await model.sample({ nPaths: 1000, horizon: model.window, seed: 2, state: stressed.state }));
    expect(sStressed / sCalm).toBeGreaterThan(1.3);
  });
});

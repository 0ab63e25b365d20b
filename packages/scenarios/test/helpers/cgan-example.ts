import { join, resolve } from 'node:path';
import { initBackend, lastPrices, loadModel, readPricesCsv, toLogReturns, type CganModel, type ReturnsMatrix } from '@tailforge/core';

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../../..');
export const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');
export const MODEL_DIR = join(ROOT, 'examples/models/cgan-dow');

/** examples/portfolios/balanced.csv (quantities). */
const BALANCED: Record<string, number> = {
  AA: 3000, AXP: 2000, BA: 1500, CAT: 2000, GE: 2500, IBM: 1000, JNJ: 1800, JPM: 2200, KO: 1500, MCD: 2500, MRK: 1000, MSFT: 2000, PG: 1200, WMT: 1800, XOM: 2000,
};

export interface Example {
  readonly model: CganModel;
  readonly returns: ReturnsMatrix;
  /** Market values of the balanced portfolio per model symbol (quantity × last price). */
  readonly exposures: Float64Array;
  readonly value: number;
}

let cached: Promise<Example> | undefined;

/** The shipped cgan (30 Dow stocks, window 20) on the wasm backend, the Dow prices and the example portfolio. */
export function example(): Promise<Example> {
  cached ??= (async () => {
    await initBackend('wasm');
    const model = (await loadModel(MODEL_DIR)) as CganModel;
    const table = await readPricesCsv(PRICES, { symbols: [...model.symbols] });
    const last = lastPrices(table);
    const exposures = Float64Array.from(model.symbols, (s, a) => (BALANCED[s] ?? 0) * last.prices[a]);
    return { model, returns: toLogReturns(table), exposures, value: exposures.reduce((x, y) => x + y, 0) };
  })();
  return cached;
}

/** Loss per path, V_0 − Σ_a e_a·exp(Σ_t r[p, t, a]), written out on its own (not through @tailforge/risk). */
export function pathLosses(values: Float32Array, nPaths: number, horizon: number, exposures: Float64Array): Float64Array {
  const A = exposures.length;
  const v0 = exposures.reduce((x, y) => x + y, 0);
  const out = new Float64Array(nPaths);
  const cum = new Float64Array(A);
  for (let p = 0; p < nPaths; p++) {
    cum.fill(0);
    for (let t = 0; t < horizon; t++) for (let a = 0; a < A; a++) cum[a] += values[(p * horizon + t) * A + a];
    let v = 0;
    for (let a = 0; a < A; a++) v += exposures[a] * Math.exp(cum[a]);
    out[p] = v0 - v;
  }
  return out;
}

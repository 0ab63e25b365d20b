import { describe, it, expect, beforeAll } from '@jest/globals';
import { join, resolve } from 'node:path';
import { readPricesCsv, registerBuiltinModels, toLogReturns } from '@tailforge/core';
import { businessDaysAfter, syntheticPrices, type SyntheticChunk } from '@tailforge/engine';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');
const SYMBOLS = ['IBM', 'KO', 'MSFT'];

const collect = async (it: AsyncIterable<SyntheticChunk>): Promise<SyntheticChunk[]> => {
  const out: SyntheticChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
};

describe('syntheticPrices', () => {
  beforeAll(() => registerBuiltinModels());

  it('business days skip weekends', () => {
    expect(businessDaysAfter('2001-01-05', 3)).toEqual(['2001-01-08', '2001-01-09', '2001-01-10']);
    expect(businessDaysAfter('2000-12-29', 2)).toEqual(['2001-01-01', '2001-01-02']);
  });

  it('bootstrap paths: shape, dates after the last real day, every daily return is a row of the history', async () => {
    const table = await readPricesCsv(PRICES, { symbols: SYMBOLS });
    const history = toLogReturns(table);
    const chunks = await collect(syntheticPrices({ pricesFile: PRICES, symbols: SYMBOLS, model: 'bootstrap', paths: 7, horizon: 6, seed: 3, chunkPaths: 3 }));
    expect(chunks.map((c) => [c.firstPath, c.nPaths])).toEqual([[0, 3], [3, 3], [6, 1]]);
    const last = table.dates[table.dates.length - 1];
    const A = SYMBOLS.length;
    for (const c of chunks) {
      expect(c.symbols).toEqual(SYMBOLS);
      expect(c.dates).toEqual(businessDaysAfter(last, 6));
      expect(c.start.date).toBe(last);
      expect(c.prices.length).toBe(c.nPaths * 6 * A);
      for (let p = 0; p < c.nPaths; p++) {
        for (let t = 0; t < 6; t++) {
          // log(P_t / P_{t-1}), with P_{-1} the last real price, must be a history row (to float32 rounding of the paths).
          const r = SYMBOLS.map((_, a) => Math.log(c.prices[(p * 6 + t) * A + a] / (t === 0 ? c.start.prices[a] : c.prices[(p * 6 + t - 1) * A + a])));
          let found = false;
          for (let d = 0; d < history.dates.length && !found; d++) {
            found = r.every((x, a) => Math.abs(x - history.values[d * A + a]) < 2e-6);
          }
          expect(found).toBe(true);
        }
      }
    }
  });

  it('the paths depend on the seed, not on the chunk size; prices given as data give the same', async () => {
    const table = await readPricesCsv(PRICES);
    const a = await collect(syntheticPrices({ pricesFile: PRICES, symbols: SYMBOLS, model: 'gaussian', paths: 5, horizon: 4, seed: 9, chunkPaths: 2 }));
    const b = await collect(syntheticPrices({ prices: table, symbols: SYMBOLS, model: 'gaussian', paths: 5, horizon: 4, seed: 9, chunkPaths: 5 }));
    const flat = (cs: SyntheticChunk[]) => cs.flatMap((c) => Array.from(c.prices));
    expect(flat(b)).toEqual(flat(a));
    const c = await collect(syntheticPrices({ prices: table, symbols: SYMBOLS, model: 'gaussian', paths: 5, horizon: 4, seed: 10 }));
    expect(flat(c)).not.toEqual(flat(a));
  });
});

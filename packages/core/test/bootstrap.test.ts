import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bootstrapModel,
  hashReturns,
  InputError,
  ModelError,
  readPricesCsv,
  toLogReturns,
  type ReturnsMatrix,
} from '../src/index.js';
import { returnsFrom } from './helpers/returns-fixture.js';
import { expectSaveLoadIdentical } from './helpers/save-load.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'];

/** Rows are told apart by asset 0; every value is an irregular non-float32 number. */
function identifiable(nRows: number): ReturnsMatrix {
  return returnsFrom(nRows, SYMBOLS, (t, a) => 0.02 * Math.sin(1.7 * t + 2.3 * a + 0.1) + 1e-5 * t);
}

/** Maps each output step back to its source row (−1 when no row matches exactly). */
function sourceRows(values: Float32Array, returns: ReturnsMatrix): Int32Array {
  const nAssets = returns.symbols.length;
  const byFirst = new Map<number, number>();
  for (let t = 0; t < returns.dates.length; t++) byFirst.set(Math.fround(returns.values[t * nAssets]), t);
  expect(byFirst.size).toBe(returns.dates.length); // the fixture's rows are identifiable
  const rows = new Int32Array(values.length / nAssets);
  for (let s = 0; s < rows.length; s++) {
    const t = byFirst.get(values[s * nAssets]) ?? -1;
    rows[s] = t;
    if (t < 0) continue;
    for (let a = 1; a < nAssets; a++) {
      if (values[s * nAssets + a] !== Math.fround(returns.values[t * nAssets + a])) rows[s] = -1;
    }
  }
  return rows;
}

/** Share of consecutive steps within paths where row t+1 = row t + 1 (mod T), and the count of such pairs. */
function continuationShare(rows: Int32Array, nPaths: number, horizon: number, nRows: number): number {
  let cont = 0;
  for (let p = 0; p < nPaths; p++) {
    for (let t = 1; t < horizon; t++) {
      if (rows[p * horizon + t] === (rows[p * horizon + t - 1] + 1) % nRows) cont++;
    }
  }
  return cont / (nPaths * (horizon - 1));
}

describe('bootstrap model', () => {
  const data = identifiable(200);

  it('has the documented parameters and minimum data', () => {
    expect(bootstrapModel.name).toBe('bootstrap');
    expect(bootstrapModel.capabilities.conditional).toBe(false);
    expect(bootstrapModel.parameters.blockLength.default).toBe(5);
    expect(bootstrapModel.minObservations({})).toBe(20); // max(20, 2·5)
    expect(bootstrapModel.minObservations({ blockLength: 15 })).toBe(30);
    expect(bootstrapModel.minObservations({ blockLength: '12.5' })).toBe(25);
  });

  it('fills fit info and an id that hashes the content: same fit, same id; other parameters, another id', async () => {
    const m = await bootstrapModel.fit(data, {}, { seed: 1 });
    const dataHash = hashReturns(data);
    expect(m.id).toMatch(/^bootstrap-[0-9a-f]{12}$/);
    expect((await bootstrapModel.fit(data, {}, { seed: 2 })).id).toBe(m.id);
    expect(m.params).toEqual({ blockLength: 5 });
    expect(m.symbols).toEqual(SYMBOLS);
    expect(m.fitInfo).toMatchObject({ nObservations: 200, firstDate: '2000-01-03', lastDate: data.dates[199], dataHash });
    expect(Number.isNaN(Date.parse(m.fitInfo.fittedAt))).toBe(false);
    const other = await bootstrapModel.fit(data, { blockLength: 6 }, { seed: 1 });
    expect(other.id).not.toBe(m.id);
  });

  it('samples the requested shape, only exact float32 copies of whole input rows', async () => {
    const m = await bootstrapModel.fit(data, {}, { seed: 1 });
    const v = await m.sample({ nPaths: 300, horizon: 20, seed: 11 });
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(300 * 20 * 3);
    const rows = sourceRows(v, data);
    expect(rows.every((t) => t >= 0)).toBe(true);
  });

  it('keeps blocks: next row follows with probability (1 − q) + q/T, q = 1/blockLength', async () => {
    // A step continues the block with probability 1 − q, or jumps and lands on
    // the next row by chance (q/T). Steps are independent Bernoulli trials, so
    // the share's standard error is √(p(1 − p)/n); allow 4 standard errors.
    const nPaths = 2000;
    const horizon = 20;
    const n = nPaths * (horizon - 1);
    for (const blockLength of [1, 5, 20]) {
      const m = await bootstrapModel.fit(data, { blockLength }, { seed: 1 });
      const rows = sourceRows(await m.sample({ nPaths, horizon, seed: 3 }), data);
      const q = 1 / blockLength;
      const p = 1 - q + q / 200;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(continuationShare(rows, nPaths, horizon, 200) - p)).toBeLessThan(4 * se + 1e-12);
    }
  });

  it('wraps circularly from the last row to the first', async () => {
    // T = 20 rows, blockLength 10: from row 19 the next is row 0 with probability 0.9 + 0.1/20.
    const small = identifiable(20);
    const m = await bootstrapModel.fit(small, { blockLength: 10 }, { seed: 1 });
    const nPaths = 4000;
    const horizon = 10;
    const rows = sourceRows(await m.sample({ nPaths, horizon, seed: 5 }), small);
    let fromLast = 0;
    let toFirst = 0;
    for (let p = 0; p < nPaths; p++) {
      for (let t = 1; t < horizon; t++) {
        if (rows[p * horizon + t - 1] !== 19) continue;
        fromLast++;
        if (rows[p * horizon + t] === 0) toFirst++;
      }
    }
    const p = 0.9 + 0.1 / 20;
    expect(fromLast).toBeGreaterThan(1000);
    expect(Math.abs(toFirst / fromLast - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / fromLast));
  });

  it('starts paths at uniformly random rows (chi-square over 20 bins)', async () => {
    const m = await bootstrapModel.fit(data, {}, { seed: 1 });
    const nPaths = 20_000;
    const rows = sourceRows(await m.sample({ nPaths, horizon: 1, seed: 9 }), data);
    const counts = new Array<number>(20).fill(0);
    for (const t of rows) counts[Math.floor(t / 10)]++;
    const e = nPaths / 20;
    const chi2 = counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
    expect(chi2).toBeLessThan(43.82); // 99.9% quantile of chi-square with 19 degrees of freedom
  });

  it('is deterministic per seed, differs across seeds, and chunked = one-shot', async () => {
    const m = await bootstrapModel.fit(data, {}, { seed: 1 });
    const a = await m.sample({ nPaths: 50, horizon: 15, seed: 42 });
    const b = await m.sample({ nPaths: 50, horizon: 15, seed: 42 });
    const c = await m.sample({ nPaths: 50, horizon: 15, seed: 43 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const first = await m.sample({ nPaths: 17, horizon: 15, seed: 42 });
    const rest = await m.sample({ nPaths: 33, horizon: 15, seed: 42, firstPath: 17 });
    const joined = new Float32Array(a.length);
    joined.set(first);
    joined.set(rest, first.length);
    expect(joined).toEqual(a);
  });

  it('rejects too little data and bad parameters with InputError', async () => {
    await expect(bootstrapModel.fit(identifiable(19), {}, { seed: 1 })).rejects.toThrow(
      'model bootstrap needs at least 20 daily returns, got 19',
    );
    await expect(bootstrapModel.fit(identifiable(29), { blockLength: 15 }, { seed: 1 })).rejects.toThrow(InputError);
    await expect(bootstrapModel.fit(data, { blockLength: 0.5 }, { seed: 1 })).rejects.toThrow(/blockLength must be a number >= 1/);
    await expect(bootstrapModel.fit(data, { blockLength: 'long' }, { seed: 1 })).rejects.toThrow(/blockLength must be a finite number/);
    await expect(bootstrapModel.fit(data, { blockLength: true }, { seed: 1 })).rejects.toThrow(InputError);
    await expect(bootstrapModel.fit(data, { blocklength: 5 }, { seed: 1 })).rejects.toThrow(
      'model bootstrap has no parameter "blocklength"; its parameters are: blockLength',
    );
    const fromString = await bootstrapModel.fit(data, { blockLength: '7' }, { seed: 1 });
    expect(fromString.params).toEqual({ blockLength: 7 });
    const bad = { ...data, values: data.values.slice() };
    bad.values[7] = Number.NaN;
    await expect(bootstrapModel.fit(bad, {}, { seed: 1 })).rejects.toThrow(/BBB on 2000-01-05 is not finite/);
  });

  it('rejects a state (not conditional) and bad request numbers', async () => {
    const m = await bootstrapModel.fit(data, {}, { seed: 1 });
    const state = { values: Float64Array.of(1), label: 'latest' };
    await expect(m.sample({ nPaths: 1, horizon: 1, seed: 1, state })).rejects.toThrow(ModelError);
    await expect(m.sample({ nPaths: 1, horizon: 1, seed: 1, state })).rejects.toThrow(/model bootstrap is not conditional/);
    await expect(m.sample({ nPaths: 1.5, horizon: 1, seed: 1 })).rejects.toThrow(InputError);
    await expect(m.sample({ nPaths: 1, horizon: 0, seed: 1 })).rejects.toThrow(/horizon/);
    await expect(m.sample({ nPaths: 1, horizon: 1, seed: -1 })).rejects.toThrow(/seed/);
    await expect(m.sample({ nPaths: 2 ** 40, horizon: 1, seed: 1 })).rejects.toThrow(/use fewer paths or a shorter horizon/);
  });

  it('save and load restore a model that samples identically', async () => {
    const m = await bootstrapModel.fit(data, { blockLength: 3 }, { seed: 1 });
    await expectSaveLoadIdentical(m, bootstrapModel, { nPaths: 40, horizon: 12, seed: 8 });
    expect(m.params).toEqual({ blockLength: 3 });
  });

  it('fits the Dow Jones 30 returns and replays their rows', async () => {
    const prices = await readPricesCsv(fileURLToPath(new URL('../../../examples/dowjones30_prices.csv', import.meta.url)));
    const returns = toLogReturns(prices);
    expect(returns.symbols.length).toBe(30);
    const m = await bootstrapModel.fit(returns, {}, { seed: 1 });
    expect(m.fitInfo.nObservations).toBe(2528);
    const v = await m.sample({ nPaths: 100, horizon: 20, seed: 2 });
    expect(v.length).toBe(100 * 20 * 30);
    // Every sampled day is some historical day, all 30 returns together.
    const days = new Set<string>();
    for (let t = 0; t < 2528; t++) days.add(Array.from(returns.values.subarray(t * 30, t * 30 + 30), Math.fround).join());
    for (let s = 0; s < 100 * 20; s++) expect(days.has(Array.from(v.subarray(s * 30, s * 30 + 30)).join())).toBe(true);
  });
});

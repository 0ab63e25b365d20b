import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { readPricesCsv } from '../src/market/format/read-prices-csv.js';
import type { PriceTable, ReturnsMatrix } from '../src/market/types.js';
import { hashReturns } from '../src/market/verbs/hash-returns.js';
import { lastPrices } from '../src/market/verbs/last-prices.js';
import { selectSymbols } from '../src/market/verbs/select-symbols.js';
import { sliceDates } from '../src/market/verbs/slice-dates.js';
import { toLogReturns } from '../src/market/verbs/to-log-returns.js';
import { fixture, inputError } from './helpers.js';

/** 4 dates × 3 symbols; price = 100·(row+1) + symbol index, so each cell is recognisable. */
const table: PriceTable = {
  dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'],
  symbols: ['A', 'B', 'C'],
  prices: Float64Array.from([100, 101, 102, 200, 201, 202, 300, 301, 302, 400, 401, 402]),
  source: 'prices.csv',
};

describe('toLogReturns', () => {
  it('matches hand-computed returns on the 3-row fixture', async () => {
    // AAA: 100 → 200 → 50, BBB: 50 → 50 → 25
    const r = toLogReturns(await readPricesCsv(fixture('three-rows.csv')));
    expect(r.dates).toEqual(['2020-01-03', '2020-01-06']);
    expect(r.symbols).toEqual(['AAA', 'BBB']);
    const ln2 = 0.6931471805599453;
    const expected = [ln2, 0, -2 * ln2, -ln2];
    expect(r.values).toHaveLength(4);
    r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 15));
    expect(Object.is(r.values[1], 0)).toBe(true); // a repeated price is an exact zero return
  });

  it('names how many returns were needed and found', async () => {
    const e = await inputError(() => toLogReturns(table, { minObservations: 4 }));
    expect(e.message).toBe('prices.csv: needs at least 4 returns, the file has 3 (after the missing-data policy)');
    expect(toLogReturns(table, { minObservations: 3 }).dates).toHaveLength(3);
    const one = sliceDates(table, { last: 1 });
    expect((await inputError(() => toLogReturns(one))).reason).toBe(
      'needs at least 1 returns, the file has 0 (after the missing-data policy)',
    );
  });

  it('refuses a hand-built table with a non-positive price', async () => {
    const bad: PriceTable = { dates: ['2020-01-01', '2020-01-02'], symbols: ['X', 'Y'], prices: Float64Array.from([1, 2, 1, 0]) };
    const e = await inputError(() => toLogReturns(bad));
    expect(e.message).toBe('column Y: price 0 on 2020-01-02 is not a finite positive number');
  });
});

describe('selectSymbols', () => {
  it('picks columns in the requested order', () => {
    const s = selectSymbols(table, ['C', 'A']);
    expect(s.symbols).toEqual(['C', 'A']);
    expect(s.dates).toEqual(table.dates);
    expect(Array.from(s.prices)).toEqual([102, 100, 202, 200, 302, 300, 402, 400]);
  });

  it('rejects unknown and repeated symbols', async () => {
    expect((await inputError(() => selectSymbols(table, ['A', 'Q']))).message).toBe(
      'prices.csv: symbol "Q" is not in the data; available: A, B, C',
    );
    expect((await inputError(() => selectSymbols(table, ['A', 'A']))).reason).toBe('symbol "A" is selected twice');
    expect((await inputError(() => selectSymbols(table, []))).reason).toBe('no symbols selected');
  });
});

describe('sliceDates', () => {
  it('keeps from..to inclusive, dates need not be in the table', () => {
    const s = sliceDates(table, { from: '2020-01-03', to: '2020-01-06' });
    expect(s.dates).toEqual(['2020-01-03', '2020-01-06']);
    expect(Array.from(s.prices)).toEqual([200, 201, 202, 300, 301, 302]);
    expect(sliceDates(table, { from: '2020-01-04' }).dates).toEqual(['2020-01-06', '2020-01-07']);
    expect(sliceDates(table, { to: '2020-01-05' }).dates).toEqual(['2020-01-02', '2020-01-03']);
  });

  it('last keeps the last N rows (of the from/to range)', () => {
    expect(sliceDates(table, { last: 2 }).dates).toEqual(['2020-01-06', '2020-01-07']);
    expect(Array.from(sliceDates(table, { last: 1 }).prices)).toEqual([400, 401, 402]);
    expect(sliceDates(table, { last: 10 }).dates).toEqual(table.dates);
    expect(sliceDates(table, { to: '2020-01-06', last: 2 }).dates).toEqual(['2020-01-03', '2020-01-06']);
  });

  it('rejects empty results and malformed ranges', async () => {
    expect((await inputError(() => sliceDates(table, { from: '2021-01-01' }))).message).toBe(
      'prices.csv: no prices from 2021-01-01 to the end; the data covers 2020-01-02 to 2020-01-07',
    );
    expect((await inputError(() => sliceDates(table, { from: '2020-01-04', to: '2020-01-05' }))).reason).toBe(
      'no prices from 2020-01-04 to 2020-01-05; the data covers 2020-01-02 to 2020-01-07',
    );
    expect((await inputError(() => sliceDates(table, { from: '2020-02-30' }))).reason).toBe(
      'from date "2020-02-30" is not a real calendar date (day 30; month 2 of 2020 has 29 days)',
    );
    expect((await inputError(() => sliceDates(table, { to: '2020/01/01' }))).reason).toBe('to date "2020/01/01" is not in YYYY-MM-DD form');
    expect((await inputError(() => sliceDates(table, { from: '2020-01-07', to: '2020-01-02' }))).reason).toBe(
      'from date 2020-01-07 is after to date 2020-01-02',
    );
    expect((await inputError(() => sliceDates(table, { last: 0 }))).reason).toBe('last must be a whole number ≥ 1, got 0');
  });
});

describe('lastPrices', () => {
  it('returns the last date and a copy of its row', () => {
    const l = lastPrices(table);
    expect(l.date).toBe('2020-01-07');
    expect(Array.from(l.prices)).toEqual([400, 401, 402]);
    l.prices[0] = -1;
    expect(table.prices[9]).toBe(400);
  });
});

describe('hashReturns', () => {
  const r: ReturnsMatrix = { dates: ['2020-01-03', '2020-01-06'], symbols: ['A', 'B'], values: Float64Array.from([0.5, -0.25, 0, 1]) };

  it('is sha256 over a tag, JSON symbols, JSON dates and little-endian float64 bytes', () => {
    const bytes = Buffer.alloc(32);
    [0.5, -0.25, 0, 1].forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('tailforge-returns-v1\n["A","B"]\n["2020-01-03","2020-01-06"]\n'), bytes]))
      .digest('hex');
    expect(hashReturns(r)).toBe(expected);
  });

  it('changes with any value, symbol or date, and sees -0 apart from 0', () => {
    const h = hashReturns(r);
    expect(hashReturns({ ...r, values: Float64Array.from([0.5, -0.25, 0, 1 + 2 ** -52]) })).not.toBe(h);
    expect(hashReturns({ ...r, values: Float64Array.from([0.5, -0.25, -0, 1]) })).not.toBe(h);
    expect(hashReturns({ ...r, symbols: ['A', 'C'] })).not.toBe(h);
    expect(hashReturns({ ...r, dates: ['2020-01-03', '2020-01-07'] })).not.toBe(h);
    // a subarray view hashes its own bytes, not the whole buffer
    const big = Float64Array.from([9, 0.5, -0.25, 0, 1, 9]);
    expect(hashReturns({ ...r, values: big.subarray(1, 5) })).toBe(h);
  });
});

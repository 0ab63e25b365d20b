import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMarketData, detectFrequency, parseReturnsCsv, periodBefore, readMarketData, toLogReturns } from '../src/index.js';
import { parsePricesCsv } from '../src/market/format/read-prices-csv.js';
import { inputError } from './helpers.js';

describe('returns files become a price index starting at 1', () => {
  it('log returns: the index log returns are the file\'s, the base date the weekday before', () => {
    const text = 'date,A,B\n2020-01-06,0.01,-0.02\n2020-01-07,-0.005,0.03\n2020-01-08,0,0.001\n';
    const r = parseReturnsCsv(text, 'r.csv', { kind: 'log' });
    expect(r.baseDate).toBe('2020-01-03'); // the Friday before Monday 2020-01-06
    expect(r.table.dates).toEqual(['2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08']);
    expect(Array.from(r.table.prices.slice(0, 2))).toEqual([1, 1]);
    expect(r.table.prices[2]).toBeCloseTo(Math.exp(0.01), 15);
    const back = toLogReturns(r.table).values;
    [0.01, -0.02, -0.005, 0.03, 0, 0.001].forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThan(1e-12));
    expect(r.frequency.frequency).toBe('daily');
  });

  it('monthly simple returns: P_t = P_t-1 (1 + R_t), base date the month end before', () => {
    const text = 'date,FUND\n2020-02-29,0.1\n2020-03-31,-0.5\n2020-04-30,0.2\n2020-05-29,0\n';
    const r = parseReturnsCsv(text, 'm.csv', { kind: 'simple' });
    expect(r.baseDate).toBe('2020-01-31');
    expect(Array.from(r.table.prices)).toEqual([1, 1.1, 1.1 * 0.5, 1.1 * 0.5 * 1.2, 1.1 * 0.5 * 1.2]);
    expect(r.frequency).toMatchObject({ frequency: 'monthly', periodsPerYear: 12 });
  });

  it('frequencies from the median spacing', () => {
    expect(detectFrequency(['2020-01-03', '2020-01-10', '2020-01-17', '2020-01-31']).frequency).toBe('weekly');
    expect(detectFrequency(['2020-03-31', '2020-06-30', '2020-09-30']).frequency).toBe('quarterly');
    expect(detectFrequency(['2020-01-01', '2020-03-01', '2020-06-01']).frequency).toBe('irregular');
    expect(periodBefore('2020-01-10', detectFrequency(['2020-01-10', '2020-01-17']))).toBe('2020-01-03');
    expect(periodBefore('2020-03-15', detectFrequency(['2020-03-15', '2020-04-15']))).toBe('2020-02-15');
  });

  it('a simple return of -100% or below is an error, with the percent hint below -1', async () => {
    const e = await inputError(() => parseReturnsCsv('date,A\n2020-01-06,1.5\n2020-01-07,-2.3\n', 'p.csv', { kind: 'simple' }));
    expect(e.message).toBe('p.csv, column A: simple return -2.3 on 2020-01-07 must be > -1 (a loss of 100% or more leaves no price); are the returns in percent? divide them by 100');
  });

  it('missing returns: error names them; ffill takes them as 0; drop drops the row', async () => {
    const text = 'date,A,B\n2020-01-06,0.01,\n2020-01-07,0.02,0.01\n';
    expect((await inputError(() => parseReturnsCsv(text, 'r.csv', { kind: 'log' }))).message).toMatch(/missing return; 1 missing in all \(row 2 column B\); use --missing ffill to take a missing return as 0/);
    const f = parseReturnsCsv(text, 'r.csv', { kind: 'log', missing: 'ffill' });
    expect(f.table.prices[3]).toBe(1);
    expect(f.cells).toEqual([{ date: '2020-01-06', symbol: 'B' }]);
    expect(parseReturnsCsv(text, 'r.csv', { kind: 'log', missing: 'drop' }).table.dates).toEqual(['2020-01-06', '2020-01-07']);
  });

  it('a negative value read as a price: the error suggests --returns', async () => {
    const e = await inputError(() => parsePricesCsv('date,A\n2020-01-06,-0.013\n', 'r.csv'));
    expect(e.message).toBe('r.csv, row 2, column A: price -0.013 must be > 0 (log returns need positive prices); values near 0 look like returns: read the file with --returns FILE --returns-kind simple|log');
  });

  it('readMarketData takes exactly one source and a kind with --returns; returns in percent are an error finding', async () => {
    expect((await inputError(() => readMarketData({}))).message).toBe('give the market data: --prices FILE or --returns FILE');
    expect((await inputError(() => readMarketData({ prices: 'a', returns: 'b' }))).message).toBe('give --prices or --returns, not both');
    expect((await inputError(() => readMarketData({ returns: 'b' }))).message).toMatch(/^--returns needs --returns-kind simple or log/);
    const dir = await mkdtemp(join(tmpdir(), 'tailforge-returns-'));
    const file = join(dir, 'pct.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `2020-${String(1 + Math.floor(i / 20)).padStart(2, '0')}-${String(1 + (i % 20)).padStart(2, '0')},${(i % 3) - 1 + 0.7}`);
    await writeFile(file, `date,A\n${rows.join('\n')}\n`);
    const data = await readMarketData({ returns: file, returnsKind: 'log' });
    expect(data.input).toMatchObject({ kind: 'returns', returnsKind: 'log' });
    const codes = checkMarketData(data).map((f) => `${f.severity}:${f.code}`);
    expect(codes).toContain('error:returns-in-percent');
    expect(codes).toContain('info:returns-frequency');
  });
});

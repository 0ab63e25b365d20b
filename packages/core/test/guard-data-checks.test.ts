import { describe, expect, it } from '@jest/globals';
import { checkData, readPricesCsvWithReport, Rng, type Finding, type PriceTable } from '../src/index.js';
import { parsePricesCsv } from '../src/market/format/read-prices-csv.js';
import { DOWJONES } from './helpers.js';

const SWX = DOWJONES.replace('dowjones30_prices.csv', 'swx_prices.csv');

/** `n` weekdays from 2010-01-04 (a Monday). */
function weekdays(n: number, start = '2010-01-04'): string[] {
  const out: string[] = [];
  let d = Date.parse(`${start}T00:00:00Z`);
  while (out.length < n) {
    const w = new Date(d).getUTCDay();
    if (w !== 0 && w !== 6) out.push(new Date(d).toISOString().slice(0, 10));
    d += 86_400_000;
  }
  return out;
}

/** Random-walk prices (daily log-return sd 1%, prices to 4 decimals so zero returns are rare), seeded. */
function walk(dates: readonly string[], symbols: readonly string[], seed = 1, sd = 0.01): PriceTable {
  const rng = new Rng(seed);
  const A = symbols.length;
  const prices = new Float64Array(dates.length * A);
  for (let a = 0; a < A; a++) prices[a] = 100;
  for (let t = 1; t < dates.length; t++) {
    const m = sd * 0.7 * rng.normal();
    for (let a = 0; a < A; a++) prices[t * A + a] = +(prices[(t - 1) * A + a] * Math.exp(m + sd * 0.7 * rng.normal())).toFixed(4);
  }
  return { dates, symbols, prices };
}

const codes = (fs: readonly Finding[], severity?: Finding['severity']): string[] =>
  fs.filter((f) => severity === undefined || f.severity === severity).map((f) => `${f.code}${f.symbol !== undefined ? `:${f.symbol}` : ''}`);

const clean = walk(weekdays(600), ['A', 'B', 'C']);

describe('checkData: a clean random walk gives no finding', () => {
  it('600 weekdays, 3 assets', () => {
    expect(checkData(clean)).toEqual([]);
  });
});

describe('stale runs', () => {
  it('10 equal prices over two weeks: warn naming the run', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let k = 101; k < 111; k++) t.prices[k * 3 + 1] = t.prices[100 * 3 + 1];
    const fs = checkData(t);
    const stale = fs.find((f) => f.code === 'stale-run');
    expect(stale).toMatchObject({ severity: 'warn', symbol: 'B', dates: [t.dates[100], t.dates[110]], details: { runs: 1, longestRun: 11 } });
    expect(codes(fs, 'warn')).toEqual(['stale-run:B']);
  });

  it('6 equal prices over a week: info only', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let k = 201; k < 206; k++) t.prices[k * 3] = t.prices[200 * 3];
    expect(codes(checkData(t))).toEqual(['stale-run:A']);
    expect(checkData(t)[0].severity).toBe('info');
  });
});

describe('zero returns', () => {
  it('stale Fridays: warn for the weekday (and the overall share)', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    t.dates.forEach((d, i) => {
      if (i > 0 && new Date(`${d}T00:00:00Z`).getUTCDay() === 5) t.prices[i * 3 + 2] = t.prices[(i - 1) * 3 + 2];
    });
    const fs = checkData(t);
    const friday = fs.find((f) => f.code === 'stale-weekday');
    expect(friday).toMatchObject({ severity: 'warn', symbol: 'C', details: { weekday: 'Friday', weekdayShare: 1, otherShare: 0 } });
    expect(fs.find((f) => f.code === 'zero-returns')).toMatchObject({ severity: 'warn', symbol: 'C' });
  });

  it('an asset with 12% zero returns spread over the week: info, no weekday finding', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let i = 1; i < 600; i++) if (i % 8 === 0) t.prices[i * 3] = t.prices[(i - 1) * 3];
    expect(codes(checkData(t))).toEqual(['zero-returns:A']);
    expect(checkData(t)[0].severity).toBe('info');
  });

  it('a date with every price unchanged: info (a holiday row)', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let a = 0; a < 3; a++) t.prices[300 * 3 + a] = t.prices[299 * 3 + a];
    const fs = checkData(t);
    expect(fs).toEqual([expect.objectContaining({ code: 'unchanged-day', severity: 'info', dates: [t.dates[300]] })]);
  });
});

describe('jumps', () => {
  it('a bad tick taken back the next day: warn with its date', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    t.prices[250 * 3 + 1] *= 1.3;
    const fs = checkData(t);
    expect(fs).toEqual([expect.objectContaining({ code: 'reverting-jump', severity: 'warn', symbol: 'B', dates: [t.dates[250]] })]);
  });

  it('the same move shared by the market (a crash and rebound) is not a bad tick', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let a = 0; a < 3; a++) t.prices[250 * 3 + a] *= 0.75;
    expect(checkData(t).filter((f) => f.code === 'reverting-jump')).toEqual([]);
  });

  it('an unadjusted 2:1 split: a split-like jump', () => {
    const t = walk(weekdays(600), ['A', 'B', 'C']);
    for (let k = 400; k < 600; k++) t.prices[k * 3] /= 2;
    expect(checkData(t)).toEqual([expect.objectContaining({ code: 'split-like-jump', severity: 'warn', symbol: 'A', dates: [t.dates[400]] })]);
  });
});

describe('calendar gaps', () => {
  it('a 3-week hole is warn, a 7-day closure info', () => {
    const dates = weekdays(600);
    const holed = [...dates.slice(0, 200), ...dates.slice(215, 400), ...dates.slice(404)];
    const fs = checkData(walk(holed, ['A', 'B']));
    expect(fs.map((f) => [f.code, f.severity, f.details?.calendarDays])).toEqual([
      ['calendar-gap', 'warn', 24], // Friday (row 199) to Monday (row 215): 3 weeks and 3 days
      ['calendar-gap', 'info', 7],
    ]);
  });
});

describe('filled and dropped cells', () => {
  // Calm first, a volatile stretch in rows 300..340, calm again.
  const text = (() => {
    const dates = weekdays(600);
    const rng = new Rng(3);
    const p = [100, 100, 100];
    const lines = ['date,A,B,C'];
    dates.forEach((d, i) => {
      const sd = i >= 300 && i < 340 ? 0.05 : 0.008;
      const m = sd * rng.normal();
      for (let a = 0; a < 3; a++) p[a] *= Math.exp(m + 0.3 * sd * rng.normal());
      const cell = (a: number): string => ((a === 1 && i >= 310 && i < 316) || (a === 2 && i === 100) ? '' : p[a].toFixed(4));
      lines.push(`${d},${cell(0)},${cell(1)},${cell(2)}`);
    });
    return lines.join('\n');
  })();

  it('ffill: a 6-day run inside the volatile stretch is warn, one calm cell info', () => {
    const { table, report, cells } = parsePricesCsv(text, 'p.csv', { missing: 'ffill' });
    expect(cells).toHaveLength(7);
    const fs = checkData(table, { report, cells });
    expect(fs.map((f) => [f.code, f.severity, f.symbol, f.details?.cells, f.details?.inHighVolatility])).toEqual([
      ['filled-cells', 'warn', 'B', 6, 6],
      ['filled-cells', 'info', 'C', 1, 0],
    ]);
    // The flat filled run is the missing-cells check's, not also a stale run.
    expect(fs.some((f) => f.code === 'stale-run')).toBe(false);
  });

  it('drop: the dropped dates, warn as they fall in the volatile stretch', () => {
    const { table, report, cells } = parsePricesCsv(text, 'p.csv', { missing: 'drop' });
    const fs = checkData(table, { report, cells }).filter((f) => f.code === 'dropped-rows');
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'warn', details: { rows: 7, longestRun: 6, inHighVolatility: 6 } });
  });
});

describe('history and returns-like files', () => {
  it('fewer returns than the model needs: error; less than a year: warn', () => {
    const t = walk(weekdays(100), ['A', 'B']);
    expect(codes(checkData(t, {}, { minObservations: 250, model: 'fhs' }), 'error')).toEqual(['history-too-short']);
    expect(checkData(t, {}, { minObservations: 250, model: 'fhs' })[0].message).toBe('99 daily returns, the model fhs needs at least 250');
    expect(codes(checkData(t))).toEqual(['short-history']);
  });

  it('gross returns read as prices: error with the hint, and nothing else', () => {
    const rng = new Rng(5);
    const dates = weekdays(300);
    const prices = Float64Array.from({ length: 600 }, () => 1 + 0.01 * rng.normal());
    const fs = checkData({ dates, symbols: ['A', 'B'], prices });
    expect(codes(fs)).toEqual(['looks-like-returns:A', 'looks-like-returns:B']);
    expect(fs[0].message).toMatch(/gross returns 1 \+ r: subtract 1 and read the file with --returns FILE --returns-kind simple/);
  });

  it('the ignore option leaves codes out', () => {
    const t = walk(weekdays(100), ['A', 'B']);
    expect(checkData(t, {}, { ignore: ['short-history'] })).toEqual([]);
  });
});

describe('the shipped files give no warn or error finding', () => {
  it.each([['dowjones30_prices.csv', DOWJONES], ['swx_prices.csv', SWX]])('%s', async (_name, file) => {
    const { table, report, cells } = await readPricesCsvWithReport(file);
    const fs = checkData(table, { report, cells }, { minObservations: 250 });
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the Dow Jones file: its holiday row and two short stale runs, as info', async () => {
    const { table } = await readPricesCsvWithReport(DOWJONES);
    expect(codes(checkData(table))).toEqual(['stale-run:INTC', 'stale-run:JPM', 'unchanged-day']);
  });
});

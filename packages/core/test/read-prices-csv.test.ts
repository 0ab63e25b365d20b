import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readPricesCsv, readPricesCsvWithReport } from '../src/market/format/read-prices-csv.js';
import { toLogReturns } from '../src/market/verbs/to-log-returns.js';
import { DOWJONES, fixture, inputError } from './helpers.js';

/** Expects reading `name` to fail with exactly `file, <where>: <reason>`. */
async function expectFailure(name: string, where: string, reason: string, options = {}): Promise<void> {
  const file = fixture(name);
  const e = await inputError(() => readPricesCsv(file, options));
  expect(e.message).toBe(`${file}${where}: ${reason}`);
  expect(e.exitCode).toBe(2);
}

describe('readPricesCsv: a clean file', () => {
  it('reads dates, symbols and row-major prices', async () => {
    const t = await readPricesCsv(fixture('three-rows.csv'));
    expect(t.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
    expect(t.symbols).toEqual(['AAA', 'BBB']);
    expect(t.prices).toBeInstanceOf(Float64Array);
    expect(Array.from(t.prices)).toEqual([100, 50, 200, 50, 50, 25]);
    expect(t.source).toBe(fixture('three-rows.csv'));
  });

  it('keeps only the requested symbols, in the caller\'s order', async () => {
    const t = await readPricesCsv(fixture('three-rows.csv'), { symbols: ['BBB', 'AAA'] });
    expect(t.symbols).toEqual(['BBB', 'AAA']);
    expect(Array.from(t.prices)).toEqual([50, 100, 50, 200, 25, 50]);
  });

  it('handles a BOM, CRLF, quotes, blank lines, padded cells and a case-insensitive " Date " header', async () => {
    const t = await readPricesCsv(fixture('crlf-ok.csv'));
    expect(t.symbols).toEqual(['AAA', 'BBB']);
    expect(t.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
    expect(Array.from(t.prices)).toEqual([100.5, 7, 101, 8, 102, 9]);
  });

  it('checks only the selected symbols (a bad cell in another column is ignored)', async () => {
    const t = await readPricesCsv(fixture('non-numeric.csv'), { symbols: ['AAA'] });
    expect(Array.from(t.prices)).toEqual([1, 1]);
  });
});

describe('readPricesCsv: errors name file, row and column', () => {
  it('missing file', async () => {
    const file = fixture('no-such-file.csv');
    const e = await inputError(() => readPricesCsv(file));
    expect(e.message).toBe(`${file}: file not found`);
  });

  it('a directory instead of a file', async () => {
    const dir = fixture('');
    const e = await inputError(() => readPricesCsv(dir));
    expect(e.location.file).toBe(dir);
    expect(e.reason).toBe('is a directory, not a CSV file');
  });

  it('empty file', () =>
    expectFailure('empty.csv', '', 'file is empty; expected a header "date,SYMBOL,..." and one row per date'));

  it('header without data rows', () => expectFailure('header-only.csv', '', 'no data rows, only a header'));

  it('no date column', () =>
    expectFailure('no-date-column.csv', ', row 1, column Day', 'the first column must be "date", found "Day"'));

  it('duplicate column name', () =>
    expectFailure('duplicate-column.csv', ', row 1, column AAA', 'column name "AAA" appears twice (columns 2 and 4)'));

  it('date not in YYYY-MM-DD form', () =>
    expectFailure('bad-date-format.csv', ', row 3, column date', 'date "01/03/2020" is not in YYYY-MM-DD form'));

  it('date that is not on the calendar (2021 is not a leap year)', () =>
    expectFailure('bad-date-calendar.csv', ', row 4, column date',
      'date "2021-02-29" is not a real calendar date (day 29; month 2 of 2021 has 28 days)'));

  it('dates going backwards name both rows', () =>
    expectFailure('dates-decreasing.csv', ', row 4, column date',
      'date 2020-01-03 is earlier than 2020-01-06 on row 3; dates must be strictly increasing'));

  it('a repeated date names both rows', () =>
    expectFailure('dates-duplicate.csv', ', row 4, column date',
      'date 2020-01-03 repeats the date on row 3; dates must be strictly increasing'));

  it('non-numeric price', () =>
    expectFailure('non-numeric.csv', ', row 3, column BBB', 'price "abc" is not a number'));

  it('zero price', () =>
    expectFailure('zero-price.csv', ', row 4, column AAA', 'price 0 must be > 0 (log returns need positive prices); a missing price is NA or empty; if the file holds returns, read it with --returns FILE --returns-kind simple|log'));

  it('negative price', () =>
    expectFailure('negative-price.csv', ', row 2, column BBB', 'price -2.5 must be > 0 (log returns need positive prices)'));

  it('non-finite price', () =>
    expectFailure('infinite-price.csv', ', row 3, column AAA', 'price "1e400" is not finite'));

  it('a row with more fields than the header', () =>
    expectFailure('extra-field.csv', ', row 3', 'the row has 4 fields, the header has 3'));

  it('row numbers count CRLF lines and blank lines', () =>
    expectFailure('crlf-bad.csv', ', row 6, column AAA', 'price "x1" is not a number'));

  it('row numbers count the lines inside a quoted cell', async () => {
    await expectFailure('quoted-newline.csv', ', row 4, column AAA', 'price "x" is not a number', { symbols: ['AAA', 'BBB'] });
    await expectFailure('quoted-newline.csv', ', row 2, column NOTE', 'price "split\nnote" is not a number');
  });

  it('a requested symbol that is not in the file lists available ones', () =>
    expectFailure('missing.csv', '', 'symbol "ZZZ" is not in the file; available: AAA, BBB, CCC', { symbols: ['AAA', 'ZZZ'] }));

  it('a near miss in case is suggested', () =>
    expectFailure('missing.csv', '', 'symbol "bbb" is not in the file (did you mean "BBB"?); available: AAA, BBB, CCC', { symbols: ['bbb'] }));

  it('an unknown policy', async () => {
    const e = await inputError(() => readPricesCsv(fixture('three-rows.csv'), { missing: 'zero' as never }));
    expect(e.message).toBe('unknown missing-data policy "zero"; use error, ffill, drop');
  });
});

describe('readPricesCsv: missing-data policies', () => {
  // missing.csv (file line: date, AAA, BBB, CCC)
  //  2: 2020-01-01  10   20    30
  //  3: 2020-01-02  NA   21    31
  //  4: 2020-01-03  12   n/a   32
  //  5: 2020-01-06  13   null  33
  //  6: 2020-01-07  14   ''    34
  //  7: 2020-01-08  15   25    NaN
  //  8: 2020-01-09  NULL 26    36
  //  9: 2020-01-10  17   27    37
  it('error (the default) names the first missing cells and the total', () =>
    expectFailure('missing.csv', ', row 3, column AAA',
      'missing price; 6 missing in all (row 3 column AAA, row 4 column BBB, row 5 column BBB, row 6 column BBB, ' +
        'row 7 column CCC, …); use --missing ffill to carry the last price forward or --missing drop to drop those dates'));

  it('error only counts the selected symbols', () =>
    expectFailure('missing.csv', ', row 7, column CCC',
      'missing price; 1 missing in all (row 7 column CCC); use --missing ffill to carry the last price forward or --missing drop to drop those dates',
      { symbols: ['CCC'] }));

  it('ffill carries each symbol\'s last price forward', async () => {
    const { table, report } = await readPricesCsvWithReport(fixture('missing.csv'), { missing: 'ffill' });
    expect(table.dates).toHaveLength(8);
    expect(Array.from(table.prices)).toEqual([
      10, 20, 30,
      10, 21, 31,
      12, 21, 32,
      13, 21, 33,
      14, 21, 34,
      15, 25, 34,
      15, 26, 36,
      17, 27, 37,
    ]);
    expect(report).toEqual({
      policy: 'ffill', rowsRead: 8, rowsKept: 8, missingCells: 6, filledCells: 6, droppedRows: 0, droppedDates: [],
    });
  });

  it('ffill cannot fill the first data row', () =>
    expectFailure('missing-first-row.csv', ', row 2, column BBB',
      'missing price in the first data row, and --missing ffill has no earlier price to carry forward (also missing here: CCC); ' +
        'remove the row or use --missing drop',
      { missing: 'ffill' }));

  it('drop removes every date with a missing selected price', async () => {
    const { table, report } = await readPricesCsvWithReport(fixture('missing.csv'), { missing: 'drop' });
    expect(table.dates).toEqual(['2020-01-01', '2020-01-10']);
    expect(Array.from(table.prices)).toEqual([10, 20, 30, 17, 27, 37]);
    expect(report).toEqual({
      policy: 'drop', rowsRead: 8, rowsKept: 2, missingCells: 6, filledCells: 0, droppedRows: 6,
      droppedDates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09'],
    });
  });

  it('drop looks only at the selected symbols', async () => {
    const { table, report } = await readPricesCsvWithReport(fixture('missing.csv'), { missing: 'drop', symbols: ['CCC', 'AAA'] });
    expect(table.dates).toEqual(['2020-01-01', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-10']);
    expect(Array.from(table.prices)).toEqual([30, 10, 32, 12, 33, 13, 34, 14, 37, 17]);
    expect(report.droppedDates).toEqual(['2020-01-02', '2020-01-08', '2020-01-09']);
  });

  it('drop lists every dropped date, however many (issue 13 item 18)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tf-drop-'));
    try {
      const rows = ['date,AAA'];
      const dropped: string[] = [];
      for (let d = 1; d <= 28; d++) {
        const date = `2021-02-${String(d).padStart(2, '0')}`;
        const missing = d > 2 && d <= 18;
        if (missing) dropped.push(date);
        rows.push(`${date},${missing ? 'NA' : 100 + d}`);
      }
      const file = join(dir, 'p.csv');
      await writeFile(file, `${rows.join('\n')}\n`);
      const { report } = await readPricesCsvWithReport(file, { missing: 'drop' });
      expect(report.droppedRows).toBe(16);
      expect(report.droppedDates).toEqual(dropped);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('drop of every row is an error', () =>
    expectFailure('all-missing.csv', '',
      'every one of the 2 rows misses a price of a selected symbol; --missing drop leaves nothing', { missing: 'drop' }));
});

describe('readPricesCsv: the Dow Jones file', () => {
  it('gives 2528 × 30 returns, the first row all exactly 0 (repeated prices)', async () => {
    const t = await readPricesCsv(DOWJONES);
    expect(t.dates).toHaveLength(2529);
    expect(t.symbols).toHaveLength(30);
    expect(t.symbols.slice(0, 3)).toEqual(['AA', 'AXP', 'T']);
    const r = toLogReturns(t);
    expect(r.dates).toHaveLength(2528);
    expect(r.values).toHaveLength(2528 * 30);
    expect(r.dates[0]).toBe('1991-01-02');
    for (let a = 0; a < 30; a++) expect(Object.is(r.values[a], 0)).toBe(true);
    // 1991-01-03 over 1991-01-02: AA 5.88/5.92, AXP 4.73/4.7
    expect(r.values[30]).toBeCloseTo(-0.006779687, 8);
    expect(r.values[31]).toBeCloseTo(0.006362694, 8);
    // last row: 2001-01-02, DIS 27.94
    expect(t.dates[2528]).toBe('2001-01-02');
    expect(t.prices[2528 * 30 + 29]).toBe(27.94);
  });
});

describe('readPricesCsv: missing cells spelled every way', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tf-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('NA, N/A, NaN, null and empty in any case and padding are missing; other words are not', async () => {
    const file = join(dir, 'tokens.csv');
    const cells = ['na', ' N/A ', 'nan', 'NULL', '', '  ', 'Null'];
    const lines = ['date,AAA', '2020-01-01,5', ...cells.map((c, i) => `2020-02-0${i + 1},${c}`), '2020-03-01,6'];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { table, report } = await readPricesCsvWithReport(file, { missing: 'ffill' });
    expect(report.missingCells).toBe(7);
    expect(Array.from(table.prices)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 6]);

    await writeFile(file, 'date,AAA\n2020-01-01,5\n2020-01-02,none\n');
    const e = await inputError(() => readPricesCsv(file, { missing: 'ffill' }));
    expect(e.message).toBe(`${file}, row 3, column AAA: price "none" is not a number`);
  });
});

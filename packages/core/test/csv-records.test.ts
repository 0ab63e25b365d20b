import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readCsvRecords } from '../src/io/csv-records.js';
import { inputError } from './helpers.js';

const fields = (t: string) => readCsvRecords(t, 'f.csv').map((r) => r.fields);
const lines = (t: string) => readCsvRecords(t, 'f.csv').map((r) => r.line);

describe('readCsvRecords: RFC 4180', () => {
  it('quotes, doubled quotes, quoted commas and line breaks, CRLF, lone CR, BOM (hand-checked)', () => {
    const t = '\uFEFFdate,"A, Inc.","say ""hi"""\r\n2001-01-02,"x\r\ny",2\n\n1,"q""q",\r3';
    expect(fields(t)).toEqual([
      ['date', 'A, Inc.', 'say "hi"'],
      ['2001-01-02', 'x\r\ny', '2'],
      [''],
      ['1', 'q"q', ''],
      ['3'],
    ]);
    // Record starts: the quoted line break makes record 2 span lines 2-3.
    expect(lines(t)).toEqual([1, 2, 4, 5, 6]);
  });

  it('spaces around a quoted field are dropped, inside an unquoted one kept; empty fields and a final comma', () => {
    expect(fields(' "a" , b ,,\n')).toEqual([['a', ' b ', '', '']]);
    expect(fields('a,"b",')).toEqual([['a', 'b', '']]);
    expect(fields('""')).toEqual([['']]);
    expect(fields('')).toEqual([]);
  });

  it('comment lines (option) are skipped, quotes in them too; line numbers still count them', () => {
    const r = readCsvRecords('symbol,quantity\n# a "note\r\n  # more\nIBM,5\n', 'f.csv', { comment: '#' });
    expect(r).toEqual([{ line: 1, fields: ['symbol', 'quantity'] }, { line: 4, fields: ['IBM', '5'] }]);
  });

  it('maxRecords stops early (a header only)', () => {
    expect(fields2('a,"b\nc"\n1,2\n"unclosed', 1)).toEqual([['a', 'b\nc']]);
  });

  it('errors name the file, line and column (header name once known)', async () => {
    expect((await inputError(() => readCsvRecords('date,AB\n2001-01-02,1"2\n', 'p.csv'))).message).toBe(
      'p.csv, row 2, column AB: a quote inside an unquoted field; quote the whole field and write the quote as ""',
    );
    expect((await inputError(() => readCsvRecords('date,"A"B\n', 'p.csv'))).message).toBe(
      'p.csv, row 1, column 2: text after the closing quote of a quoted field; quote the whole field and write a quote inside it as ""',
    );
    expect((await inputError(() => readCsvRecords('symbol,quantity\n"IBM,5\nKO,3\n', 'p.csv'))).message).toBe(
      'p.csv, row 2, column symbol: a quoted field is never closed (a quote inside a quoted field is written "")',
    );
  });

  it('reads back any table written by the RFC 4180 rules, with LF or CRLF', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r', '\r\n', 'é'), maxLength: 8 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, finalEol) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        // Quote what must be quoted, and also anything with edge spaces (a quoted field keeps them).
        const write = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) || s === '' ? quote(s) : s);
        const text = rows.map((r) => r.map(write).join(',')).join(eol) + (finalEol ? eol : '');
        expect(fields(text)).toEqual(rows);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

function fields2(t: string, maxRecords: number): string[][] {
  return readCsvRecords(t, 'f.csv', { maxRecords }).map((r) => r.fields);
}

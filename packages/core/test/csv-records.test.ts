import { describe, expect, it } from '@jest/globals';
import { fromCSV } from 'arquero';
import fc from 'fast-check';
import { scanCsvRecords } from '../src/market/format/csv-records.js';

describe('scanCsvRecords', () => {
  it('finds line starts and field counts (hand-checked)', () => {
    const r = scanCsvRecords('a,b\r\n"x\ny",2\n\n1,"q""q",\r3');
    // records: `a,b` | `"x\ny",2` (2 lines) | blank | `1,"q""q",` (lone \r ends it) | `3`
    expect(r.count).toBe(5);
    expect(Array.from(r.line.subarray(0, 5))).toEqual([1, 2, 4, 5, 6]);
    expect(Array.from(r.fields.subarray(0, 5))).toEqual([2, 2, 1, 3, 1]);
  });

  it('agrees with arquero on the number of records and the cells of each', () => {
    // the alphabet of CSV structure, so quotes, line ends and delimiters meet in every combination
    const text = fc.array(fc.constantFrom('a', '1', ',', '"', '\n', '\r', '\r\n', ' '), { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const rows = fromCSV(t, { header: false, autoType: false });
        const r = scanCsvRecords(t);
        expect(r.count).toBe(rows.numRows());
        // a record with k fields has cells in its first k columns and none beyond
        const cols = rows.columnNames().map((n) => rows.column(n)!);
        for (let i = 0; i < r.count; i++) {
          for (let c = 0; c < cols.length; c++) {
            expect(cols[c].at(i) !== undefined).toBe(c < r.fields[i]);
          }
        }
      }),
      { numRuns: 2000, seed: 1 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { splitCsvLine } from '../src/market/format/split-csv-line.js';

describe('splitCsvLine (issue 13 item 13)', () => {
  it('splits as the prices reader does: quotes at a field start, "" escapes', () => {
    expect(splitCsvLine('date,"IBM","A,B"')).toEqual(['date', 'IBM', 'A,B']);
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(splitCsvLine('a,,b,')).toEqual(['a', '', 'b', '']);
    expect(splitCsvLine('ab"c,d')).toEqual(['ab"c', 'd']);
  });
});

/**
 * The fields of one CSV line, by the tokenizer rules of the prices reader
 * (arquero's, as csv-records.ts follows them): a double quote opens a quoted
 * field only at the field's start (after optional spaces), `""` inside it is
 * a quote, the quoted field ends at the closing quote; a comma elsewhere
 * separates fields. The one splitter of the prices header and of portfolio
 * rows, so `"A,B"` is the same symbol in both.
 *
 * @example
 * splitCsvLine('date,"IBM","A,B"'); // => ['date', 'IBM', 'A,B']
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    let j = i;
    while (j < n && line[j] === ' ') j++;
    if (j < n && line[j] === '"') {
      let cur = '';
      let k = j + 1;
      for (; k < n; k++) {
        if (line[k] === '"') {
          if (line[k + 1] === '"') {
            cur += '"';
            k++;
          } else break;
        } else cur += line[k];
      }
      // After the closing quote: up to the next comma (arquero takes it as the separator).
      let e = k + 1;
      while (e < n && line[e] !== ',') e++;
      out.push(cur + line.slice(k + 1, e));
      if (e >= n) return out;
      i = e + 1;
    } else {
      const e = line.indexOf(',', i);
      if (e < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, e));
      i = e + 1;
    }
  }
}

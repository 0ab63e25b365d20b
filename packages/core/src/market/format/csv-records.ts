/**
 * Where each CSV record starts and how many fields it has. arquero returns the
 * cells but not the file line of each record, nor whether a row had more
 * fields than the header (it drops the extras), and a useful error must name
 * both. This pass follows arquero's tokenizer rules (a quote opens a quoted
 * field only at the field's start, `""` escapes a quote, the character after
 * a closing quote is taken as the separator; `\n`, `\r\n` and `\r` end a
 * line; a blank line is a record with one empty field; a final line without
 * a newline is a record) so its records line up one-to-one with arquero's rows.
 */

const QUOTE = 34;
const NEWLINE = 10;
const RETURN = 13;

export interface CsvRecords {
  readonly count: number;
  /** 1-based file line on which record i starts. */
  readonly line: Int32Array;
  /** Number of fields in record i. */
  readonly fields: Int32Array;
}

export function scanCsvRecords(text: string, delimiter = ','): CsvRecords {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let cap = 1024;
  let line = new Int32Array(cap);
  let fields = new Int32Array(cap);
  let count = 0;
  let lineNo = 1;
  let i = 0;

  while (i < n) {
    if (count === cap) {
      cap *= 2;
      const l2 = new Int32Array(cap);
      l2.set(line);
      line = l2;
      const f2 = new Int32Array(cap);
      f2.set(fields);
      fields = f2;
    }
    const start = lineNo;
    let nf = 1;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i >= n) break;
      if (text.charCodeAt(i) === QUOTE) {
        // quoted field: may span lines
        i++;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === NEWLINE) lineNo++;
          else if (c === RETURN) {
            lineNo++;
            if (i + 1 < n && text.charCodeAt(i + 1) === NEWLINE) i++;
          }
          i++;
        }
        if (i >= n) break;
        const c = text.charCodeAt(i++);
        if (c === NEWLINE || c === RETURN) {
          lineNo++;
          if (c === RETURN && i < n && text.charCodeAt(i) === NEWLINE) i++;
          endOfRecord = true;
        } else {
          nf++;
        }
        continue;
      }
      // unquoted field: up to a delimiter or the end of the line
      for (;;) {
        if (i >= n) {
          endOfRecord = true;
          break;
        }
        const c = text.charCodeAt(i++);
        if (c === delim) {
          nf++;
          break;
        }
        if (c === NEWLINE || c === RETURN) {
          lineNo++;
          if (c === RETURN && i < n && text.charCodeAt(i) === NEWLINE) i++;
          endOfRecord = true;
          break;
        }
      }
    }
    line[count] = start;
    fields[count] = nf;
    count++;
  }
  return { count, line, fields };
}

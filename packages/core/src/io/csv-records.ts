import { InputError } from '../errors.js';

/**
 * The one CSV reader of every CSV input (prices, returns, FX, portfolios),
 * so a cell reads the same whichever file it is in. RFC 4180, plus what
 * spreadsheets write:
 *
 * - fields are separated by commas, records by CRLF, LF or a lone CR;
 * - a field that starts with `"` (after optional spaces) is quoted: it runs to
 *   the closing quote and may hold commas, line breaks and `""` (one quote);
 *   only spaces may follow the closing quote before the next comma;
 * - a quote inside an unquoted field is an error (RFC 4180 §2.5: quote the
 *   field and double the quote), as is a quoted field never closed;
 * - a leading byte order mark is dropped; a blank line is a record with one
 *   empty field; a last record without a line break is a record.
 *
 * Errors are InputErrors naming the file, the line and the column (its header
 * name once the header is read, else its 1-based number).
 */

/** One record: the 1-based file line it starts on and its fields, unquoted (not trimmed). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

export interface CsvReadOptions {
  /** Stop after this many records (e.g. 1 to read a header only). */
  readonly maxRecords?: number;
  /** Skip lines whose first non-space character is this one (e.g. `#`), quotes in them included. */
  readonly comment?: string;
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;

/** The records of CSV `input`; `file` names it in errors. */
export function readCsvRecords(input: string, file: string, options: CsvReadOptions = {}): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const max = options.maxRecords ?? Infinity;
  const comment = options.comment?.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  let lineNo = 1;
  let i = 0;
  const columnName = (k: number): string => {
    const h = header?.[k]?.trim();
    return h !== undefined && h !== '' ? h : String(k + 1);
  };

  while (i < n && records.length < max) {
    if (comment !== undefined) {
      let j = i;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
      if (j < n && text.charCodeAt(j) === comment) {
        while (j < n && text.charCodeAt(j) !== NEWLINE && text.charCodeAt(j) !== RETURN) j++;
        if (j < n) {
          lineNo++;
          j += text.charCodeAt(j) === RETURN && j + 1 < n && text.charCodeAt(j + 1) === NEWLINE ? 2 : 1;
        }
        i = j;
        continue;
      }
    }
    const start = lineNo;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      // Spaces before an opening quote are not part of a quoted field.
      let j = i;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
      if (j < n && text.charCodeAt(j) === QUOTE) {
        const openedOn = lineNo;
        let value = '';
        let from = j + 1;
        let k = from;
        let closed = false;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === QUOTE) {
            if (k + 1 < n && text.charCodeAt(k + 1) === QUOTE) {
              value += text.slice(from, k + 1);
              k += 2;
              from = k;
              continue;
            }
            value += text.slice(from, k);
            closed = true;
            k++;
            break;
          }
          if (c === NEWLINE) lineNo++;
          else if (c === RETURN) {
            lineNo++;
            if (k + 1 < n && text.charCodeAt(k + 1) === NEWLINE) k++;
          }
          k++;
        }
        if (!closed) {
          throw new InputError('a quoted field is never closed (a quote inside a quoted field is written "")', {
            file, row: openedOn, column: columnName(fields.length),
          });
        }
        while (k < n && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
        fields.push(value);
        if (k >= n) {
          endOfRecord = true;
          i = k;
        } else {
          const c = text.charCodeAt(k);
          if (c === COMMA) i = k + 1;
          else if (c === NEWLINE || c === RETURN) {
            lineNo++;
            i = c === RETURN && k + 1 < n && text.charCodeAt(k + 1) === NEWLINE ? k + 2 : k + 1;
            endOfRecord = true;
          } else {
            throw new InputError('text after the closing quote of a quoted field; quote the whole field and write a quote inside it as ""', {
              file, row: lineNo, column: columnName(fields.length - 1),
            });
          }
        }
        continue;
      }
      // Unquoted: up to a comma or the end of the line.
      let k = i;
      let c = 0;
      while (k < n) {
        c = text.charCodeAt(k);
        if (c === COMMA || c === NEWLINE || c === RETURN) break;
        if (c === QUOTE) {
          throw new InputError('a quote inside an unquoted field; quote the whole field and write the quote as ""', {
            file, row: lineNo, column: columnName(fields.length),
          });
        }
        k++;
      }
      fields.push(text.slice(i, k));
      if (k >= n) {
        endOfRecord = true;
        i = k;
      } else if (c === COMMA) {
        i = k + 1;
      } else {
        lineNo++;
        i = c === RETURN && k + 1 < n && text.charCodeAt(k + 1) === NEWLINE ? k + 2 : k + 1;
        endOfRecord = true;
      }
    }
    records.push({ line: start, fields });
    header ??= fields;
  }
  return records;
}

/** Whether a record is a blank line (one field, only spaces). */
export function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.length === 1 && r.fields[0].trim() === '';
}

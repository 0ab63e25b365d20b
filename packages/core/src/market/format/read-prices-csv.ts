import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { MISSING_POLICIES, type MissingPolicy, type PriceTable } from '../types.js';
import { isoDateProblem } from '../table/iso-date.js';
import { listSome, resolveSymbols } from '../table/symbols.js';
import { isBlankRecord, readCsvRecords } from '../../io/csv-records.js';

export interface ReadPricesOptions {
  /** Symbols to keep, in this order; all, in file order, when omitted. Only these are checked. */
  readonly symbols?: readonly string[];
  /** What to do with missing prices; default `error`. */
  readonly missing?: MissingPolicy;
}

/** What the missing-data policy did; plain JSON so it can go into a run manifest. */
export interface MissingDataReport {
  readonly policy: MissingPolicy;
  /** Data rows in the file (blank lines not counted). */
  readonly rowsRead: number;
  /** Rows in the resulting table. */
  readonly rowsKept: number;
  /** Missing cells among the selected symbols. */
  readonly missingCells: number;
  /** Cells filled by `ffill`. */
  readonly filledCells: number;
  /** Rows dropped by `drop`. */
  readonly droppedRows: number;
  /** Dates of every dropped row, in file order (`droppedRows` of them). */
  readonly droppedDates: readonly string[];
}

/** One missing input cell: its date and symbol (filled by `ffill`, or the reason its row was dropped by `drop`). */
export interface MissingCellAt {
  readonly date: string;
  readonly symbol: string;
}

/** What the cells of a file hold: prices (> 0) or returns (any finite number; a missing one filled as 0). */
export type CellKind = 'prices' | 'returns';
const MAX_LISTED_CELLS = 5;

/**
 * Reads a price file: header `date,SYM1,SYM2,...`, one row per date
 * (YYYY-MM-DD, strictly increasing), prices > 0. Every problem is an
 * InputError naming the file, the 1-based line and the column.
 */
export async function readPricesCsv(path: string, options: ReadPricesOptions = {}): Promise<PriceTable> {
  return (await readPricesCsvWithReport(path, options)).table;
}

/** {@link readPricesCsv}, plus a report of what the missing-data policy did. */
export async function readPricesCsvWithReport(
  path: string,
  options: ReadPricesOptions = {},
): Promise<{ table: PriceTable; report: MissingDataReport; cells: readonly MissingCellAt[] }> {
  checkPolicy(options.missing);
  return parsePricesCsv(await readText(path), path, options);
}

async function readText(path: string): Promise<string> {
  try {
    const st = await stat(path);
    // A device (/dev/zero) would be read without end.
    if (!st.isFile() && !st.isDirectory()) throw new InputError('is not a regular file', { file: path });
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found'
      : code === 'EISDIR' ? 'is a directory, not a CSV file'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : `cannot read the file (${(e as Error).message})`;
    throw new InputError(reason, { file: path }, { cause: e });
  }
}

function checkPolicy(policy: unknown): void {
  if (policy !== undefined && !MISSING_POLICIES.includes(policy as MissingPolicy)) {
    throw new InputError(`unknown missing-data policy "${String(policy)}"; use ${MISSING_POLICIES.join(', ')}`);
  }
}

/** A decimal number (sign, digits, optional fraction and exponent); no hex, no `Infinity`, no separators. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITE = /^[+-]?inf(?:inity)?$/i;

/** `NA`, `N/A`, `NaN`, `null` or empty, any case (already trimmed). */
function isMissingToken(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 4) return false;
  const l = s.toLowerCase();
  return l === 'na' || l === 'n/a' || l === 'nan' || l === 'null';
}

function trimmed(raw: string | undefined): string {
  if (raw === undefined) return '';
  const n = raw.length;
  return n > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(n - 1) <= 32) ? raw.trim() : raw;
}

/**
 * Parses the text of a price file; `file` is only used in messages. With
 * `kind` `returns` (read-returns-csv.ts) the cells may be any finite number
 * and `ffill` fills a missing cell with 0 (an unchanged price), first row included.
 */
export function parsePricesCsv(
  input: string,
  file: string,
  options: ReadPricesOptions = {},
  kind: CellKind = 'prices',
): { table: PriceTable; report: MissingDataReport; cells: readonly MissingCellAt[] } {
  const noun = kind === 'prices' ? 'price' : 'return';
  const policy = options.missing ?? 'error';
  checkPolicy(policy);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') {
    throw new InputError('file is empty; expected a header "date,SYMBOL,..." and one row per date', { file });
  }

  // The shared RFC 4180 reader (as for portfolios), so a quoted symbol is the same in both.
  const records = readCsvRecords(text, file);
  const nRecords = records.length;

  // header
  const header = records[0].fields.map(trimmed);
  const nCols = header.length;
  if (nCols === 1 && header[0] === '') {
    throw new InputError('the header row is empty; expected "date,SYMBOL,..."', { file, row: 1 });
  }
  if (header[0].toLowerCase() !== 'date') {
    const at = header.findIndex((h) => h.toLowerCase() === 'date');
    const hint = at > 0 ? ` ("${header[at]}" is column ${at + 1})` : '';
    throw new InputError(`the first column must be "date", found "${header[0]}"${hint}`, {
      file, row: 1, column: header[0] === '' ? '1' : header[0],
    });
  }
  const position = new Map<string, number>();
  for (let c = 1; c < nCols; c++) {
    const name = header[c];
    if (name === '') throw new InputError(`column ${c + 1} has no name`, { file, row: 1, column: String(c + 1) });
    const before = position.get(name);
    if (before !== undefined) {
      throw new InputError(`column name "${name}" appears twice (columns ${before + 1} and ${c + 1})`, { file, row: 1, column: name });
    }
    position.set(name, c);
  }
  if (nCols === 1) throw new InputError(`no ${noun} columns after "date"`, { file, row: 1 });

  const available = header.slice(1);
  const symbols = options.symbols === undefined ? available : [...options.symbols];
  const selected = options.symbols === undefined
    ? available.map((_, i) => i + 1)
    : resolveSymbols(available, symbols, { file }, 'the file').map((i) => i + 1);
  const A = symbols.length;

  // rows: dates checked on every row, prices only in the selected columns;
  // a missing price is NaN here until the policy decides.
  const maxRows = nRecords - 1;
  let prices = new Float64Array(maxRows * A);
  const dates: string[] = [];
  const lines: number[] = [];
  const rowMissing = new Uint8Array(maxRows);
  const missingCells: MissingCellAt[] = [];
  let nMissing = 0;
  const firstMissing: { row: number; column: string }[] = [];
  for (let r = 1; r < nRecords; r++) {
    const record = records[r];
    const row = record.line;
    const cells = record.fields;
    const nf = cells.length;
    if (isBlankRecord(record)) continue;
    const rawDate = trimmed(cells[0]);
    if (nf !== nCols) throw new InputError(`the row has ${nf} field${nf === 1 ? '' : 's'}, the header has ${nCols}`, { file, row });
    if (rawDate === '') throw new InputError('the date is missing', { file, row, column: header[0] });
    const problem = isoDateProblem(rawDate);
    if (problem !== undefined) throw new InputError(`date "${rawDate}" ${problem}`, { file, row, column: header[0] });
    const T = dates.length;
    if (T > 0 && rawDate <= dates[T - 1]) {
      const prev = dates[T - 1];
      const what = rawDate === prev ? `repeats the date on row ${lines[T - 1]}` : `is earlier than ${prev} on row ${lines[T - 1]}`;
      throw new InputError(`date ${rawDate} ${what}; dates must be strictly increasing`, { file, row, column: header[0] });
    }
    const base = T * A;
    for (let k = 0; k < A; k++) {
      const s = trimmed(cells[selected[k]]);
      if (isMissingToken(s)) {
        prices[base + k] = NaN;
        rowMissing[T] = 1;
        if (nMissing < MAX_LISTED_CELLS) firstMissing.push({ row, column: symbols[k] });
        missingCells.push({ date: rawDate, symbol: symbols[k] });
        nMissing++;
        continue;
      }
      if (!DECIMAL.test(s)) {
        const reason = INFINITE.test(s) ? `${noun} "${s}" is not finite` : `${noun} "${s}" is not a number`;
        throw new InputError(reason, { file, row, column: symbols[k] });
      }
      const v = +s;
      if (!Number.isFinite(v)) throw new InputError(`${noun} "${s}" is not finite`, { file, row, column: symbols[k] });
      if (v <= 0 && kind === 'prices') {
        // A value near 0 or below it is most likely a return: say how to read such a file.
        const hint =
          v === 0 ? '; a missing price is NA or empty; if the file holds returns, read it with --returns FILE --returns-kind simple|log'
          : v > -1 ? '; values near 0 look like returns: read the file with --returns FILE --returns-kind simple|log'
          : '';
        throw new InputError(`price ${s} must be > 0 (log returns need positive prices)${hint}`, { file, row, column: symbols[k] });
      }
      prices[base + k] = v;
    }
    dates.push(rawDate);
    lines.push(row);
  }
  const rowsRead = dates.length;
  if (rowsRead === 0) throw new InputError('no data rows, only a header', { file });

  let filledCells = 0;
  let droppedRows = 0;
  const droppedDates: string[] = [];
  let outDates = dates;
  if (nMissing > 0) {
    if (policy === 'error') {
      const first = firstMissing[0];
      const cells = firstMissing.map((m) => `row ${m.row} column ${m.column}`).join(', ');
      throw new InputError(
        `missing ${noun}; ${nMissing} missing in all (${cells}${nMissing > firstMissing.length ? ', …' : ''}); ` +
          (kind === 'prices'
            ? 'use --missing ffill to carry the last price forward or --missing drop to drop those dates'
            : 'use --missing ffill to take a missing return as 0 (an unchanged price) or --missing drop to drop those dates'),
        { file, row: first.row, column: first.column },
      );
    }
    if (policy === 'ffill') {
      if (rowMissing[0] === 1 && kind === 'prices') {
        const gaps = symbols.filter((_, k) => Number.isNaN(prices[k]));
        const others = gaps.length > 1 ? ` (also missing here: ${listSome(gaps.slice(1), 5)})` : '';
        throw new InputError(
          `missing price in the first data row, and --missing ffill has no earlier price to carry forward${others}; ` +
            'remove the row or use --missing drop',
          { file, row: lines[0], column: gaps[0] },
        );
      }
      for (let t = 0; t < rowsRead; t++) {
        if (rowMissing[t] === 0) continue;
        const base = t * A;
        for (let k = 0; k < A; k++) {
          if (Number.isNaN(prices[base + k])) {
            prices[base + k] = kind === 'prices' ? prices[base - A + k] : 0;
            filledCells++;
          }
        }
      }
    } else {
      outDates = [];
      let w = 0;
      for (let t = 0; t < rowsRead; t++) {
        if (rowMissing[t] === 1) {
          droppedDates.push(dates[t]);
          droppedRows++;
          continue;
        }
        if (w !== t) prices.copyWithin(w * A, t * A, (t + 1) * A);
        outDates.push(dates[t]);
        w++;
      }
      if (w === 0) {
        throw new InputError(`every one of the ${rowsRead} rows misses a ${noun} of a selected symbol; --missing drop leaves nothing`, { file });
      }
    }
  }
  const T = outDates.length;
  if (prices.length !== T * A) prices = prices.slice(0, T * A);

  return {
    table: { dates: outDates, symbols, prices, source: file },
    report: {
      policy,
      rowsRead,
      rowsKept: T,
      missingCells: nMissing,
      filledCells,
      droppedRows,
      droppedDates,
    },
    cells: missingCells,
  };
}

import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { cellPreview, InputError, isBlankRecord, readCsvRecords } from '@tailforge/core';
import type { Portfolio, Position } from './portfolio.js';
import { fieldOfColumn, instrumentFields } from './position-fields.js';

const QUANTITY_COLUMNS = ['quantity', 'qty', 'units'];
const VALUE_COLUMNS = ['market_value', 'marketvalue', 'value'];

/**
 * Reads a portfolio file: CSV with a header `symbol,quantity` (or
 * `symbol,market_value`), or JSON `{ "name"?: string, "positions": [{ "symbol", "quantity" | "marketValue", "liquidityHorizon"? }] }`
 * (a bare array of positions is accepted too). Errors name the file, row and column.
 */
export async function readPortfolio(file: string): Promise<Portfolio> {
  let text: string;
  try {
    // A directory or a device (/dev/zero) is not a portfolio file; a device would be read without end.
    const st = await stat(file);
    if (!st.isFile()) throw new InputError(st.isDirectory() ? 'is a directory, not a portfolio file' : 'is not a regular file', { file });
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'portfolio file not found' : `cannot read portfolio file (${code ?? String(err)})`, { file });
  }
  const ext = extname(file).toLowerCase();
  const fallbackName = basename(file, extname(file));
  const portfolio = ext === '.json' ? parseJsonPortfolio(text, file, fallbackName) : parseCsvPortfolio(text, file, fallbackName);
  checkPositions(portfolio);
  return portfolio;
}

function parseCsvPortfolio(text: string, file: string, name: string): Portfolio {
  // The shared RFC 4180 reader (as for prices), so a quoted symbol is the same in both.
  const records = readCsvRecords(text, file, { comment: '#' });
  const header = (records[0]?.fields ?? ['']).map((h) => h.trim().toLowerCase());
  const symbolCol = header.indexOf('symbol');
  if (symbolCol < 0) {
    throw new InputError(`expected a header with a "symbol" column and a "quantity" or "market_value" column, found no "symbol" among ${header.length} column(s), the first ${cellPreview(header[0] ?? '')}`, { file, row: 1 });
  }
  const qCol = header.findIndex((h) => QUANTITY_COLUMNS.includes(h));
  const vCol = header.findIndex((h) => VALUE_COLUMNS.includes(h));
  if (qCol < 0 && vCol < 0) {
    throw new InputError(`expected a "quantity" or "market_value" column beside "symbol", found ${header.length - 1} other column(s)`, { file, row: 1 });
  }
  if (qCol >= 0 && vCol >= 0) {
    throw new InputError('give either a "quantity" or a "market_value" column, not both', { file, row: 1 });
  }
  const amountCol = qCol >= 0 ? qCol : vCol;
  // Optional instrument columns (type, currency, multiplier, option_type, strike, expiry, implied_vol, rate, dividend_yield, vol_rule).
  const extra = header.map((h, c) => ({ c, field: fieldOfColumn(h) })).filter((x) => x.field !== undefined);
  const amountName = header[amountCol];
  const positions: Position[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    if (isBlankRecord(record)) continue;
    const row = record.line;
    const cells = record.fields;
    if (cells.length !== header.length) {
      throw new InputError(`expected ${header.length} cells, found ${cells.length}`, { file, row });
    }
    const symbol = cells[symbolCol].trim();
    if (symbol === '') throw new InputError('empty symbol', { file, row, column: 'symbol' });
    const amount = parseAmount(cells[amountCol], { file, row, column: amountName });
    const raw = Object.fromEntries(extra.map((x) => [x.field, cells[x.c].trim()]));
    const fields = extra.length > 0 ? instrumentFields(raw, qCol >= 0 ? 'quantity' : 'marketValue', (f) => ({ file, row, column: f.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) })) : {};
    positions.push(qCol >= 0 ? { symbol, quantity: amount, ...fields, origin: { row } } : { symbol, marketValue: amount, ...fields, origin: { row } });
  }
  if (positions.length === 0) throw new InputError('the portfolio has no positions', { file });
  return { name, file, positions };
}

function parseJsonPortfolio(text: string, file: string, fallbackName: string): Portfolio {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file });
  }
  return portfolioDocument(doc, file, fallbackName);
}

/** A portfolio as data: the JSON portfolio format, `{ name?, positions: [{ symbol, quantity | marketValue }] }`. */
export interface PortfolioInput {
  readonly name?: string;
  readonly capital?: number;
  readonly baseCurrency?: string;
  readonly positions: ReadonlyArray<{
    readonly symbol: string;
    readonly quantity?: number | string;
    readonly marketValue?: number | string;
    readonly liquidityHorizon?: number;
    /** Instrument fields (see `INSTRUMENT_FIELDS` and apps/runner/schemas/portfolio.schema.json). */
    readonly type?: 'equity' | 'future' | 'option' | 'cash';
    readonly currency?: string;
    readonly multiplier?: number;
    readonly optionType?: 'call' | 'put';
    readonly strike?: number;
    readonly expiry?: string;
    readonly impliedVol?: number;
    readonly rate?: number;
    readonly dividendYield?: number;
    readonly volRule?: 'held' | 'realised';
  }>;
}

/**
 * A portfolio given as data (a parsed JSON portfolio, or a bare array of
 * positions), checked as a JSON portfolio file is; `source` names it in
 * errors (e.g. "request body").
 */
export function portfolioFromData(doc: unknown, source = 'portfolio', fallbackName = 'portfolio'): Portfolio {
  const portfolio = portfolioDocument(doc, source, fallbackName);
  checkPositions(portfolio);
  return portfolio;
}

function portfolioDocument(doc: unknown, file: string, fallbackName: string): Portfolio {
  const obj = Array.isArray(doc) ? { positions: doc } : doc;
  if (obj === null || typeof obj !== 'object') throw new InputError('expected an object with a "positions" array', { file });
  const { name, positions, capital, baseCurrency } = obj as { name?: unknown; positions?: unknown; capital?: unknown; baseCurrency?: unknown };
  if (baseCurrency !== undefined && !(typeof baseCurrency === 'string' && /^[A-Z]{3}$/.test(baseCurrency))) {
    throw new InputError(`"baseCurrency" must be a three-letter currency code (e.g. USD), found ${JSON.stringify(baseCurrency)}`, { file, column: 'baseCurrency' });
  }
  if (capital !== undefined && !(typeof capital === 'number' && Number.isFinite(capital) && capital > 0)) {
    throw new InputError(`"capital" must be a number > 0, found ${JSON.stringify(capital)}`, { file, column: 'capital' });
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    throw new InputError('"name" must be a non-empty string', { file, column: 'name' });
  }
  if (!Array.isArray(positions) || positions.length === 0) {
    throw new InputError('expected a non-empty "positions" array', { file, column: 'positions' });
  }
  const out: Position[] = positions.map((p: unknown, i: number) => {
    const path = `positions[${i}]`;
    if (p === null || typeof p !== 'object') throw new InputError('expected an object { "symbol", "quantity" | "marketValue" }', { file, column: path });
    const rec = p as Record<string, unknown>;
    const { symbol, quantity, marketValue, liquidityHorizon } = rec;
    if (typeof symbol !== 'string' || symbol.trim() === '') throw new InputError('expected a non-empty string', { file, column: `${path}.symbol` });
    if ((quantity === undefined) === (marketValue === undefined)) {
      throw new InputError('give exactly one of "quantity" or "marketValue"', { file, column: path });
    }
    const key = quantity !== undefined ? 'quantity' : 'marketValue';
    const value = quantity ?? marketValue;
    const amount = typeof value === 'number' ? checkFinite(value, { file, column: `${path}.${key}` }) : parseAmount(String(value), { file, column: `${path}.${key}` });
    const lh = liquidityHorizon === undefined ? {} : { liquidityHorizon: checkLiquidityHorizon(liquidityHorizon, { file, column: `${path}.liquidityHorizon` }) };
    const fields = instrumentFields(rec, key, (f) => ({ file, column: `${path}.${f}` }));
    return key === 'quantity'
      ? { symbol: symbol.trim(), quantity: amount, ...fields, ...lh, origin: { path } }
      : { symbol: symbol.trim(), marketValue: amount, ...fields, ...lh, origin: { path } };
  });
  return { name: typeof name === 'string' ? name.trim() : fallbackName, file, positions: out, ...(typeof capital === 'number' ? { capital } : {}), ...(typeof baseCurrency === 'string' ? { baseCurrency } : {}) };
}

function checkPositions(p: Portfolio): void {
  const seen = new Map<string, Position>();
  for (const pos of p.positions) {
    const key = positionKey(pos);
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new InputError(`duplicate position in ${positionLabel(pos)} (first at ${where(prev)}); merge them into one row`, {
        file: p.file,
        ...locationOf(pos),
      });
    }
    seen.set(key, pos);
  }
}

/** What identifies a position: its symbol for an equity; type, currency and terms too for other instruments. */
function positionKey(pos: Position): string {
  const o = pos.option;
  return pos.type === undefined ? pos.symbol : [pos.type, pos.symbol, pos.currency ?? '', o?.optionType ?? '', o?.strike ?? '', o?.expiry ?? ''].join('|');
}

/** A position's name in reports and errors: `IBM`, `SPI future`, `SPI call 7000 2001-03-16`, `EUR cash`. */
export function positionLabel(pos: Position): string {
  if (pos.type === undefined || pos.type === 'equity') return pos.symbol;
  if (pos.type === 'option' && pos.option) return `${pos.symbol} ${pos.option.optionType} ${pos.option.strike} ${pos.option.expiry}`;
  return `${pos.symbol} ${pos.type}`;
}

/** The error location (row or JSON path) of a position. */
export function locationOf(pos: Position): { row?: number; column?: string } {
  return pos.origin.row !== undefined ? { row: pos.origin.row, column: 'symbol' } : { column: `${pos.origin.path}.symbol` };
}

function where(pos: Position): string {
  return pos.origin.row !== undefined ? `row ${pos.origin.row}` : String(pos.origin.path);
}

function parseAmount(cell: string, loc: { file: string; row?: number; column: string }): number {
  const s = cell.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw new InputError(`expected a number, found "${s}"`, loc);
  }
  return checkFinite(Number(s), loc);
}

/**
 * Amounts (quantities, market values) the risk figures can carry: 0, or
 * 1e-9 to 1e15 in absolute value. Beyond those the P&L's moments overflow
 * or underflow (1e300 units give an infinite standard deviation, 1e-300 a
 * NaN skewness), so such a cell is bad input, not a failure of the run.
 */
export const AMOUNT_RANGE = { min: 1e-9, max: 1e15 } as const;

/** The FRTB liquidity horizons (days, MAR33.12) a position may name. */
export const LIQUIDITY_HORIZONS: readonly number[] = [10, 20, 40, 60, 120];

function checkLiquidityHorizon(v: unknown, loc: { file: string; column: string }): number {
  if (typeof v !== 'number' || !LIQUIDITY_HORIZONS.includes(v)) {
    throw new InputError(`expected a liquidity horizon in days, one of ${LIQUIDITY_HORIZONS.join(', ')}, found ${typeof v === 'string' ? cellPreview(v) : String(v)}`, loc);
  }
  return v;
}

function checkFinite(v: number, loc: { file: string; row?: number; column: string }): number {
  if (!Number.isFinite(v)) throw new InputError(`expected a finite number, found ${v}`, loc);
  const a = Math.abs(v);
  if (a !== 0 && (a < AMOUNT_RANGE.min || a > AMOUNT_RANGE.max)) {
    throw new InputError(`expected 0 or an amount from ${AMOUNT_RANGE.min} to ${AMOUNT_RANGE.max} in absolute value, found ${v}`, loc);
  }
  return v;
}

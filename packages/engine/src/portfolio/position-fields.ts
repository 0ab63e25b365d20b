import { InputError, type InputLocation } from '@tailforge/core';
import type { InstrumentType, OptionTerms, Position } from './portfolio.js';

/** The instrument fields of a position, as the JSON portfolio names them (the CSV columns are their snake_case). */
export const INSTRUMENT_FIELDS = ['type', 'currency', 'multiplier', 'optionType', 'strike', 'expiry', 'impliedVol', 'rate', 'dividendYield', 'volRule'] as const;
export const INSTRUMENT_TYPES: readonly InstrumentType[] = ['equity', 'future', 'option', 'cash'];
const OPTION_ONLY = ['optionType', 'strike', 'expiry', 'impliedVol', 'rate', 'dividendYield', 'volRule'] as const;

/** CSV column name → JSON field (`option_type` → `optionType`). */
export function fieldOfColumn(column: string): (typeof INSTRUMENT_FIELDS)[number] | undefined {
  const camel = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return (INSTRUMENT_FIELDS as readonly string[]).includes(camel) ? (camel as (typeof INSTRUMENT_FIELDS)[number]) : undefined;
}

/**
 * Checks and converts a position's instrument fields (absent or '' = not
 * given). `where(field)` locates a field for errors: a JSON path
 * `positions[3].strike` or a CSV row and column. Numbers may be strings (CSV).
 */
export function instrumentFields(
  raw: Partial<Record<(typeof INSTRUMENT_FIELDS)[number], unknown>>,
  amountKind: 'quantity' | 'marketValue',
  where: (field: string) => InputLocation,
): Pick<Position, 'type' | 'currency' | 'multiplier' | 'option'> {
  const given = (k: keyof typeof raw) => raw[k] !== undefined && raw[k] !== null && raw[k] !== '';
  const fail = (field: string, msg: string): never => {
    throw new InputError(msg, where(field));
  };
  const num = (k: keyof typeof raw, check: (v: number) => boolean, expected: string): number | undefined => {
    if (!given(k)) return undefined;
    const v = raw[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n) || !check(n)) fail(k, `expected ${expected}, found ${JSON.stringify(v)}`);
    return n;
  };
  let type: InstrumentType = 'equity';
  if (given('type')) {
    const t = String(raw.type).trim().toLowerCase();
    if (!(INSTRUMENT_TYPES as readonly string[]).includes(t)) fail('type', `expected one of ${INSTRUMENT_TYPES.join(', ')}, found ${JSON.stringify(raw.type)}`);
    type = t as InstrumentType;
  }
  let currency: string | undefined;
  if (given('currency')) {
    currency = String(raw.currency).trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) fail('currency', `expected a three-letter currency code (e.g. USD), found ${JSON.stringify(raw.currency)}`);
  }
  const multiplier = num('multiplier', (v) => v > 0, 'a multiplier > 0');
  if (multiplier !== undefined && type !== 'future' && type !== 'option') fail('multiplier', `a multiplier is for futures and options, not ${type} positions`);
  if (type !== 'option') {
    for (const k of OPTION_ONLY) if (given(k)) fail(k, `"${k}" is for option positions (type: option), not ${type}`);
  }
  if ((type === 'option' || type === 'future') && amountKind !== 'quantity') fail('quantity', `${type === 'option' ? 'an option' : 'a future'} position needs a quantity (contracts), not a market value`);
  let option: OptionTerms | undefined;
  if (type === 'option') {
    const ot = given('optionType') ? String(raw.optionType).trim().toLowerCase() : undefined;
    if (ot !== 'call' && ot !== 'put') fail('optionType', `expected "call" or "put", found ${JSON.stringify(raw.optionType ?? null)}`);
    const strike = num('strike', (v) => v > 0, 'a strike > 0');
    if (strike === undefined) fail('strike', 'an option needs a strike > 0');
    const expiry = given('expiry') ? String(raw.expiry).trim() : '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || Number.isNaN(Date.parse(`${expiry}T00:00:00Z`))) fail('expiry', `expected an expiry date YYYY-MM-DD, found ${JSON.stringify(raw.expiry ?? null)}`);
    const impliedVol = num('impliedVol', (v) => v >= 0 && v <= 5, 'an implied volatility between 0 and 5 (0.2 = 20%)');
    if (impliedVol === undefined) fail('impliedVol', 'an option needs an implied volatility (0.2 = 20%)');
    const rate = num('rate', (v) => Math.abs(v) <= 1, 'a rate between -1 and 1 (0.03 = 3%)') ?? 0;
    const dividendYield = num('dividendYield', (v) => Math.abs(v) <= 1, 'a dividend yield between -1 and 1') ?? 0;
    const rule = given('volRule') ? String(raw.volRule).trim().toLowerCase() : 'held';
    if (rule !== 'held' && rule !== 'realised') fail('volRule', `expected "held" or "realised", found ${JSON.stringify(raw.volRule)}`);
    option = { optionType: ot as 'call' | 'put', strike: strike as number, expiry, impliedVol: impliedVol as number, rate, dividendYield, volRule: rule as 'held' | 'realised' };
  }
  return {
    ...(type !== 'equity' ? { type } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(multiplier !== undefined ? { multiplier } : {}),
    ...(option !== undefined ? { option } : {}),
  };
}

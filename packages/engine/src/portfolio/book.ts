import { InputError, type ReturnsMatrix } from '@tailforge/core';
import { bsmDelta, bsmGamma, bsmPrice, bsmVega, type BookInstrument } from '@tailforge/risk';
import type { Portfolio, Position } from './portfolio.js';
import { locationOf, positionLabel } from './read-portfolio.js';

/**
 * How a portfolio meets the prices: its base currency, the FX columns it
 * needs and the price columns to read. `plain` books (equities only, one
 * currency) are valued as before (`simulatePortfolio` on exposures); the
 * others by `simulateBook`.
 */
export interface BookPlan {
  /** Currency of every money figure; undefined when the portfolio names none. */
  readonly baseCurrency?: string;
  /** Price columns to read: the positions' symbols (cash excepted) and the FX columns. */
  readonly symbols: readonly string[];
  /** Per position: its currency, and the FX column converting it into the base currency (with its direction), if any. */
  readonly legs: ReadonlyArray<{ readonly currency?: string; readonly fx?: { readonly column: string; readonly inverse: boolean } }>;
  readonly plain: boolean;
}

/** The currency a position is in: its own, else a cash position's symbol when it is a code, else the base currency. */
function currencyOf(pos: Position): string | undefined {
  if (pos.currency !== undefined) return pos.currency;
  if (pos.type === 'cash' && /^[A-Z]{3}$/.test(pos.symbol)) return pos.symbol;
  return undefined;
}

/**
 * The base currency is `--base-currency`, else the portfolio's `baseCurrency`,
 * else the only currency its positions name. A position in another currency
 * C needs an FX column `CB` (base units per unit of C, e.g. EURUSD in a USD
 * book) or `BC` (used inverted) among the available columns.
 */
export function planBook(portfolio: Portfolio, available: readonly string[], baseCurrencyOption?: string): BookPlan {
  const file = portfolio.file;
  const named = [...new Set(portfolio.positions.map(currencyOf).filter((c): c is string => c !== undefined))];
  if (baseCurrencyOption !== undefined && !/^[A-Z]{3}$/.test(baseCurrencyOption)) {
    throw new InputError(`--base-currency must be a three-letter currency code (e.g. USD), got "${baseCurrencyOption}"`);
  }
  const base = baseCurrencyOption ?? portfolio.baseCurrency ?? (named.length === 1 ? named[0] : undefined);
  if (base === undefined && named.length > 1) {
    throw new InputError(`the portfolio holds positions in ${named.join(', ')}: name the currency of its figures with --base-currency or "baseCurrency"`, { file });
  }
  const known = new Set(available);
  const symbols = new Set<string>();
  const legs = portfolio.positions.map((pos) => {
    if (pos.type !== 'cash') symbols.add(pos.symbol);
    const c = currencyOf(pos) ?? base;
    if (c === undefined || c === base) return { ...(c !== undefined ? { currency: c } : {}) };
    const direct = `${c}${base}`;
    const inverse = `${base}${c}`;
    const column = known.has(direct) ? direct : known.has(inverse) ? inverse : undefined;
    if (column === undefined) {
      throw new InputError(`position in ${c} in a ${base} book: no FX rate, expected a column ${direct} (${base} per ${c}) or ${inverse} in the prices or the --fx file`, { file, ...locationOf(pos) });
    }
    symbols.add(column);
    return { currency: c, fx: { column, inverse: column === inverse } };
  });
  const plain = portfolio.positions.every((p) => p.type === undefined || p.type === 'equity') && legs.every((l) => l.fx === undefined);
  return { ...(base !== undefined ? { baseCurrency: base } : {}), symbols: [...symbols], legs, plain };
}

/** One position of a valued book, as summary.json shows it. */
export interface BookPositionValue {
  readonly symbol: string;
  readonly label: string;
  readonly type: 'equity' | 'future' | 'option' | 'cash';
  readonly currency: string | null;
  readonly quantity: number | null;
  /** Last price of the underlying in its currency (null for cash). */
  readonly price: number | null;
  /** Today's FX rate into the base currency (1 in the base currency). */
  readonly fxRate: number;
  /** Market value in the base currency (a future's is 0). */
  readonly marketValue: number;
  /** Exposure in the base currency: market value; a future's notional; an option's delta-equivalent (Δ · S · units). */
  readonly exposure: number;
  /** Options: price per unit of underlying, and the position's greeks in the base currency (delta per unit of the underlying's price, vega per unit of volatility). */
  readonly option?: { readonly price: number; readonly yearsToExpiry: number; readonly delta: number; readonly gamma: number; readonly vega: number };
}

/** A book valued today, its instruments over the given columns. */
export interface ValuedBook {
  readonly instruments: BookInstrument[];
  readonly positions: BookPositionValue[];
  /** Per instrument, the exposure (what contributions are per). */
  readonly exposures: Float64Array;
  readonly netValue: number;
  /** Per column: Σ delta-equivalent exposure of the instruments on it (for ranking historical windows). */
  readonly columnExposures: Float64Array;
}

const YEAR_MS = 365 * 86_400_000;

/**
 * Builds the instruments of a (non-plain) book over `columns` (the model's
 * or the history's symbols): last prices from `priceOf`, FX legs per
 * `plan`, options' years to expiry from `asOf` (ACT/365), their reference
 * daily volatility (volRule `realised`) from the history's returns.
 * `volShift` moves every option's implied volatility after today (a
 * scenario's `vol`).
 */
export function buildBook(
  portfolio: Portfolio,
  plan: BookPlan,
  columns: readonly string[],
  priceOf: (symbol: string) => number,
  asOf: string,
  history: ReturnsMatrix,
  volShift = 0,
): ValuedBook {
  const file = portfolio.file;
  const col = (symbol: string, pos: Position): number => {
    const c = columns.indexOf(symbol);
    if (c < 0) throw new InputError(`symbol "${symbol}" is not among the modelled symbols (${columns.join(', ')})`, { file, ...locationOf(pos) });
    return c;
  };
  const instruments: BookInstrument[] = [];
  const positions: BookPositionValue[] = [];
  const columnExposures = new Float64Array(columns.length);
  let netValue = 0;
  portfolio.positions.forEach((pos, i) => {
    const leg = plan.legs[i];
    const fxRateRaw = leg.fx ? priceOf(leg.fx.column) : 1;
    const fxRate = leg.fx?.inverse ? 1 / fxRateRaw : fxRateRaw;
    const fx = leg.fx ? { fx: col(leg.fx.column, pos), fxInverse: leg.fx.inverse, fxRate } : {};
    const type = pos.type ?? 'equity';
    const q = pos.quantity;
    const common = { symbol: pos.symbol, label: positionLabel(pos), type, currency: leg.currency ?? null, quantity: q ?? null, fxRate };
    if (type === 'cash') {
      const amount = pos.quantity ?? (pos.marketValue as number);
      instruments.push({ kind: 'cash', amount, ...fx });
      positions.push({ ...common, price: null, marketValue: amount * fxRate, exposure: amount * fxRate });
      if (leg.fx) columnExposures[col(leg.fx.column, pos)] += amount * fxRate * (leg.fx.inverse ? -1 : 1);
      netValue += amount * fxRate;
      return;
    }
    const asset = col(pos.symbol, pos);
    const price = priceOf(pos.symbol);
    if (type === 'equity') {
      const value = pos.marketValue ?? (q as number) * price;
      instruments.push({ kind: 'linear', asset, value, ...fx });
      positions.push({ ...common, price, marketValue: value * fxRate, exposure: value * fxRate });
      columnExposures[asset] += value * fxRate;
      if (leg.fx) columnExposures[col(leg.fx.column, pos)] += value * fxRate * (leg.fx.inverse ? -1 : 1);
      netValue += value * fxRate;
      return;
    }
    const units = (q as number) * (pos.multiplier ?? 1);
    if (type === 'future') {
      const notional = units * price;
      instruments.push({ kind: 'future', asset, notional, ...fx });
      positions.push({ ...common, price, marketValue: 0, exposure: notional * fxRate });
      columnExposures[asset] += notional * fxRate;
      return;
    }
    const o = pos.option as NonNullable<Position['option']>;
    const expiry = (Date.parse(`${o.expiry}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / YEAR_MS;
    if (!(expiry > 0)) {
      throw new InputError(`the option expires on ${o.expiry}, not after the prices' last date ${asOf}`, { file, ...(pos.origin.row !== undefined ? { row: pos.origin.row, column: 'expiry' } : { column: `${pos.origin.path}.expiry` }) });
    }
    const bsm = { type: o.optionType, spot: price, strike: o.strike, expiry, rate: o.rate, dividendYield: o.dividendYield, volatility: o.impliedVol };
    const unitPrice = bsmPrice(bsm);
    const delta = bsmDelta(bsm);
    instruments.push({
      kind: 'option',
      asset,
      optionType: o.optionType,
      units,
      spot: price,
      strike: o.strike,
      expiry,
      rate: o.rate,
      dividendYield: o.dividendYield,
      volatility: o.impliedVol,
      volRule: o.volRule,
      ...(o.volRule === 'realised' ? { referenceVol: dailyVol(history, pos.symbol, file, pos) } : {}),
      ...(volShift !== 0 ? { volShift } : {}),
      ...fx,
    });
    const mv = units * unitPrice * fxRate;
    const exposure = units * delta * price * fxRate;
    positions.push({
      ...common,
      price,
      marketValue: mv,
      exposure,
      option: { price: unitPrice, yearsToExpiry: expiry, delta: units * delta * fxRate, gamma: units * bsmGamma(bsm) * fxRate, vega: units * bsmVega(bsm) * fxRate },
    });
    columnExposures[asset] += exposure;
    if (leg.fx) columnExposures[col(leg.fx.column, pos)] += mv * (leg.fx.inverse ? -1 : 1);
    netValue += mv;
  });
  return { instruments, positions, exposures: Float64Array.from(positions, (p) => p.exposure), netValue, columnExposures };
}

/** Sample standard deviation of a symbol's daily log returns in the history. */
function dailyVol(history: ReturnsMatrix, symbol: string, file: string, pos: Position): number {
  const a = history.symbols.indexOf(symbol);
  const A = history.symbols.length;
  const T = history.dates.length;
  if (a < 0 || T < 2) throw new InputError(`volRule "realised" needs the history of ${symbol}`, { file, ...locationOf(pos) });
  let s = 0;
  for (let t = 0; t < T; t++) s += history.values[t * A + a];
  const mean = s / T;
  let ss = 0;
  for (let t = 0; t < T; t++) ss += (history.values[t * A + a] - mean) ** 2;
  const sd = Math.sqrt(ss / (T - 1));
  if (!(sd > 0)) throw new InputError(`volRule "realised": ${symbol}'s history has no volatility`, { file, ...locationOf(pos) });
  return sd;
}

import { InputError } from '@tailforge/core';
import type { Portfolio } from './portfolio.js';
import { locationOf } from './read-portfolio.js';

export interface PositionValue {
  readonly symbol: string;
  readonly quantity: number | null;
  readonly price: number;
  readonly marketValue: number;
}

/**
 * Current market value per position: quantity × last price, or the market
 * value given in the file. `exposures[a]` lines up with `symbols[a]`.
 */
export function valuePositions(portfolio: Portfolio, symbols: readonly string[], lastPrices: Float64Array): { exposures: Float64Array; positions: PositionValue[] } {
  const exposures = new Float64Array(symbols.length);
  const positions: PositionValue[] = [];
  for (const pos of portfolio.positions) {
    const a = symbols.indexOf(pos.symbol);
    if (a < 0) throw new InputError(`symbol "${pos.symbol}" has no prices`, { file: portfolio.file, ...locationOf(pos) });
    const price = lastPrices[a];
    const mv = pos.marketValue ?? (pos.quantity as number) * price;
    exposures[a] = mv;
    positions.push({ symbol: pos.symbol, quantity: pos.quantity ?? null, price, marketValue: mv });
  }
  const total = exposures.reduce((s, v) => s + v, 0);
  if (!(total > 0)) {
    throw new InputError(
      `the portfolio's current value is ${total.toFixed(2)}; relative figures (returns, drawdowns) need a positive net value`,
      { file: portfolio.file },
    );
  }
  return { exposures, positions };
}

/** Unknown symbols are reported against the portfolio row that names them. */
export function checkSymbolsKnown(portfolio: Portfolio, available: readonly string[], pricesFile: string): void {
  const known = new Set(available);
  for (const pos of portfolio.positions) {
    if (!known.has(pos.symbol)) {
      const sample = available.slice(0, 8).join(', ');
      throw new InputError(
        `unknown symbol "${pos.symbol}": not a column of ${pricesFile} (it has ${available.length} symbols: ${sample}${available.length > 8 ? ', ...' : ''})`,
        { file: portfolio.file, ...locationOf(pos) },
      );
    }
  }
}

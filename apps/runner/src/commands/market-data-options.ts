import { Option, type Command } from 'commander';
import type { MarketDataSource, MissingPolicy, ReturnsKind } from '@tailforge/core';
import { missingPolicy, symbolList } from '../options.js';

/** The options naming market data, shared by the commands that take `--prices FILE` or `--returns FILE`. */
export interface MarketDataOptions {
  prices?: string;
  returns?: string;
  returnsKind?: ReturnsKind;
  symbols?: string[];
  missing: MissingPolicy;
}

export function addMarketDataOptions(command: Command): Command {
  return command
    .option('--prices <file>', 'daily closing prices CSV: first column date (YYYY-MM-DD), one column per symbol')
    .option('--returns <file>', 'returns CSV instead of prices (same layout; daily, weekly or monthly, detected from the dates)')
    .addOption(new Option('--returns-kind <kind>', 'with --returns: simple (P1/P0 - 1) or log (ln P1/P0)').choices(['simple', 'log']))
    .option('--symbols <list>', 'symbols to use (default: every column)', symbolList)
    .addOption(
      new Option('--missing <policy>', 'missing cells: error, ffill (a price carried forward; a return taken as 0) or drop')
        .choices(['error', 'ffill', 'drop'])
        .argParser(missingPolicy)
        .default('error'),
    );
}

export function marketDataSource(opts: MarketDataOptions): MarketDataSource {
  return {
    ...(opts.prices !== undefined ? { prices: opts.prices } : {}),
    ...(opts.returns !== undefined ? { returns: opts.returns } : {}),
    ...(opts.returnsKind !== undefined ? { returnsKind: opts.returnsKind } : {}),
    ...(opts.symbols !== undefined ? { symbols: opts.symbols } : {}),
    missing: opts.missing,
  };
}

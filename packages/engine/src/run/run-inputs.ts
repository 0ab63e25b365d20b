import { detectFrequency, InputError, readMarketData, readPricesCsv, selectSymbols, type MarketData, type MissingDataReport, type PriceTable } from '@tailforge/core';
import { checkScenarioSymbols, readScenarioFile, type ShockScenario } from '@tailforge/scenarios';
import { portfolioFromData, readPortfolio } from '../portfolio/read-portfolio.js';
import { checkSymbolsKnown } from '../portfolio/exposures.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { peekSymbols } from './peek-symbols.js';
import { planBook, type BookPlan } from '../portfolio/book.js';
import { joinOnDates } from './join-prices.js';
import { RUN_DEFAULTS, type ResolvedRequest, type StressTestRequest } from './stress-test.js';

/** The request with the defaults of `tailforge run` filled in. */
export function withDefaults(r: StressTestRequest): ResolvedRequest {
  return {
    ...r,
    model: r.model ?? RUN_DEFAULTS.model,
    modelParams: r.modelParams ?? {},
    paths: r.paths ?? RUN_DEFAULTS.paths,
    horizon: r.horizon ?? RUN_DEFAULTS.horizon,
    confidence: r.confidence ?? RUN_DEFAULTS.confidence,
    seed: r.seed ?? RUN_DEFAULTS.seed,
    missing: r.missing ?? RUN_DEFAULTS.missing,
  };
}

const one = <T>(data: T | undefined, file: string | undefined, what: string): void => {
  if ((data === undefined) === (file === undefined)) throw new InputError(`give the ${what} as data or as a file, exactly one of them`);
};

/** The portfolio, from data or its file. */
export async function portfolioOf(r: { portfolio?: unknown; portfolioFile?: string }): Promise<Portfolio> {
  one(r.portfolio, r.portfolioFile, 'portfolio');
  return r.portfolioFile !== undefined ? readPortfolio(r.portfolioFile) : portfolioFromData(r.portfolio, 'portfolio');
}

/** The portfolio's prices, their symbol universe, and how to get the prices of other symbols (a cgan's). */
export interface RunPrices {
  readonly table: PriceTable;
  readonly report: MissingDataReport;
  readonly universe: readonly string[];
  /** The prices' name in messages. */
  readonly label: string;
  readonly modelPrices: (symbols: readonly string[]) => Promise<PriceTable>;
  /** The market data as read (cells filled or dropped, prices or returns, frequency): what the data checks look at. */
  readonly data: MarketData;
  /** The book's currencies and FX columns (see `planBook`). */
  readonly book: BookPlan;
}

/**
 * The prices of the portfolio's symbols (checked known first, against the
 * file's header alone), from data or a CSV file with the missing-data policy.
 * Prices given as data must be complete.
 */
export async function pricesOf(
  r: Pick<ResolvedRequest, 'prices' | 'pricesFile' | 'missing' | 'returnsKind' | 'fxFile' | 'baseCurrency'>,
  portfolio: Portfolio,
  /** Synthetic histories hold one unit of each index: quantities are fine there. */
  options: { readonly quantitiesAllowed?: boolean } = {},
): Promise<RunPrices> {
  one(r.prices, r.pricesFile, 'prices');
  if (r.pricesFile !== undefined) {
    const file = r.pricesFile;
    const own = await peekSymbols(file);
    // FX rates from a separate file: its columns join the prices' (on the dates both have).
    const fxFile = r.fxFile;
    const fxColumns = fxFile !== undefined ? (await peekSymbols(fxFile)).filter((s) => !own.includes(s)) : [];
    const universe = [...own, ...fxColumns];
    checkSymbolsKnown(portfolio, universe, file);
    const book = planBook(portfolio, universe, r.baseCurrency);
    const fromPrices = book.symbols.filter((s) => own.includes(s));
    const fromFx = book.symbols.filter((s) => !own.includes(s));
    if (fromPrices.length === 0 && fxFile !== undefined) {
      // An FX-only book: its only columns are the FX file's.
      const data = await readMarketData({ prices: fxFile, symbols: fromFx, missing: r.missing });
      return { table: data.table, report: data.report, universe, label: fxFile, modelPrices: (s) => readPricesCsv(fxFile, { symbols: [...s], missing: r.missing }), data, book };
    }
    // A returns file (--returns FILE --returns-kind K) is read into a price index starting at 1.
    const source = (s: readonly string[]) =>
      r.returnsKind !== undefined ? { returns: file, returnsKind: r.returnsKind, symbols: s, missing: r.missing } : { prices: file, symbols: s, missing: r.missing };
    const read = await readMarketData(source(fromPrices));
    if (read.input.kind === 'returns' && options.quantitiesAllowed !== true) {
      const byQuantity = portfolio.positions.find((p) => p.quantity !== undefined);
      if (byQuantity !== undefined) {
        throw new InputError(
          `position ${byQuantity.symbol} is given as a quantity, but with --returns the prices are an index starting at 1: give positions in market value (CSV "symbol,market_value", JSON "marketValue")`,
          { file: portfolio.file },
        );
      }
    }
    const table = fxFile !== undefined && fromFx.length > 0 ? joinOnDates(read.table, await readPricesCsv(fxFile, { symbols: fromFx, missing: r.missing }), fxFile) : read.table;
    const data: MarketData = table === read.table ? read : { ...read, table };
    return { table, report: read.report, universe, label: file, modelPrices: async (s) => (await readMarketData(source(s))).table, data, book };
  }
  if (r.fxFile !== undefined) throw new InputError('--fx joins a file to a prices file: give the FX columns in the prices given as data instead');
  const all = r.prices as PriceTable;
  const label = all.source ?? 'the prices given as data';
  checkSymbolsKnown(portfolio, all.symbols, label);
  const book = planBook(portfolio, all.symbols, r.baseCurrency);
  const symbols = book.symbols;
  const complete = (t: PriceTable): PriceTable => {
    const at = t.prices.findIndex((x) => !(x > 0) || !Number.isFinite(x));
    if (at >= 0) {
      const A = t.symbols.length;
      throw new InputError(`expected a positive price, found ${t.prices[at]} on ${t.dates[Math.floor(at / A)]}: prices given as data must be complete`, { file: label, column: t.symbols[at % A] });
    }
    return t;
  };
  const table = complete(selectSymbols(all, symbols));
  const T = table.dates.length;
  const report: MissingDataReport = { policy: r.missing, rowsRead: T, rowsKept: T, missingCells: 0, filledCells: 0, droppedRows: 0, droppedDates: [] };
  const data: MarketData = { table, report, cells: [], input: { kind: 'prices', file: label }, frequency: detectFrequency(table.dates) };
  return { table, report, universe: all.symbols, label, modelPrices: async (s) => complete(selectSymbols(all, s)), data, book };
}

/** The shock scenarios, from data or their file, checked against the prices' symbols. */
export async function scenariosOf(
  r: { scenarios?: readonly ShockScenario[]; scenarioFile?: string },
  universe: readonly string[],
): Promise<{ file: string; list: ShockScenario[] } | undefined> {
  if (r.scenarios !== undefined && r.scenarioFile !== undefined) throw new InputError('give the shock scenarios as data or as a file, not both');
  if (r.scenarios === undefined && r.scenarioFile === undefined) return undefined;
  const file = r.scenarioFile ?? 'the scenarios given as data';
  const list = r.scenarioFile !== undefined ? await readScenarioFile(r.scenarioFile) : [...(r.scenarios as readonly ShockScenario[])];
  checkScenarioSymbols(list, universe, file);
  return { file, list };
}

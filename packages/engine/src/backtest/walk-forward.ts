import {
  getModel,
  InputError,
  mix32,
  toLogReturns,
  type ConditioningState,
  type MissingDataReport,
  type MissingPolicy,
  type RawParams,
  type PriceTable,
  type ReturnsMatrix,
  type ScenarioModel,
} from '@tailforge/core';
import { pitFromSample, riskAtLevels, simulatePortfolio } from '@tailforge/risk';
import { observe, type RunOptions } from '../run-log.js';
import type { PortfolioInput } from '../portfolio/read-portfolio.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { portfolioOf, pricesOf } from '../run/run-inputs.js';
import { paramsForModel } from './params-for-model.js';

export interface BacktestConfig {
  readonly portfolioFile: string;
  readonly pricesFile: string;
  /** Registry names of the models compared side by side. */
  readonly models: readonly string[];
  /** Parameters for every model (`epochs`) or for one (`cgan.epochs`), see paramsForModel. */
  readonly modelParams: RawParams;
  /** First forecast date (the first day whose next-h-day P&L is forecast). */
  readonly from: string;
  readonly to?: string;
  /** Refit every N forecast days (1 = every day). */
  readonly refit: number;
  readonly horizon: number;
  readonly confidence: readonly number[];
  readonly paths: number;
  readonly seed: number;
  readonly missing: MissingPolicy;
  /** Fit on at most the last N returns before each forecast day (all history when undefined). */
  readonly lookback?: number;
  /**
   * How refits after the first (always full) fit are done: 'warm' continues
   * from the previous fit (models whose capabilities say `warmStart`; the
   * others fit from scratch), 'full' fits from scratch. Default 'warm'.
   */
  readonly refitMode?: RefitMode;
  /** Training passes of a warm refit (the model's own default when undefined). */
  readonly refitEpochs?: number;
  /** Model the others are compared against (Diebold–Mariano); default fhs when compared, else the first model. */
  readonly reference?: string;
}

export type RefitMode = 'full' | 'warm';

/** Where a model's conditioning state came from on each forecast day. */
export type StateSource = 'daily' | 'last-fit' | 'unconditional';

/**
 * A walk-forward backtest: its settings and inputs, each as data or as a
 * file (`portfolio` or `portfolioFile`, `prices` or `pricesFile`).
 */
export interface BacktestRequest extends Omit<BacktestConfig, 'portfolioFile' | 'pricesFile'> {
  readonly portfolio?: PortfolioInput;
  readonly portfolioFile?: string;
  readonly prices?: PriceTable;
  readonly pricesFile?: string;
}

/** One model's forecasts and the realised P&L, day by day (columns as typed arrays). */
export interface ModelForecasts {
  readonly model: string;
  /** Ids of the fitted models, one per refit. */
  readonly fittedIds: readonly string[];
  /** var[l][d] and es[l][d]: level l, forecast day d; positive losses. */
  readonly var: readonly Float64Array[];
  readonly es: readonly Float64Array[];
  /**
   * pit[d]: share of the forecast's simulated P&L at or below the realised
   * P&L of day d (its probability integral transform, `pitFromSample`).
   */
  readonly pit: Float64Array;
  /** Fits from scratch and warm refits (see BacktestConfig.refitMode). */
  readonly fullFits: number;
  readonly warmRefits: number;
  /**
   * 'daily': a conditional model sampled from each forecast day's own state
   * (its `stateAt`); 'last-fit': a conditional model without `stateAt`, so
   * from the state of its last fit; 'unconditional': no state.
   */
  readonly state: StateSource;
  /** Wall time of this model's walk-forward (fits and forecasts), seconds. */
  readonly seconds: number;
  /** Where that time went: the first fit, every later refit (in order), and the daily forecasts (state, sampling, VaR/ES). */
  readonly timing: WalkForwardTiming;
}

/** Wall seconds of a model's walk-forward by phase. */
export interface WalkForwardTiming {
  readonly firstFit: number;
  readonly refits: readonly number[];
  readonly forecasts: number;
}

export interface WalkForwardResult {
  readonly config: BacktestRequest;
  readonly portfolio: Portfolio;
  readonly missingReport: MissingDataReport;
  /** Forecast dates: the day each forecast is made (data up to and including it). */
  readonly dates: readonly string[];
  /** Realised P&L over the h days after each forecast date, of the positions held on that date. */
  readonly realized: Float64Array;
  readonly forecasts: readonly ModelForecasts[];
}

/**
 * Walk-forward backtest: for each day t from `from`, each model is fitted on
 * returns up to t only (refitted every `refit` days), simulates the next
 * `horizon` days from that day's positions (quantity × price on t, or the
 * given market value), and its VaR / ES are set against the P&L that was
 * realised over those days. With horizon > 1 consecutive windows overlap, so
 * exceptions are autocorrelated (the evaluation also counts them on
 * non-overlapping windows). A conditional model is sampled from each forecast
 * day's own state (computed from returns up to that day) whatever the refit
 * schedule: a refit changes the weights, never the day's state.
 */
export async function walkForward(config: BacktestRequest, options: RunOptions = {}): Promise<WalkForwardResult> {
  const log = observe(options);
  const factories = config.models.map((m) => getModel(m));
  const paramsOf = factories.map((f) => paramsForModel(f.name, config.modelParams));
  const minObs = Math.max(...factories.map((f, i) => f.minObservations(paramsOf[i])));
  const portfolio = await portfolioOf(config);
  const { table, report, label: pricesLabel, book } = await pricesOf(config, portfolio);
  if (!book.plain) {
    throw new InputError('a backtest values positions linearly in one currency: it takes books of equities (long or short), not options, futures, cash or foreign-currency positions', { file: portfolio.file });
  }
  const symbols = portfolio.positions.map((p) => p.symbol);
  const A = symbols.length;
  const T = table.dates.length;
  const h = config.horizon;

  const first = table.dates.findIndex((d) => d >= config.from);
  if (first < 0) throw new InputError(`--from ${config.from} is after the last date in the prices (${table.dates[T - 1]})`, { file: pricesLabel });
  if (first < minObs) {
    throw new InputError(
      `--from ${config.from} leaves ${first} daily returns before the first forecast; the models need at least ${minObs}: choose a later date (e.g. ${table.dates[Math.min(minObs, T - 1)]})`,
    );
  }
  let last = T - 1 - h;
  if (config.to !== undefined) {
    const toIdx = table.dates.findLastIndex((d) => d <= config.to!);
    last = Math.min(last, toIdx);
  }
  if (last < first) throw new InputError(`no forecast days between ${config.from} and ${config.to ?? table.dates[T - 1]} with ${h} days of realised P&L after them`);
  const nDays = last - first + 1;
  const returns = toLogReturns(table);

  // Exposures and realised P&L per forecast day.
  const qty = new Float64Array(A);
  const mv = new Float64Array(A);
  const byValue = new Uint8Array(A);
  portfolio.positions.forEach((p, a) => {
    if (p.marketValue !== undefined) {
      mv[a] = p.marketValue;
      byValue[a] = 1;
    } else qty[a] = p.quantity as number;
  });
  const exposuresAt = (t: number, out: Float64Array): Float64Array => {
    for (let a = 0; a < A; a++) out[a] = byValue[a] ? mv[a] : qty[a] * table.prices[t * A + a];
    return out;
  };
  const dates: string[] = [];
  const realized = new Float64Array(nDays);
  const exp = new Float64Array(A);
  for (let d = 0; d < nDays; d++) {
    const t = first + d;
    dates.push(table.dates[t]);
    exposuresAt(t, exp);
    let pnl = 0;
    for (let a = 0; a < A; a++) pnl += exp[a] * (table.prices[(t + h) * A + a] / table.prices[t * A + a] - 1);
    realized[d] = pnl;
  }

  const levels = config.confidence;
  const forecasts: ModelForecasts[] = [];
  const total = nDays * factories.length;
  let done = 0;
  const mode = config.refitMode ?? 'warm';
  for (const [fi, factory] of factories.entries()) {
    const params = paramsOf[fi];
    const started = performance.now();
    const varCols = levels.map(() => new Float64Array(nDays));
    const esCols = levels.map(() => new Float64Array(nDays));
    const pit = new Float64Array(nDays);
    const fittedIds: string[] = [];
    const warm = mode === 'warm' && factory.capabilities.warmStart === true && typeof factory.refit === 'function';
    let fullFits = 0;
    let warmRefits = 0;
    let state: StateSource = factory.capabilities.conditional ? 'daily' : 'unconditional';
    let model: ScenarioModel | undefined;
    let firstFit = 0, forecastMs = 0;
    const refits: number[] = [];
    for (let d = 0; d < nDays; d++) {
      const t = first + d;
      if (d % config.refit === 0 || model === undefined) {
        const fitStarted = performance.now();
        // Price rows 0..t give return rows 0..t-1: nothing after day t is seen.
        const start = config.lookback !== undefined ? Math.max(0, t - config.lookback) : 0;
        const rows = returnRows(returns, start, t);
        const previous = model;
        // Only samples are read here, so fit-time diagnostics (a cgan's model card) are skipped.
        if (warm && previous !== undefined) {
          model = await factory.refit!(previous, rows, params, { seed: config.seed, diagnostics: false, ...(config.refitEpochs !== undefined ? { epochs: config.refitEpochs } : {}) });
          warmRefits++;
        } else {
          model = await factory.fit(rows, params, { seed: config.seed, diagnostics: false });
          fullFits++;
        }
        if (previous !== undefined && previous !== model) disposeModel(previous);
        fittedIds.push(model.id);
        const fitSeconds = (performance.now() - fitStarted) / 1000;
        if (previous === undefined) firstFit = fitSeconds;
        else refits.push(fitSeconds);
      }
      const forecastStarted = performance.now();
      const seed = mix32(config.seed, t);
      // The day's state from returns up to day t (return row t − 1 ends on price day t).
      let dayState: ConditioningState | undefined;
      if (model.capabilities.conditional) {
        if (typeof model.stateAt === 'function') dayState = model.stateAt(returns, t - 1);
        else state = 'last-fit';
      }
      const values = await model.sample({ nPaths: config.paths, horizon: h, seed, ...(dayState !== undefined ? { state: dayState } : {}) });
      const sim = simulatePortfolio({ values, nPaths: config.paths, horizon: h, nAssets: A }, exposuresAt(t, exp));
      const risk = riskAtLevels(sim.pnl, [...levels]);
      for (let l = 0; l < levels.length; l++) {
        varCols[l][d] = risk[l].var;
        esCols[l][d] = risk[l].es;
      }
      pit[d] = pitFromSample(sim.pnl, realized[d]);
      forecastMs += performance.now() - forecastStarted;
      log.progress(`backtest ${factory.name}`, ++done, total);
    }
    if (model !== undefined) disposeModel(model);
    const seconds = (performance.now() - started) / 1000;
    const timing: WalkForwardTiming = { firstFit, refits, forecasts: forecastMs / 1000 };
    forecasts.push({ model: factory.name, fittedIds, var: varCols, es: esCols, pit, fullFits, warmRefits, state, seconds, timing });
    if (state === 'last-fit') log.warn('state', `${factory.name} is conditional but has no stateAt: each forecast used the state of its last fit`, { model: factory.name });
    const refitTotal = refits.reduce((a, b) => a + b, 0);
    log.info('model', `${factory.name}: ${nDays} forecasts, ${fullFits} full fits, ${warmRefits} warm refits, ${seconds.toFixed(1)} s (first fit ${firstFit.toFixed(1)} s, later refits ${refitTotal.toFixed(1)} s, forecasts ${timing.forecasts.toFixed(1)} s)`, {
      model: factory.name, days: nDays, fits: fittedIds.length, fullFits, warmRefits, seconds, firstFitSeconds: firstFit, refitSeconds: refitTotal, forecastSeconds: timing.forecasts,
    });
  }
  return { config, portfolio, missingReport: report, dates, realized, forecasts };
}

/** Frees a model's native memory (a cgan's TF.js weights) once the walk-forward is done with it. */
function disposeModel(m: ScenarioModel): void {
  const d = (m as { dispose?: () => void }).dispose;
  if (typeof d === 'function') d.call(m);
}

/** Return rows [start, end) as a ReturnsMatrix view (no copy of the values). */
function returnRows(r: ReturnsMatrix, start: number, end: number): ReturnsMatrix {
  const A = r.symbols.length;
  return { symbols: r.symbols, dates: r.dates.slice(start, end), values: r.values.subarray(start * A, end * A) };
}

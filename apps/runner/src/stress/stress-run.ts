import {
  getModel,
  InputError,
  loadModel,
  readPricesCsvWithReport,
  sliceDates,
  toLogReturns,
  lastPrices,
  type MissingDataReport,
  type MissingPolicy,
  type RawParams,
  type ScenarioModel,
} from '@tailforge/core';
import { checkScenarioSymbols, readScenarioFile, type PathSet } from '@tailforge/scenarios';
import { simulateOverStore } from './stream-pass.js';
import { evaluateStress, type ReplaySpec, type StressOutcome } from './stress-scenarios.js';
import { walkForward, type WalkForwardResult } from '../backtest/walk-forward.js';
import { evaluateBacktest, type ModelEvaluation } from '../backtest/evaluate.js';
import {
  simulatePortfolio,
  riskAtLevels,
  drawdownSummary,
  type RiskAtLevel,
} from '@tailforge/risk';
import type { Logger } from '../log/logger.js';
import { readPortfolio } from '../portfolio/read-portfolio.js';
import { checkSymbolsKnown, valuePositions, type PositionValue } from '../portfolio/exposures.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { peekSymbols } from './peek-symbols.js';
import { valueBands, type ValueBands } from './value-bands.js';
import { computeAnalytics, reportHorizons, type RiskAnalytics } from './analytics.js';
import type { FocusConfig } from './focus-options.js';
import { checkFocusUsage, generateForPlan, generateToStoreForPlan, planFocus, withBaselineState } from './scenario-focus.js';
import { runFocus, type FocusOutcome } from './focus-outcomes.js';
import { weightedDrawdownSummary } from './weighted-figures.js';

/** Everything that defines one stress run; recorded in the manifest. */
export interface StressRunConfig extends FocusConfig {
  readonly portfolioFile: string;
  readonly pricesFile: string;
  /** Registry name of the model to fit on the prices (ignored when modelDir is given). */
  readonly model: string;
  readonly modelParams: RawParams;
  /** A saved, already trained model to use instead of fitting one. */
  readonly modelDir?: string;
  readonly paths: number;
  readonly horizon: number;
  readonly confidence: readonly number[];
  readonly seed: number;
  readonly missing: MissingPolicy;
  /** Fit on the last N returns only; all history when undefined. */
  readonly lookback?: number;
  /** Intermediate days at which VaR / ES are also reported (default 1, 5, 10, 20 below the horizon). */
  readonly horizons?: readonly number[];
  /** Drawdown limit whose breach probability is reported (fraction, default 0.15). */
  readonly drawdownLimit?: number;
  /**
   * Write the paths to this path store and stream the risk pass over it, one
   * chunk in memory at a time (for runs whose paths do not fit in memory).
   */
  readonly pathStore?: string;
  /** Historical windows to replay (default: the 5 worst for the portfolio). */
  readonly replay?: ReplaySpec;
  /** Hypothetical shock scenarios (JSON or YAML; see @tailforge/scenarios readScenarioFile). */
  readonly scenarioFile?: string;
  /** Also backtest the run's model type (one-day VaR / ES from this date on), for the report's backtest table. */
  readonly backtest?: { readonly from: string; readonly refit?: number; readonly lookback?: number; readonly paths?: number };
}

export interface StressRunResult {
  readonly config: StressRunConfig;
  readonly portfolio: Portfolio;
  readonly positions: readonly PositionValue[];
  readonly asOf: string;
  readonly initialValue: number;
  readonly model: ScenarioModel;
  readonly missingReport: MissingDataReport;
  /** The scenario set's description (its values are not kept when streamed through a path store). */
  readonly pathSet: Omit<PathSet, 'values'>;
  /** The path store the paths were written to, when the run streamed them. */
  readonly pathStore?: string;
  readonly pnl: Float64Array;
  readonly maxDrawdown: Float64Array;
  readonly risk: readonly RiskAtLevel[];
  readonly drawdown: ReturnType<typeof drawdownSummary>;
  readonly timings: Readonly<Record<'read' | 'fit' | 'generate' | 'risk', number>>;
  /** Day-wise quantiles of the portfolio value (the report's fan chart); bounded memory however many paths. */
  readonly valueBands?: ValueBands;
  /** Horizons, estimation errors, parametric and historical references, drawdown detail, contributions. */
  readonly analytics: RiskAnalytics;
  /** Historical replays and hypothetical shocks. */
  readonly stress: readonly StressOutcome[];
  /** Stressed state, tail focus, reverse stress (cgan models), and the state the paths started from. */
  readonly focus?: FocusOutcome;
  /** The walk-forward backtest, when asked for. */
  readonly backtest?: { readonly result: WalkForwardResult; readonly evaluation: readonly ModelEvaluation[] };
}

/**
 * One stress run: portfolio and prices in, model fitted on the portfolio's
 * symbols, scenario paths generated, P&L, VaR/ES and drawdowns computed.
 * Pure of output files: writing is the caller's job.
 */
export async function stressRun(config: StressRunConfig, log: Logger): Promise<StressRunResult> {
  const t0 = performance.now();
  // Usage mistakes first: an unknown model or bad parameters cost no file reading.
  const factory = config.modelDir === undefined ? getModel(config.model) : undefined;
  if (config.backtest !== undefined && config.modelDir !== undefined) {
    throw new InputError('a backtest refits the model on each day\'s history, which a saved model (--model-dir) cannot do: use --model for the backtest, or `tailforge backtest`');
  }
  checkFocusUsage(config, factory);
  const minObservations = factory ? factory.minObservations(config.modelParams) : 2;
  const trained = config.modelDir !== undefined ? await loadModel(config.modelDir) : undefined;
  const portfolio = await readPortfolio(config.portfolioFile);
  const universe = await peekSymbols(config.pricesFile);
  checkSymbolsKnown(portfolio, universe, config.pricesFile);
  const scenarios = config.scenarioFile !== undefined ? { file: config.scenarioFile, list: await readScenarioFile(config.scenarioFile), universe } : undefined;
  if (scenarios) checkScenarioSymbols(scenarios.list, universe, scenarios.file);
  const symbols = portfolio.positions.map((p) => p.symbol);
  const { table: fullTable, report: missingReport } = await readPricesCsvWithReport(config.pricesFile, {
    symbols,
    missing: config.missing,
  });
  const table = config.lookback !== undefined ? sliceDates(fullTable, { last: config.lookback + 1 }) : fullTable;
  const returns = toLogReturns(table, { minObservations });
  const last = lastPrices(table);
  const modelSymbols = trained ? trained.symbols : table.symbols;
  const { exposures, positions } = valuePositions(portfolio, table.symbols, last.prices, modelSymbols, trained ? `the model in ${config.modelDir}` : undefined);
  const initialValue = exposures.reduce((s, v) => s + v, 0);
  log.info('data', `${portfolio.name}: ${positions.length} positions worth ${initialValue.toFixed(2)} on ${last.date}; ${returns.dates.length} daily returns ${returns.dates[0]}..${last.date}`, {
    portfolio: portfolio.name,
    positions: positions.length,
    value: initialValue,
    asOf: last.date,
    returns: returns.dates.length,
  });
  const t1 = performance.now();

  const model = trained ?? (await (factory as NonNullable<typeof factory>).fit(returns, config.modelParams, { seed: config.seed }));
  log.info('fit', `${trained ? 'loaded' : 'fitted'} ${model.name} (${model.id})`, { model: model.name, modelId: model.id, trained: trained !== undefined });
  const t2 = performance.now();

  const horizonDays = reportHorizons(config.horizons, config.horizon);
  const simOptions = { horizons: horizonDays, keepPositionPnl: true, drawdownDetail: true };
  const plan = await planFocus(model, config, exposures, universe, log);
  const generateOptions = withBaselineState({
    nPaths: config.paths,
    horizon: config.horizon,
    seed: config.seed,
    onProgress: (done: number, total: number) => log.progress('generating paths', done, total),
  }, plan);
  let pathSet: Omit<PathSet, 'values'>;
  let inMemoryPaths: PathSet | undefined;
  let sim: ReturnType<typeof simulatePortfolio>;
  let t3: number;
  let bands: ValueBands | undefined;
  if (config.pathStore === undefined) {
    const inMemory = await generateForPlan(model, generateOptions, plan);
    t3 = performance.now();
    sim = simulatePortfolio(inMemory, exposures, simOptions);
    bands = valueBands(inMemory, exposures, { weights: inMemory.weights });
    pathSet = inMemory;
    inMemoryPaths = inMemory;
  } else {
    const header = await generateToStoreForPlan(model, generateOptions, config.pathStore, plan);
    t3 = performance.now();
    log.info('store', `wrote ${header.nPaths} paths to ${config.pathStore}`, { pathStore: config.pathStore });
    const streamed = await simulateOverStore(config.pathStore, exposures, {
      ...simOptions,
      // The fan chart's quantiles come from the first chunk: paths are i.i.d., so it is a plain subsample.
      onChunk: (chunk) => (bands ??= valueBands(chunk, exposures, { weights: chunk.weights })),
    });
    sim = streamed;
    const { createdAt: _created, weighted: _weighted, ...info } = header;
    pathSet = { ...info, symbols: [...header.symbols], ...(streamed.weights ? { weights: streamed.weights } : {}) };
  }
  const risk = riskAtLevels(sim.pnl, [...config.confidence], pathSet.weights);
  const drawdown = weightedDrawdownSummary(sim.maxDrawdown, pathSet.weights);
  const returnExposures = Float64Array.from(table.symbols, (sym) => exposures[modelSymbols.indexOf(sym)] ?? 0);
  const analytics = computeAnalytics({
    sim,
    horizonDays,
    confidence: config.confidence,
    weights: pathSet.weights,
    exposures,
    symbols: modelSymbols,
    seed: config.seed,
    drawdownLimit: config.drawdownLimit ?? 0.15,
    historical: { returns: returns.values, dates: returns.dates, nAssets: table.symbols.length, exposures: returnExposures, horizon: config.horizon },
  });
  const stress = evaluateStress({
    replay: config.replay ?? { worst: 5 },
    scenarios,
    horizon: config.horizon,
    confidence: config.confidence,
    returns,
    returnExposures,
    modelPaths: inMemoryPaths,
    modelExposures: exposures,
  });
  let backtest: StressRunResult['backtest'];
  if (config.backtest !== undefined) {
    const result = await walkForward(
      {
        portfolioFile: config.portfolioFile,
        pricesFile: config.pricesFile,
        models: [config.model],
        modelParams: config.modelParams,
        from: config.backtest.from,
        refit: config.backtest.refit ?? 20,
        horizon: 1,
        confidence: config.confidence,
        paths: config.backtest.paths ?? 2000,
        seed: config.seed,
        missing: config.missing,
        ...(config.backtest.lookback !== undefined ? { lookback: config.backtest.lookback } : {}),
      },
      log,
    );
    backtest = { result, evaluation: evaluateBacktest(result) };
  }
  const focus = await runFocus(plan, config, { exposures, initialValue, pnl: sim.pnl, maxDrawdown: sim.maxDrawdown, weights: pathSet.weights, drawdownLimit: config.drawdownLimit ?? 0.15 }, log);
  const t4 = performance.now();

  return {
    config,
    portfolio,
    positions,
    asOf: last.date,
    initialValue,
    model,
    missingReport,
    pathSet,
    ...(config.pathStore !== undefined ? { pathStore: config.pathStore } : {}),
    pnl: sim.pnl,
    maxDrawdown: sim.maxDrawdown,
    risk,
    drawdown,
    timings: { read: t1 - t0, fit: t2 - t1, generate: t3 - t2, risk: t4 - t3 },
    valueBands: bands,
    analytics: focus?.errors ? { ...analytics, errors: focus.errors } : analytics,
    stress,
    ...(focus !== undefined ? { focus } : {}),
    ...(backtest !== undefined ? { backtest } : {}),
  };
}

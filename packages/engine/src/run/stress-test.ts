import {
  getModel,
  InputError,
  loadModel,
  sliceDates,
  toLogReturns,
  lastPrices,
  type MissingDataReport,
  type MissingPolicy,
  type PriceTable,
  type RawParams,
  type ReturnsKind,
  type ScenarioModel,
  type Finding,
  type FrequencyInfo,
  checkMarketData,
} from '@tailforge/core';
import {
  anomalyFindings,
  cornishFisherFindings,
  droppedHorizonFindings,
  runWarnings,
  staleModelFindings,
  tailPathFindings,
  todaysAnomaly,
  DEFAULT_MAX_MODEL_AGE,
  type RunAnomaly,
} from './run-warnings.js';
import { type PathSet, type ShockScenario } from '@tailforge/scenarios';
import { simulateOverStore } from './stream-pass.js';
import { evaluateStress, type ReplaySpec, type StressOutcome } from './stress-scenarios.js';
import { walkForward, type RefitMode, type WalkForwardResult } from '../backtest/walk-forward.js';
import { compareForecasts, type BacktestComparison } from '../backtest/compare.js';
import { paramsForModel } from '../backtest/params-for-model.js';
import { evaluateBacktest, type ModelEvaluation } from '../backtest/evaluate.js';
import {
  riskAtLevels,
  type BookSimulation,
  type PathCube,
  drawdownSummary,
  valueBands,
  weightedDrawdownSummary,
  type QuantileMethod,
  type RiskAtLevel,
  type ValueBands,
} from '@tailforge/risk';
import { observe, type RunOptions } from '../run-log.js';
import { checkRunMemory, defaultMaxMemory } from './memory-estimate.js';
import type { PortfolioInput } from '../portfolio/read-portfolio.js';
import { portfolioOf, pricesOf, scenariosOf, withDefaults } from './run-inputs.js';
import type { PositionValue } from '../portfolio/exposures.js';
import type { BookPositionValue } from '../portfolio/book.js';
import { historyWindows, valuationOf } from './valuation.js';
import { riskBase, type RiskBase } from '../portfolio/risk-base.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { computeAnalytics, reportHorizons, type RiskAnalytics } from './analytics.js';
import type { FocusConfig } from './focus-config.js';
import { checkFocusUsage, generateForPlan, generateToStoreForPlan, planFocus, withBaselineState } from './scenario-focus.js';
import { runFocus, type FocusOutcome } from './focus-outcomes.js';
import { regulatoryView, type RegulatoryOutcome } from '../regulatory/regulatory-view.js';
import { REGULATORY, type RegulatorySettings } from '../regulatory/regulatory-settings.js';
import type { RegulatoryCapital } from '../regulatory/regulatory-capital.js';

/** What books with options, futures, cash or foreign currencies do not support yet. */
function checkBookUsage(config: ResolvedRequest): void {
  const focus = config.stressState !== undefined || config.regime !== undefined || config.tailFocus === true || config.reverseStress !== undefined;
  if (focus) throw new InputError('--stress-state, --regime, --tail-focus and --reverse-stress value the portfolio linearly: they take books of equities in one currency, not options, futures, cash or foreign-currency positions');
  if (config.backtest !== undefined) throw new InputError('--backtest-from takes books of equities in one currency (the backtest values positions linearly); run `tailforge backtest` on the equity part');
}

/** Defaults of the run settings (those of `tailforge run`). */
export const RUN_DEFAULTS = {
  model: 'bootstrap',
  paths: 10_000,
  horizon: 10,
  confidence: [0.95, 0.99] as readonly number[],
  seed: 1,
  missing: 'error' as MissingPolicy,
} as const;

/** The settings of one run, apart from its inputs. */
export interface RunSettings extends FocusConfig {
  /** Registry name of the model to fit on the prices (ignored when a trained model or modelDir is given). */
  readonly model: string;
  readonly modelParams: RawParams;
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
   * The only file a run writes, and only when asked.
   */
  readonly pathStore?: string;
  /**
   * Quantile method of the historical-simulation VaR reference: 'lower'
   * (default, the lower empirical quantile as everywhere in tailforge) or
   * 'type7' (linear interpolation: R's and NumPy's default, PerformanceAnalytics).
   */
  readonly quantileMethod?: QuantileMethod;
  /** Most bytes the run may hold (estimated before generating; default half the machine's RAM); above it the run is refused. */
  readonly maxMemory?: number;
  /** Historical windows to replay (default: the 5 worst for the portfolio). */
  readonly replay?: ReplaySpec;
  /** Capital the relative figures are expressed against (overrides the portfolio's `capital`); see `riskBase`. */
  readonly capital?: number;
  /** Currency of the figures (default: the portfolio's `baseCurrency`, else the only currency it names). */
  readonly baseCurrency?: string;
  /**
   * Also backtest the run's model type (one-day VaR / ES from this date on),
   * for the report's backtest table; with `models`, those models side by side
   * and their comparison (Diebold–Mariano against `reference`, ranking).
   */
  readonly backtest?: {
    readonly from: string;
    readonly refit?: number;
    readonly lookback?: number;
    readonly paths?: number;
    readonly models?: readonly string[];
    readonly reference?: string;
    readonly refitMode?: RefitMode;
  };
  /**
   * A saved model trained on data ending more than this many dates before
   * the prices' last date gets a `stale-model` warning (default 20).
   */
  readonly maxModelAge?: number;
  /** Add the regulatory view (stressed period, stressed VaR, FRTB-style ES); see `regulatoryView`. */
  readonly regulatory?: RegulatorySettings;
}

/** A run whose inputs are files: what `tailforge run` and batch jobs record in manifests and hash into job keys. */
export interface RunConfig extends RunSettings {
  readonly portfolioFile: string;
  readonly pricesFile: string;
  /** `pricesFile` holds returns of this kind (`--returns FILE --returns-kind simple|log`), read into a price index starting at 1. */
  readonly returnsKind?: ReturnsKind;
  /** FX rates (a prices-format CSV) joined to the prices on their common dates. */
  readonly fxFile?: string;
  /** A saved, already trained model to use instead of fitting one. */
  readonly modelDir?: string;
  /** Hypothetical shock scenarios (JSON or YAML; see @tailforge/scenarios readScenarioFile). */
  readonly scenarioFile?: string;
}

/** @deprecated the old name of {@link RunConfig}. */
export type StressRunConfig = RunConfig;

/**
 * A stress test: settings (defaults {@link RUN_DEFAULTS}) and inputs, each
 * given as data or as a file: `portfolio` or `portfolioFile`, `prices` or
 * `pricesFile`, `trainedModel` or `modelDir` or a registry `model` to fit,
 * `scenarios` or `scenarioFile` (optional).
 */
export interface StressTestRequest extends Partial<RunSettings> {
  /** A portfolio as data: `{ name?, positions: [{ symbol, quantity | marketValue }] }` (the JSON portfolio format). */
  readonly portfolio?: PortfolioInput;
  readonly portfolioFile?: string;
  /** Daily closing prices as data (complete: no missing cells). */
  readonly prices?: PriceTable;
  readonly pricesFile?: string;
  /** `pricesFile` holds returns of this kind, not prices (positions must then be given in market value). */
  readonly returnsKind?: ReturnsKind;
  /** FX rates joined to the prices file (see RunConfig.fxFile). */
  readonly fxFile?: string;
  /** A trained model object (e.g. from `loadModel`), used as is. */
  readonly trainedModel?: ScenarioModel;
  readonly modelDir?: string;
  /** Hypothetical shock scenarios as data. */
  readonly scenarios?: readonly ShockScenario[];
  readonly scenarioFile?: string;
}

/** A request with every default filled in, as the result records it. */
export type ResolvedRequest = Omit<StressTestRequest, keyof RunSettings> & RunSettings;

/** What a stress test computed: the data summary.json serialises (see `buildSummary`), the paths' P&L and more. */
export interface StressTestResult {
  readonly config: ResolvedRequest;
  readonly portfolio: Portfolio;
  readonly positions: ReadonlyArray<PositionValue | BookPositionValue>;
  /** The currency of every money figure (undefined when the portfolio names none). */
  readonly currency?: string;
  /** Books with options: VaR / ES of the delta-gamma-vega approximation of the P&L (a reference beside full revaluation). */
  readonly approximation?: readonly RiskAtLevel[];
  readonly asOf: string;
  /** The book's net value today (Σ market values). */
  readonly initialValue: number;
  /** What the relative figures (%, drawdowns) are expressed against. */
  readonly base: RiskBase;
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
  readonly backtest?: { readonly result: WalkForwardResult; readonly evaluation: readonly ModelEvaluation[]; readonly comparison: BacktestComparison | null };
  /**
   * What a user should know before trusting the figures (severity warn or
   * error; see run-warnings.ts): the data checks of the prices, the model's
   * fit warnings, run sanity (too few tail paths, horizons dropped, a stale
   * saved model, Cornish–Fisher not applicable) and an anomalous state today.
   */
  readonly warnings: readonly Finding[];
  /** Today's market state scored against the model's training states; undefined when too few of them. */
  readonly anomaly?: RunAnomaly;
  /** What the market data was: a prices or a returns file, and its frequency (horizons count in its periods). */
  readonly input: { readonly kind: 'prices' | 'returns'; readonly returnsKind?: ReturnsKind; readonly frequency: FrequencyInfo };
  /** The regulatory view, when asked for; `capital` is added from a results history by the caller (`regulatoryCapital`). */
  readonly regulatory?: RegulatoryOutcome & { readonly capital?: RegulatoryCapital };
}

/**
 * A stress test: portfolio and prices in, a model fitted on the portfolio's
 * symbols (or a trained one), scenario paths generated, the portfolio valued
 * along them: VaR / ES with errors and references, drawdowns, contributions,
 * replays and shocks. Writes no file (except `pathStore`, when given).
 *
 * @example
 * const result = await stressTest(
 *   { portfolio: { positions: [{ symbol: 'IBM', quantity: 100 }] }, pricesFile: 'prices.csv', model: 'gaussian', paths: 5000 },
 *   { onProgress: (e) => e.type === 'progress' && console.log(e.task, e.done, e.total), signal: AbortSignal.timeout(60_000) },
 * );
 * console.log(buildSummary(result).risk); // [{ confidence: 0.95, var, es, varPct, esPct }, …]
 */
export async function stressTest(request: StressTestRequest, options: RunOptions = {}): Promise<StressTestResult> {
  const log = observe(options);
  const config = withDefaults(request);
  const t0 = performance.now();
  // Usage mistakes first: an unknown model or bad parameters cost no file reading.
  const fitted = config.trainedModel === undefined && config.modelDir === undefined;
  const factory = fitted ? getModel(config.model) : undefined;
  if (config.backtest !== undefined && !fitted) {
    throw new InputError('a backtest refits the model on each day\'s history, which a saved model (--model-dir) cannot do: use --model for the backtest, or `tailforge backtest`');
  }
  checkFocusUsage(config, factory);
  const ownParams = paramsForModel(config.model, config.modelParams);
  const minObservations = factory ? factory.minObservations(ownParams) : 2;
  const trained = config.trainedModel ?? (config.modelDir !== undefined ? await loadModel(config.modelDir) : undefined);
  const portfolio = await portfolioOf(config);
  const prices = await pricesOf(config, portfolio);
  const { universe, label: pricesLabel } = prices;
  const scenarios = await scenariosOf(config, universe);
  const { table: fullTable, report: missingReport } = prices;
  const table = config.lookback !== undefined ? sliceDates(fullTable, { last: config.lookback + 1 }) : fullTable;
  const dataFindings = checkMarketData(prices.data, factory ? { minObservations, model: config.model } : {});
  const returns = toLogReturns(table, { minObservations });
  const last = lastPrices(table);
  const modelSymbols = trained ? trained.symbols : table.symbols;
  const modelName = trained ? (config.modelDir !== undefined ? `the model in ${config.modelDir}` : `the model ${trained.name}`) : undefined;
  const valuation = valuationOf(portfolio, prices.book, table, last.prices, last.date, modelSymbols, modelName, returns);
  if (valuation.kind === 'book') checkBookUsage(config);
  const { exposures, positions, initialValue } = valuation;
  const base = riskBase(valuation.kind === 'plain' ? exposures : valuation.contribution.exposures, initialValue, config.capital ?? portfolio.capital, portfolio.file);
  log.info('data', `${portfolio.name}: ${positions.length} positions worth ${initialValue.toFixed(2)} on ${last.date}; ${returns.dates.length} ${prices.data.frequency.frequency} returns ${returns.dates[0]}..${last.date}`, {
    portfolio: portfolio.name,
    positions: positions.length,
    value: initialValue,
    asOf: last.date,
    returns: returns.dates.length,
  });
  const t1 = performance.now();

  const model = trained ?? (await (factory as NonNullable<typeof factory>).fit(returns, ownParams, { seed: config.seed }));
  log.info('fit', `${trained ? 'loaded' : 'fitted'} ${model.name} (${model.id})`, { model: model.name, modelId: model.id, trained: trained !== undefined });
  const t2 = performance.now();

  const horizonDays = reportHorizons(config.horizons, config.horizon);
  const simOptions = { horizons: horizonDays, keepPositionPnl: true, drawdownDetail: true, drawdownBase: base.drawdownBase, ...(valuation.hasOptions ? { approximation: true } : {}) };
  const plan = await planFocus(model, { ...config, pricesLabel, modelPrices: prices.modelPrices }, exposures, universe, log);
  const generateOptions = withBaselineState({
    nPaths: config.paths,
    horizon: config.horizon,
    seed: config.seed,
    onProgress: (done: number, total: number) => log.progress('generating paths', done, total),
  }, plan);
  // Before any path: a run that cannot fit is bad input (exit 2 with the estimate), not an allocation failure.
  checkRunMemory(
    { paths: config.paths, horizon: config.horizon, assets: model.symbols.length, horizons: horizonDays.length, streamed: config.pathStore !== undefined },
    config.maxMemory ?? defaultMaxMemory(),
  );
  let pathSet: Omit<PathSet, 'values'>;
  let inMemoryPaths: PathSet | undefined;
  let sim: BookSimulation;
  let t3: number;
  let bands: ValueBands | undefined;
  if (config.pathStore === undefined) {
    const inMemory = await generateForPlan(model, generateOptions, plan);
    t3 = performance.now();
    sim = valuation.simulate(inMemory, simOptions);
    // The fan chart's values are linear in the exposures: for a book with options or FX it would not be its value.
    bands = valuation.kind === 'plain' ? valueBands(inMemory, exposures, { weights: inMemory.weights }) : undefined;
    pathSet = inMemory;
    inMemoryPaths = inMemory;
  } else {
    const header = await generateToStoreForPlan(model, generateOptions, config.pathStore, plan);
    t3 = performance.now();
    log.info('store', `wrote ${header.nPaths} paths to ${config.pathStore}`, { pathStore: config.pathStore });
    const streamed = await simulateOverStore(config.pathStore, exposures, {
      ...simOptions,
      ...(valuation.kind === 'book' ? { simulate: (cube: PathCube) => valuation.simulate(cube, simOptions), width: valuation.contribution.exposures.length } : {}),
      // The fan chart's quantiles come from the first chunk: paths are i.i.d., so it is a plain subsample.
      onChunk: (chunk) => (bands ??= valuation.kind === 'plain' ? valueBands(chunk, exposures, { weights: chunk.weights }) : undefined),
    });
    sim = streamed;
    const { createdAt: _created, weighted: _weighted, ...info } = header;
    pathSet = { ...info, symbols: [...header.symbols], ...(streamed.weights ? { weights: streamed.weights } : {}) };
  }
  const risk = riskAtLevels(sim.pnl, [...config.confidence], pathSet.weights);
  const drawdown = weightedDrawdownSummary(sim.maxDrawdown, pathSet.weights);
  const returnExposures = valuation.returnExposures;
  const windows = valuation.kind === 'book' ? historyWindows(returns, config.horizon) : undefined;
  const analytics = computeAnalytics({
    sim,
    horizonDays,
    confidence: config.confidence,
    weights: pathSet.weights,
    exposures: valuation.contribution.exposures,
    symbols: valuation.contribution.labels,
    seed: config.seed,
    drawdownLimit: config.drawdownLimit ?? 0.15,
    historical: {
      returns: returns.values,
      dates: returns.dates,
      nAssets: table.symbols.length,
      exposures: returnExposures,
      horizon: config.horizon,
      ...(config.quantileMethod !== undefined ? { quantileMethod: config.quantileMethod } : {}),
      ...(windows ? { pnl: valuation.simulateHistory(windows).pnl } : {}),
    },
  });
  const stress = evaluateStress({
    replay: config.replay ?? { worst: 5 },
    scenarios: scenarios && { file: scenarios.file, list: scenarios.list, universe },
    horizon: config.horizon,
    confidence: config.confidence,
    returns,
    returnExposures,
    modelPaths: inMemoryPaths,
    modelExposures: exposures,
    drawdownBase: base.drawdownBase,
    valuation,
  });
  let backtest: StressTestResult['backtest'];
  if (config.backtest !== undefined) {
    const result = await walkForward(
      {
        portfolio,
        prices: fullTable,
        models: config.backtest.models ?? [config.model],
        modelParams: config.modelParams,
        from: config.backtest.from,
        refit: config.backtest.refit ?? 20,
        horizon: 1,
        confidence: config.confidence,
        paths: config.backtest.paths ?? 2000,
        seed: config.seed,
        missing: config.missing,
        ...(config.backtest.lookback !== undefined ? { lookback: config.backtest.lookback } : {}),
        ...(config.backtest.reference !== undefined ? { reference: config.backtest.reference } : {}),
        ...(config.backtest.refitMode !== undefined ? { refitMode: config.backtest.refitMode } : {}),
      },
      { log },
    );
    backtest = { result, evaluation: evaluateBacktest(result), comparison: result.forecasts.length > 1 ? compareForecasts(result) : null };
  }
  let regulatory: RegulatoryOutcome | undefined;
  if (config.regulatory !== undefined) {
    // The stressed-period search looks at the whole history, whatever --lookback cuts for the fit.
    const allReturns = config.lookback !== undefined ? toLogReturns(fullTable, { minObservations: 1 }) : returns;
    // The run's own paths serve as today's 10-day scenarios when they are 10 days long.
    const reuse = config.horizon === REGULATORY.horizonDays && sim.positionPnl !== undefined;
    regulatory = await regulatoryView({
      settings: config.regulatory,
      portfolio,
      returns: allReturns,
      exposures: returnExposures,
      model,
      modelExposures: exposures,
      ...(factory !== undefined ? { factory } : {}),
      modelParams: config.modelParams,
      paths: config.paths,
      seed: config.seed,
      ...(plan.baseline !== undefined ? { currentState: plan.baseline.state } : {}),
      ...(reuse ? { current: { pnl: sim.pnl, positionPnl: sim.positionPnl as Float64Array, ...(pathSet.weights ? { weights: pathSet.weights } : {}) } } : {}),
    });
    log.info('regulatory', `stressed period ${regulatory.stressedPeriod.from}..${regulatory.stressedPeriod.to}; 10-day 99% VaR ${regulatory.var.model.toFixed(2)}, stressed VaR ${(regulatory.svar.model ?? regulatory.svar.historical).toFixed(2)}; FRTB ES ${regulatory.frtb.es.toFixed(2)}`, {
      stressedFrom: regulatory.stressedPeriod.from,
      stressedTo: regulatory.stressedPeriod.to,
    });
  }
  const focus = await runFocus(plan, config, { exposures, initialValue, drawdownBase: base.drawdownBase, pnl: sim.pnl, maxDrawdown: sim.maxDrawdown, weights: pathSet.weights, drawdownLimit: config.drawdownLimit ?? 0.15 }, log);
  // Today's state on the model's symbols where the prices have them (a cgan's), else the portfolio's.
  const stateTable = trained !== undefined && modelSymbols.every((sym) => universe.includes(sym)) && modelSymbols.join() !== fullTable.symbols.join()
    ? await prices.modelPrices(modelSymbols)
    : fullTable;
  const anomaly = todaysAnomaly(toLogReturns(stateTable), model);
  const moments = analytics.parametric.moments;
  const warnings = runWarnings([
    ...dataFindings,
    ...(model.fitInfo.warnings ?? []),
    ...tailPathFindings(pathSet.nPaths, config.confidence),
    ...droppedHorizonFindings(config.horizons, config.horizon),
    ...(trained !== undefined ? staleModelFindings(model, fullTable.dates, config.maxModelAge ?? DEFAULT_MAX_MODEL_AGE) : []),
    ...cornishFisherFindings(config.confidence, analytics.parametric.cornishFisherApplicable, moments.skewness, moments.excessKurtosis),
    ...anomalyFindings(anomaly),
  ]);
  if (anomaly !== undefined) {
    log.info('anomaly', `today's market state (${anomaly.date}) is at the ${(anomaly.percentile * 100).toFixed(1)}th percentile of the model's training states (distance ${anomaly.distance.toFixed(2)})`, { ...anomaly });
  }
  for (const w of warnings) log.warn('warning', `${w.code}: ${w.message}`, { ...w });
  const t4 = performance.now();

  return {
    config,
    portfolio,
    positions,
    asOf: last.date,
    initialValue,
    base,
    ...(valuation.baseCurrency !== undefined ? { currency: valuation.baseCurrency } : {}),
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
    ...(sim.approximatePnl ? { approximation: riskAtLevels(sim.approximatePnl, [...config.confidence], pathSet.weights) } : {}),
    analytics: focus?.errors ? { ...analytics, errors: focus.errors } : analytics,
    stress,
    ...(focus !== undefined ? { focus } : {}),
    ...(backtest !== undefined ? { backtest } : {}),
    warnings,
    ...(anomaly !== undefined ? { anomaly } : {}),
    input: {
      kind: prices.data.input.kind,
      ...(prices.data.input.returnsKind !== undefined ? { returnsKind: prices.data.input.returnsKind } : {}),
      frequency: prices.data.frequency,
    },
    ...(regulatory !== undefined ? { regulatory } : {}),
  };
}

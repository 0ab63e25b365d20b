// The run pipeline: a stress test of one portfolio.
export {
  stressTest,
  RUN_DEFAULTS,
  type StressTestRequest,
  type StressTestResult,
  type ResolvedRequest,
  type RunSettings,
  type RunConfig,
  type StressRunConfig,
} from './run/stress-test.js';
export type { FocusConfig, LossSpec } from './run/focus-config.js';
export type { ReplaySpec, StressOutcome } from './run/stress-scenarios.js';
export type { RiskAnalytics } from './run/analytics.js';
export type { FocusOutcome } from './run/focus-outcomes.js';
export type { RegimeFigures, StressedRegimeOutcome } from './run/stressed-regime.js';
export type { ReverseStressOutcome, ReverseStressAsset } from './run/reverse-stress-run.js';
// Regulatory view: stressed period, stressed VaR, FRTB-style ES, capital illustration.
export { regulatoryView, type RegulatoryInput, type RegulatoryOutcome, type FrtbOutcome } from './regulatory/regulatory-view.js';
export { regulatoryCapital, type RegulatoryCapital, type EarlierRegulatory } from './regulatory/regulatory-capital.js';
export { REGULATORY, DEFAULT_LIQUIDITY_HORIZON, type RegulatorySettings } from './regulatory/regulatory-settings.js';
export { peekSymbols } from './run/peek-symbols.js';
export { estimateRunBytes, checkRunMemory, defaultMaxMemory } from './run/memory-estimate.js';
// Progress, logging, cancellation.
export { observe, type RunLog, type RunEvent, type RunOptions } from './run-log.js';
// Walk-forward backtest.
export { backtest, type BacktestResult } from './backtest/backtest.js';
export { walkForward, type BacktestConfig, type BacktestRequest, type WalkForwardResult, type ModelForecasts, type WalkForwardTiming, type RefitMode, type StateSource } from './backtest/walk-forward.js';
export {
  compareForecasts,
  referenceModel,
  DM_SIGNIFICANCE,
  MCS_ALPHA,
  type BacktestComparison,
  type LevelComparison,
  type DmComparison,
  type RankedModel,
} from './backtest/compare.js';
export { paramsForModel } from './backtest/params-for-model.js';
export { evaluateBacktest, exceptionSeries, fz0LossesOf, type ModelEvaluation, type LevelEvaluation } from './backtest/evaluate.js';
export { buildBacktestSummary, backtestCsv, BACKTEST_SCHEMA, BACKTEST_SCHEMA_VERSION, type BacktestSummary } from './backtest/backtest-output.js';
// Portfolios.
export type { Portfolio, Position, InstrumentType, OptionTerms } from './portfolio/portfolio.js';
export { INSTRUMENT_FIELDS, INSTRUMENT_TYPES } from './portfolio/position-fields.js';
export { planBook, buildBook, type BookPlan, type BookPositionValue, type ValuedBook } from './portfolio/book.js';
export { riskBase, SMALL_NET_SHARE, type RiskBase, type RiskBaseKind } from './portfolio/risk-base.js';
export { readPortfolio, portfolioFromData, type PortfolioInput } from './portfolio/read-portfolio.js';
export { valuePositions, checkSymbolsKnown, type PositionValue } from './portfolio/exposures.js';
// What summary.json and the CSV files hold.
export { buildSummary, SUMMARY_SCHEMA, SUMMARY_SCHEMA_VERSION, type Summary } from './summary/summary.js';
export { riskCsv, contributionsCsv, stressCsv } from './summary/risk-csv.js';
export { csvCell, csvLine } from './summary/csv.js';
// Synthetic price histories for research.
export { syntheticPrices, type SyntheticRequest, type SyntheticChunk } from './synthetic/synthetic-prices.js';
export { businessDaysAfter } from './synthetic/business-days.js';
export { writeSynthetic, SYNTHETIC_FORMATS, type SyntheticFormat } from './synthetic/write-synthetic.js';
// Run sanity: the checks behind a run's warnings.
export {
  tailPathFindings,
  droppedHorizonFindings,
  staleModelFindings,
  cornishFisherFindings,
  todaysAnomaly,
  anomalyFindings,
  runWarnings,
  MIN_TAIL_PATHS,
  DEFAULT_MAX_MODEL_AGE,
  type RunAnomaly,
} from './run/run-warnings.js';

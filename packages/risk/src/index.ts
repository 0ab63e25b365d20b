export type {
  PathCube,
  RiskAtLevel,
  PortfolioSimulation,
  SimulatePortfolioOptions,
  DrawdownSummary,
  DrawdownStats,
  PnlHistogram,
  RiskErrorMethod,
  RiskWithErrorsOptions,
  RiskWithError,
  Moments,
  HistoricalPnlOptions,
  ComponentVaROptions,
  QuantileMethod,
  VaROptions,
  KupiecResult,
  ChristoffersenResult,
  TrafficLightZone,
  TrafficLightResult,
  AcerbiSzekelyResult,
  ScoringLossResult,
  DieboldMarianoOptions,
  DieboldMarianoResult,
  DuEscancianoUnconditionalResult,
  DuEscancianoConditionalResult,
  HacCoverageOptions,
  HacCoverageResult,
  StressedWindowOptions,
  StressedWindowResult,
  LiquidityHorizonESOptions,
  StressedCalibrationESOptions,
  StressedCalibrationESResult,
  BaselCapitalOptions,
  BaselCapitalResult,
  ModelConfidenceSetOptions,
  ModelConfidenceSetResult,
  BsmOption,
  ReducedFactorSetResult,
  BookInstrument,
  LinearInstrument,
  FutureInstrument,
  CashInstrument,
  OptionInstrument,
  SimulateBookOptions,
  BookSimulation,
} from './types.js';
export type { ForecastSeries } from './forecast-series.js';
// Scenario revaluation
export { simulatePortfolio } from './simulate-portfolio.js';
export { historicalPnl } from './historical-pnl.js';
// Empirical VaR / ES
export { valueAtRisk } from './value-at-risk.js';
export { expectedShortfall } from './expected-shortfall.js';
export { riskAtLevels } from './risk-at-levels.js';
export { riskWithErrors } from './risk-with-errors.js';
export { pairBootstrapErrors, type IndexSource } from './pair-bootstrap-errors.js';
// Parametric references
export { normalQuantile } from './normal-quantile.js';
export { normalPdf } from './normal-pdf.js';
export { normalVaR } from './normal-var.js';
export { normalES } from './normal-es.js';
export { momentsOf } from './moments-of.js';
export { cornishFisherVaR } from './cornish-fisher-var.js';
export { cornishFisherES } from './cornish-fisher-es.js';
export { cornishFisherApplicable } from './cornish-fisher-applicable.js';
// Drawdowns
export { maxDrawdown } from './max-drawdown.js';
export { drawdownSummary } from './drawdown-summary.js';
export { drawdownStats } from './drawdown-stats.js';
export { drawdownAtRisk } from './drawdown-at-risk.js';
export { weightedDrawdownSummary } from './weighted-drawdown-summary.js';
export { conditionalDrawdownAtRisk } from './conditional-drawdown-at-risk.js';
export { breachProbability } from './breach-probability.js';
// Contributions (Euler allocation)
export { componentES } from './component-es.js';
export { componentVaR } from './component-var.js';
export { marginalES } from './marginal-es.js';
export { marginalVaR } from './marginal-var.js';
// Backtests
export { kupiecPOF } from './kupiec-pof.js';
export { christoffersen } from './christoffersen.js';
export { baselTrafficLight } from './basel-traffic-light.js';
export { acerbiSzekelyZ2 } from './acerbi-szekely-z2.js';
export { erfc } from './erfc.js';
export { pitFromSample } from './pit-from-sample.js';
export { cumulativeViolations } from './cumulative-violations.js';
export { duEscancianoUnconditional } from './du-escanciano-unconditional.js';
export { duEscancianoConditional } from './du-escanciano-conditional.js';
export { nonOverlappingIndices } from './non-overlapping-indices.js';
export { hacCoverageTest } from './hac-coverage-test.js';
// Forecast comparison
export { fz0Loss } from './fz0-loss.js';
export { quantileLoss } from './quantile-loss.js';
export { neweyWestVariance } from './newey-west-variance.js';
export { dieboldMariano } from './diebold-mariano.js';
export { modelConfidenceSet } from './model-confidence-set.js';
// Regulatory views (Basel 2.5 stressed VaR, FRTB ES)
export { stressedWindow } from './stressed-window.js';
export { liquidityHorizonES } from './liquidity-horizon-es.js';
export { stressedCalibrationES } from './stressed-calibration-es.js';
export { reducedFactorSet } from './reduced-factor-set.js';
export { baselPlusFactor } from './basel-plus-factor.js';
export { baselCapital } from './basel-capital.js';
// Instruments (European options, Black–Scholes–Merton)
export { bsmPrice } from './instruments/bsm-price.js';
export { bsmDelta } from './instruments/bsm-delta.js';
export { bsmGamma } from './instruments/bsm-gamma.js';
export { bsmVega } from './instruments/bsm-vega.js';
export { deltaGammaVegaPnl } from './instruments/delta-gamma-vega-pnl.js';
export { simulateBook } from './instruments/simulate-book.js';
// Reports
export { valueBands, DEFAULT_BAND_PROBS, type ValueBands } from './value-bands.js';
export { pnlHistogram } from './pnl-histogram.js';

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
  KupiecResult,
  ChristoffersenResult,
  TrafficLightZone,
  TrafficLightResult,
  AcerbiSzekelyResult,
} from './types.js';
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
// Reports
export { valueBands, DEFAULT_BAND_PROBS, type ValueBands } from './value-bands.js';
export { pnlHistogram } from './pnl-histogram.js';

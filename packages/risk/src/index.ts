export type {
  PathCube,
  RiskAtLevel,
  PortfolioSimulation,
  SimulatePortfolioOptions,
  DrawdownSummary,
  PnlHistogram,
} from './types.js';
export { simulatePortfolio } from './simulate-portfolio.js';
export { maxDrawdown } from './max-drawdown.js';
export { valueAtRisk } from './value-at-risk.js';
export { expectedShortfall } from './expected-shortfall.js';
export { riskAtLevels } from './risk-at-levels.js';
export { normalQuantile } from './normal-quantile.js';
export { normalPdf } from './normal-pdf.js';
export { normalVaR } from './normal-var.js';
export { normalES } from './normal-es.js';
export { drawdownSummary } from './drawdown-summary.js';
export { pnlHistogram } from './pnl-histogram.js';

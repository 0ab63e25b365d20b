export {
  SEVERITIES,
  compareFindings,
  sortFindings,
  maxSeverity,
  countBySeverity,
  hasFindingsAtLeast,
  formatFinding,
  formatFindings,
  findingProblem,
  findingsProblem,
  type Finding,
  type Severity,
} from './finding.js';
export { checkData, DATA_CHECKS, type CheckDataOptions, type MissingDataDetail } from './checks/check-data.js';
export { checkReturnsFile } from './checks/returns-file.js';
export { checkMarketData } from './checks/check-market-data.js';
export type { MissingCell } from './checks/context.js';
export { ledoitWolfShrinkage } from './anomaly/ledoit-wolf.js';
export { mahalanobisDistance, mahalanobisFromFactor, covarianceFactor } from './anomaly/mahalanobis.js';
export { fitAnomalyScorer, type AnomalyScorer, type AnomalyScorerOptions, type AnomalyScore } from './anomaly/anomaly-scorer.js';
export { stateFeatureMatrix, type StateMatrix } from './anomaly/state-matrix.js';
export {
  scoreStateHistory,
  anomalyFinding,
  ANOMALY_PERCENTILE,
  MIN_TRAINING_STATES,
  type AnomalyHistory,
  type AnomalyHistoryOptions,
} from './anomaly/score-history.js';

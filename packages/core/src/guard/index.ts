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
export type { MissingCell } from './checks/context.js';

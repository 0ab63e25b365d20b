export { main, EXIT, type CliIo } from './cli.js';
export { stressRun, type StressRunConfig, type StressRunResult } from './stress/stress-run.js';
export { readPortfolio } from './portfolio/read-portfolio.js';
export type { Portfolio, Position } from './portfolio/portfolio.js';

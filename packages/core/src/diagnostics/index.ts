export { type WindowSet, assetColumn } from './window-set.js';
export { sampleMoments, assetMoments, type AssetMoments } from './moments.js';
export { sortedCopy, quantileSorted, quantileL1, wasserstein1, tailWasserstein1 } from './wasserstein.js';
export { acfByAsset, leverageByAsset, meanOverAssets } from './acf.js';
export { correlationMatrix, correlationError } from './correlation.js';
export { equalWeightWindowReturns } from './portfolio-returns.js';
export { modelCard, summarize, type ModelCard, type WindowStats, type WindowErrors, type DistributionSummary } from './model-card.js';
export { metricVerdicts, VERDICT_RULES, type MetricVerdict } from './verdicts.js';

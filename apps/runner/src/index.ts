export { main, EXIT, type CliIo } from './cli.js';
export { runToFiles, writeRunOutputs, type FileRun } from './output/write-outputs.js';
export { loadBatchConfig, readBatchConfig, loadConfigPlugins, ConfigError, type ConfigIssue, type BatchConfig, type BatchJob } from '@tailforge/batch-config';
export { runBatch, type BatchOptions, type BatchResult, type JobOutcome } from './batch/run-batch.js';
export { HistoryDb, HISTORY_SCHEMA_VERSION, type RunQuery, type HistoryRun, type HistoryRisk, type HistoryDrawdown, type SeriesKey } from '@tailforge/history';
export { formatHistory, type HistoryFormat } from './history/format-history.js';

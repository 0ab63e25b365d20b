// The results history store: what `tailforge run --history` and `tailforge batch` record, and what
// `tailforge history`, trend checks and the queue read back.
export { HistoryDb, HISTORY_SCHEMA_VERSION, SCHEMA_V1, type RunQuery } from './history-db.js';
export type { HistoryRun, HistoryRisk, HistoryDrawdown, HistoryRegulatory, SeriesKey } from './history-run.js';
export { historyRunOf } from './run-record.js';
export { recordRun } from './record-run.js';
export { previousRunsOf } from './previous-runs.js';
export { historyStoreVersions } from './store-versions.js';

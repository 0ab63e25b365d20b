import type { StressTestResult } from '@tailforge/engine';
import { HistoryDb } from './history-db.js';
import type { HistoryRun } from './history-run.js';

/**
 * The runs of the same portfolio, model and horizon recorded before this one
 * (oldest first, at most `limit`), read-only; empty when the database does
 * not exist yet.
 */
export function previousRunsOf(file: string, r: StressTestResult, startedAt: Date, limit = 90): HistoryRun[] {
  const db = HistoryDb.openIfExists(file);
  if (db === undefined) return [];
  try {
    return db.previousRuns({ portfolio: r.portfolio.name, modelName: r.model.name, horizonDays: r.pathSet.horizon }, startedAt.toISOString(), limit);
  } finally {
    db.close();
  }
}

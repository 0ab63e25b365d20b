import type { Summary } from '@tailforge/engine';
import { HistoryDb } from './history-db.js';
import { historyRunOf } from './run-record.js';

/** Adds a finished run to the history database (created when missing); a run already there is kept once. */
export async function recordRun(file: string, summary: Summary, manifestPath: string, origin: { batchId?: string; jobId?: string } = {}): Promise<boolean> {
  const run = await historyRunOf(summary, manifestPath, origin);
  const db = HistoryDb.open(file);
  try {
    return db.insertRun(run);
  } finally {
    db.close();
  }
}

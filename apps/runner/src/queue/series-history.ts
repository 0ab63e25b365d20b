import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRequest } from '../batch/worker-protocol.js';
import { HistoryDb, type HistoryRun } from '@tailforge/history';
import { readPortfolio } from '@tailforge/engine';

/**
 * The earlier runs of a queued job's series (portfolio, model, horizon),
 * looked up by the coordinator, since workers never see its history
 * database: the same rows a local batch's worker thread reads after its run
 * (previous-runs.ts), from the portfolio's name and the model's registry
 * name (a saved model's `model` field). Empty when the inputs cannot be read:
 * the job then fails on them with its own message.
 */
export async function seriesHistory(req: JobRequest, before: Date): Promise<HistoryRun[]> {
  const db = HistoryDb.openIfExists(req.historyFile);
  if (db === undefined) return [];
  try {
    const run = req.job.run;
    const portfolio = (await readPortfolio(run.portfolioFile)).name;
    const modelName = run.modelDir !== undefined ? String((JSON.parse(await readFile(join(run.modelDir, 'model.json'), 'utf8')) as { model?: unknown }).model) : run.model;
    return db.previousRuns({ portfolio, modelName, horizonDays: run.horizon }, before.toISOString());
  } catch {
    return [];
  } finally {
    db.close();
  }
}

import { readFile, writeFile } from 'node:fs/promises';
import { checkOutFolder, makeFolder, OUT_MARKER } from '../output/out-folder.js';
import { runInputs } from '../output/write-outputs.js';
import { join, relative } from 'node:path';
import { hasFindingsAtLeast, writeFileAtomic } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import type { Summary } from '@tailforge/engine';
import { HistoryDb, historyRunOf } from '@tailforge/history';
import { renderBatchIndex, type IndexEntry } from '@tailforge/report';
import type { BatchConfig, BatchJob } from '@tailforge/batch-config';
import { acquireBatchLock } from './batch-lock.js';
import { buildBatchManifest } from './batch-manifest.js';
import { BatchState } from './batch-state.js';
import { completedRun } from './completed-run.js';
import { describeError } from './describe-error.js';
import { FileHasher, jobKey } from '@tailforge/batch-config';
import { threadsBackend, type BatchBackend, type JobExecutor } from './backend.js';
import type { WorkerMessage } from './worker-pool.js';
import type { JobFailure, JobRequest } from './worker-protocol.js';

export interface BatchOptions {
  readonly config: BatchConfig;
  readonly concurrency: number;
  /** Rerun jobs whose outputs are up to date. */
  readonly force: boolean;
  /** The command line, for the batch manifest. */
  readonly argv: readonly string[];
  readonly log: Logger;
  /**
   * Log every event (JSON logs): job starts and skips, the workers' own info
   * lines. Otherwise (a person at a terminal) only finished and failed jobs
   * and the workers' warnings, beside the progress bar.
   */
  readonly detail: boolean;
  /** Where the jobs run; default: `concurrency` worker threads in this process. */
  readonly backend?: BatchBackend;
}

export interface JobOutcome {
  readonly id: string;
  readonly source: string;
  readonly portfolioFile: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly dir: string;
  readonly key?: string;
  /** Why it ran, or that it was up to date. */
  readonly reason?: string;
  readonly manifestPath?: string;
  readonly durationMs?: number;
  readonly error?: JobFailure;
  readonly summary?: Summary;
}

export interface BatchResult {
  readonly batchId: string;
  readonly jobs: readonly JobOutcome[];
  readonly indexPath: string;
  readonly manifestPath: string;
  readonly statePath: string;
  readonly durationMs: number;
  /** 0 when every job ran or was up to date, 1 when any failed. */
  readonly exitCode: number;
}

const readSummary = async (dir: string): Promise<Summary> => JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Summary;

function headline(s: Summary): string {
  const top = s.risk[s.risk.length - 1];
  return top ? `VaR ${+(top.confidence * 100).toFixed(2)}% ${(top.varPct * 100).toFixed(2)}%, ES ${(top.esPct * 100).toFixed(2)}% of ${s.portfolio.value.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : '';
}

/**
 * Runs a validated batch: decides per job from its manifest whether it is
 * up to date (skipped unless `force`), runs the others on its backend
 * (worker threads here, or a BullMQ queue), records every finished run in
 * the history database (this thread only, one transaction per run), keeps
 * batch-state.json current, and ends with the index page and the batch
 * manifest. A failing job fails alone.
 */
export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const { config, log } = o;
  const backend = o.backend ?? threadsBackend(o.concurrency);
  const startedAt = new Date();
  const batchId = `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${process.pid}`;
  // The out folder first: a foreign site folder (its index.html) or one holding the inputs is refused before any work.
  await checkOutFolder(config.out, {
    what: 'out',
    force: o.force,
    inputs: config.jobs.flatMap((j) => runInputs(j.run)),
    outputNames: ['index.html', 'batch-state.json', 'batch-manifest.json', 'history.sqlite', 'jobs'],
  });
  await makeFolder(config.out, 'out folder');
  await writeFile(join(config.out, OUT_MARKER), 'written by tailforge batch: index.html, batch-state.json, batch-manifest.json and jobs/ are replaced by each batch\n');
  const release = await acquireBatchLock(config.out);
  let db: HistoryDb | undefined;
  try {
    // Opened under the lock's try: a history that cannot be opened (corrupt) still releases the lock.
    db = HistoryDb.open(config.history);
    const history = db;
    const statePath = join(config.out, 'batch-state.json');
    const state = new BatchState(statePath, { batchId, configFile: config.file, configSha256: config.sha256, startedAt: startedAt.toISOString() }, config.jobs.map((j) => j.id));
    const outcomes = new Map<string, JobOutcome>();
    const dirOf = (j: BatchJob): string => join(config.out, 'jobs', j.id);
    const base = (j: BatchJob) => ({ id: j.id, source: j.source, portfolioFile: j.run.portfolioFile, dir: dirOf(j) });

    const fail = (j: BatchJob, error: JobFailure, extra: Partial<JobOutcome> = {}): void => {
      outcomes.set(j.id, { ...base(j), ...extra, status: 'failed', error });
      state.update(j.id, { status: 'failed', error: error.message, finishedAt: new Date().toISOString(), ...(extra.durationMs !== undefined ? { durationMs: extra.durationMs } : {}) });
      log.error('job-failed', `${j.id} failed: ${error.message}`, { job: j.id, entry: j.source, portfolio: j.run.portfolioFile, exitCode: error.exitCode });
    };

    /** Records a finished run in the history; its row may already be there (a resumed batch). */
    const record = async (j: BatchJob, summary: Summary, manifestPath: string): Promise<void> => {
      history.insertRun(await historyRunOf(summary, manifestPath, { batchId, jobId: j.id }));
    };

    // Plan: up to date (skip) or to run, from each job's manifest.
    const hasher = new FileHasher();
    const toRun: Array<{ job: BatchJob; key: string }> = [];
    await Promise.all(
      config.jobs.map(async (j) => {
        let key: string;
        try {
          key = await jobKey(j.run, hasher);
        } catch (e) {
          fail(j, describeError(e));
          return;
        }
        const done = o.force ? { done: false as const, reason: 'forced' } : await completedRun(dirOf(j), key);
        if (done.done) {
          try {
            const summary = await readSummary(dirOf(j));
            await record(j, summary, done.manifestPath);
            outcomes.set(j.id, { ...base(j), status: 'skipped', key, reason: 'up to date', manifestPath: done.manifestPath, summary });
            state.update(j.id, { status: 'skipped', key, reason: 'up to date', manifest: done.manifestPath });
            if (o.detail) log.info('job-skipped', `${j.id}: up to date, skipped`, { job: j.id, key });
            return;
          } catch (e) {
            fail(j, describeError(e), { key });
            return;
          }
        }
        state.update(j.id, { key, reason: done.reason });
        toRun.push({ job: j, key });
      }),
    );
    // Keep the config's order (hashing finished in any order).
    const order = new Map(config.jobs.map((j, i) => [j.id, i]));
    toRun.sort((a, b) => (order.get(a.job.id) ?? 0) - (order.get(b.job.id) ?? 0));
    const upToDate = [...outcomes.values()].filter((x) => x.status === 'skipped').length;
    const notStarted = outcomes.size - upToDate;
    log.info('batch-plan', `${config.jobs.length} jobs: ${toRun.length} to run, ${upToDate} up to date${notStarted > 0 ? `, ${notStarted} failed before starting` : ''}; ${backend.describe(toRun.length)}`, {
      batchId,
      jobs: config.jobs.length,
      toRun: toRun.length,
      concurrency: o.concurrency,
    });
    await state.flush();

    if (toRun.length > 0) {
      let finished = 0;
      let pool: JobExecutor | undefined;
      const drawProgress = (): void => log.progress(`batch: ${pool?.busy ?? 0} running`, finished, toRun.length);
      const onMessage = (m: WorkerMessage): void => {
        if (m.type === 'progress') {
          drawProgress();
          return;
        }
        if (m.level === 'info' && !o.detail) return;
        log[m.level](m.event, o.detail ? m.message : `${m.jobId}: ${m.message}`, { job: m.jobId, ...m.fields });
      };
      const workers = await backend.open(toRun.length, onMessage);
      pool = workers;
      try {
        await Promise.all(
          toRun.map(async ({ job, key }) => {
            const request: JobRequest = { job, jobKey: key, batchId, configFile: config.file, dir: dirOf(job), historyFile: config.history };
            let t0 = Date.now();
            const outcome = await workers.run(request, () => {
              t0 = Date.now();
              state.update(job.id, { status: 'running', startedAt: new Date().toISOString() });
              void state.flush().catch(() => undefined);
              if (o.detail) log.info('job-start', `${job.id}: started (${state.get(job.id).reason})`, { job: job.id, entry: job.source });
              drawProgress();
            });
            finished++;
            // A worker measures its own job (without its start-up); a failed one is timed from here.
            const durationMs = outcome.ok ? outcome.result.durationMs : Date.now() - t0;
            if (!outcome.ok) {
              fail(job, outcome.error, { key, durationMs });
            } else {
              try {
                const summary = await readSummary(outcome.result.dir);
                await record(job, summary, outcome.result.manifestPath);
                outcomes.set(job.id, { ...base(job), status: 'ok', key, reason: state.get(job.id).reason, manifestPath: outcome.result.manifestPath, durationMs, summary });
                state.update(job.id, { status: 'ok', finishedAt: new Date().toISOString(), durationMs, manifest: outcome.result.manifestPath });
                log.info('job-done', `${job.id}: done in ${(durationMs / 1000).toFixed(1)} s; ${headline(summary)}`, { job: job.id, durationMs, dir: outcome.result.dir });
              } catch (e) {
                const err = describeError(e);
                fail(job, { ...err, message: `outputs written but not recorded in the history (${err.message}); the next run records them` }, { key, durationMs });
              }
            }
            await state.flush().catch(() => undefined);
            drawProgress();
          }),
        );
      } finally {
        await workers.close();
      }
    }

    const jobs = config.jobs.map((j) => outcomes.get(j.id) as JobOutcome);
    const finishedAt = new Date();
    const indexPath = join(config.out, 'index.html');
    const entries: IndexEntry[] = jobs.map((j) => {
      const s = j.summary;
      const previous = s === undefined ? undefined : history.previousRuns({ portfolio: s.portfolio.name, modelName: s.model.name, horizonDays: s.scenarios.horizonDays }, s.generatedAt, 1)[0];
      return {
        id: j.id,
        status: j.status,
        source: j.source,
        portfolioFile: j.portfolioFile,
        ...(s !== undefined ? { summary: s, reportHref: relative(config.out, join(j.dir, 'report.html')).split('\\').join('/') } : {}),
        ...(previous !== undefined ? { previous } : {}),
        ...(j.error !== undefined ? { error: j.error.message } : {}),
        ...(j.durationMs !== undefined ? { durationMs: j.durationMs } : {}),
      };
    });
    await writeFileAtomic(indexPath, await renderBatchIndex({ batchId, configFile: config.file, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), historyFile: config.history }, entries));
    const manifestPath = join(config.out, 'batch-manifest.json');
    const manifest = buildBatchManifest(config, { batchId, argv: o.argv, concurrency: o.concurrency, backend: backend.manifestEntry, force: o.force, startedAt, finishedAt, indexPath }, jobs);
    await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await state.flush(true);
    const failed = jobs.filter((j) => j.status === 'failed').length;
    // strict: true (or batch --strict): a job with a warning of severity warn or error fails the batch; its outputs stay.
    const warned = config.strict === true ? jobs.filter((j) => hasFindingsAtLeast(j.summary?.warnings ?? [], 'warn')) : [];
    if (warned.length > 0) {
      log.error('strict', `strict: ${warned.length} job(s) with warnings (${warned.map((j) => j.id).join(', ')}); the batch fails`, { jobs: warned.map((j) => j.id) });
    }
    const durationMs = finishedAt.getTime() - startedAt.getTime();
    log[failed > 0 ? 'error' : 'info'](
      'batch-done',
      `batch ${batchId}: ${manifest.counts.ok} ran, ${manifest.counts.skipped} up to date, ${failed} failed in ${(durationMs / 1000).toFixed(1)} s; index ${indexPath}`,
      { batchId, ...manifest.counts, durationMs, index: indexPath },
    );
    return { batchId, jobs, indexPath, manifestPath, statePath, durationMs, exitCode: failed > 0 || warned.length > 0 ? 1 : 0 };
  } finally {
    db?.close();
    await release();
  }
}

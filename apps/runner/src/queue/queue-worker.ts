import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker, WaitingError, type Job } from 'bullmq';
import { InputError } from '@tailforge/core';
import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { describeError } from '../batch/describe-error.js';
import { WorkerPool, type WorkerMessage } from '../batch/worker-pool.js';
import type { JobRequest, JobSuccess } from '../batch/worker-protocol.js';
import { queueError, requestOf } from './queue-job.js';
import { QUEUE_NAME } from './queue-policy.js';
import { localJob } from './job-inputs.js';
import { isBlobMismatch } from './blob-store.js';
import { resultKey, storeResults } from './job-results.js';
import { assertReachable, bullConnection, CONNECT_TIMEOUT_MS } from './redis-connection.js';
import { redactText, type QueueTarget } from './queue-target.js';
import { throttled } from './throttle.js';

export interface QueueWorkerOptions {
  readonly target: QueueTarget;
  /** Jobs run at once, each on its own worker thread. */
  readonly concurrency: number;
  /**
   * A job whose worker has not renewed its lock for this long counts as
   * stalled and goes back to the queue (a killed worker); also how often
   * this worker looks for stalled jobs of others.
   */
  readonly stallMs: number;
  /** Where fetched inputs are kept (by content hash) and outputs are written before they go back; default defaultCacheDir(); made private (0700). */
  readonly cacheDir?: string;
  readonly log: Logger;
}

/**
 * `$XDG_CACHE_HOME/tailforge`, else `~/.cache/tailforge`: a folder of this
 * user's, not the shared system temp folder where another user could plant
 * or read cached inputs.
 */
export const defaultCacheDir = (): string => {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'tailforge');
};

/**
 * Creates the cache folder private to this user (mode 0700) or makes an
 * existing one so; a folder owned by another user is refused (exit 2): its
 * owner could change the cached inputs between the hash check and their use.
 */
export async function privateCacheDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await stat(dir);
  if (!st.isDirectory()) throw new InputError(`the cache ${dir} is not a folder (--cache)`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new InputError(`the cache folder ${dir} belongs to another user (uid ${st.uid}); give a folder of your own with --cache`);
  if ((st.mode & 0o077) !== 0) await chmod(dir, 0o700);
  return dir;
}

export interface RunningWorker {
  /**
   * Stops taking jobs and resolves once stopped: the jobs in hand are
   * finished first, or, with `handBack`, put back in the queue at once for
   * another worker.
   */
  stop(handBack: boolean): Promise<void>;
}

/** A job that stalls (its worker dies) this many times in a row fails instead of going back again. */
const MAX_STALLED = 2;
/** Progress of a job goes to Redis at most this often. */
const PROGRESS_MS = 1000;

/**
 * `tailforge worker`: takes jobs from the batch queue and runs each on a
 * worker thread (the same code as a local batch), so the main thread stays
 * free to renew the jobs' locks however long a job computes. It needs no
 * file of the coordinator's: inputs come from Redis by hash into its cache
 * folder, the outputs go back through Redis, and the coordinator writes
 * them and the history.
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<RunningWorker> {
  const { log } = o;
  await assertReachable(o.target);
  const cacheDir = await privateCacheDir(o.cacheDir ?? defaultCacheDir());
  // Blobs and results: a client that rides out a short Redis outage instead of failing the job at once.
  const store = new Redis(o.target.url, { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 5 });
  store.on('error', throttled(10_000, (e: Error) => log.warn('queue-error', `Redis at ${o.target.display}: ${redactText(o.target, e.message)}`, { queue: QUEUE_NAME })));
  const inHand = new Map<string, Job>();
  const lastProgress = new Map<string, number>();
  const onMessage = (m: WorkerMessage): void => {
    const job = inHand.get(m.jobId);
    if (m.type === 'progress') {
      const now = Date.now();
      if (job === undefined || (m.done < m.total && now - (lastProgress.get(m.jobId) ?? 0) < PROGRESS_MS)) return;
      lastProgress.set(m.jobId, now);
      job.updateProgress({ task: m.task, done: m.done, total: m.total }).catch(() => undefined);
      return;
    }
    log[m.level](m.event, m.message, { job: m.jobId, queueJob: job?.id, ...m.fields });
  };
  const pool = new WorkerPool(o.concurrency, onMessage);

  let releaseHandBack: () => void = () => undefined;
  const handBack = new Promise<'hand-back'>((resolve) => (releaseHandBack = () => resolve('hand-back')));

  const processJob = async (job: Job, token?: string): Promise<JobSuccess> => {
    const request = requestOf(job.data);
    const id = request.job.id;
    const fields = { job: id, queueJob: job.id, batchId: request.batchId, attempt: job.attemptsMade + 1 };
    inHand.set(id, job);
    try {
      // waitMs: how long the job waited in the queue since it was added (or last retried), for sizing.
      log.info('job-start', `${id}: started (attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1})`, { ...fields, waitMs: Date.now() - job.timestamp });
      // An input altered in Redis cannot succeed on a retry: not retried; the coordinator uploads it again.
      const local = await localJob(request, store, cacheDir).catch((e: unknown) => {
        throw isBlobMismatch(describeError(e).message) ? new UnrecoverableError(describeError(e).message) : e;
      });
      if (local.fetched > 0) log.info('job-inputs', `${id}: fetched ${local.fetched} input file(s) into ${cacheDir}`, { ...fields, fetched: local.fetched, cache: cacheDir });
      const outcome = await Promise.race([pool.run(local.request), handBack]);
      // A job handed back may still be writing there on its thread; its folder is left to the cache.
      if (outcome !== 'hand-back' && !outcome.ok) await rm(local.outDir, { recursive: true, force: true });
      if (outcome === 'hand-back') {
        await job.moveToWait(token);
        log.warn('job-handed-back', `${id}: handed back to the queue (worker stopping)`, fields);
        throw new WaitingError();
      }
      if (!outcome.ok) throw queueError({ ...outcome.error, message: local.shownText(outcome.error.message), ...(outcome.error.stack !== undefined ? { stack: local.shownText(outcome.error.stack) } : {}) });
      const key = resultKey(String(job.id));
      await storeResults(store, key, local.outDir);
      const dir = request.dir;
      return { ...outcome.result, dir, manifestPath: join(dir, 'manifest.json'), summaryPath: join(dir, 'summary.json'), reportPath: join(dir, 'report.html'), resultKey: key };
    } finally {
      inHand.delete(id);
      lastProgress.delete(id);
    }
  };

  const worker = new Worker(QUEUE_NAME, processJob, {
    connection: bullConnection(o.target, true),
    concurrency: o.concurrency,
    lockDuration: o.stallMs,
    stalledInterval: o.stallMs,
    maxStalledCount: MAX_STALLED,
    autorun: false,
  });
  worker.on('error', throttled(10_000, (e: Error) => log.warn('queue-error', `Redis at ${o.target.display}: ${redactText(o.target, e.message)}`, { queue: QUEUE_NAME })));
  worker.on('completed', (job: Job, result: JobSuccess) => {
    const id = (job.data as { request?: JobRequest }).request?.job.id ?? job.id;
    log.info('job-done', `${id}: done in ${(result.durationMs / 1000).toFixed(1)} s`, { job: id, queueJob: job.id, durationMs: result.durationMs, dir: result.dir });
  });
  worker.on('failed', (job: Job | undefined, err: Error) => {
    if (job === undefined) return;
    const id = (job.data as { request?: JobRequest }).request?.job.id ?? job.id;
    const retried = err.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
    const fields = { job: id, queueJob: job.id, attempt: job.attemptsMade, error: describeError(err).message };
    if (retried) log.warn('job-retry', `${id}: attempt ${job.attemptsMade} failed, retried later: ${err.message}`, fields);
    else log.error('job-failed', `${id} failed: ${err.message}`, fields);
  });
  worker.on('stalled', (jobId: string) => log.warn('job-stalled', `job ${jobId} stalled (its worker stopped answering): back in the queue`, { queueJob: jobId }));

  void worker.run().catch((e: unknown) => log.error('queue-error', `worker stopped: ${redactText(o.target, describeError(e).message)}`, { queue: QUEUE_NAME }));
  await worker.waitUntilReady();
  log.info('worker-ready', `taking jobs from queue "${QUEUE_NAME}" at ${o.target.display}, ${o.concurrency} at a time`, { queue: QUEUE_NAME, redis: o.target.display, concurrency: o.concurrency, pid: process.pid });

  let stopping: Promise<void> | undefined;
  return {
    stop(hand: boolean): Promise<void> {
      if (hand) releaseHandBack();
      stopping ??= (async () => {
        await worker.close();
        await pool.close();
        store.disconnect();
      })();
      return stopping;
    },
  };
}

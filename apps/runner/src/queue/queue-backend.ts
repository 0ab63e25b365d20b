import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import type { BatchBackend, JobExecutor } from '../batch/backend.js';
import { describeError } from '../batch/describe-error.js';
import type { WorkerMessage, WorkerOutcome } from '../batch/worker-pool.js';
import type { JobRequest, JobSuccess } from '../batch/worker-protocol.js';
import { failureOf, queueJobData } from './queue-job.js';
import { JOB_NAME, JOB_OPTIONS, QUEUE_NAME, RETRY_ATTEMPTS, queueJobId } from './queue-policy.js';
import { bullConnection, openChecked } from './redis-connection.js';
import { redactText, type QueueTarget } from './queue-target.js';
import { throttled } from './throttle.js';
import { isBlobMismatch, uploadBlob, type InputBlob } from './blob-store.js';
import { inputFilesOf } from './job-inputs.js';
import { collectResults } from './job-results.js';
import { join } from 'node:path';
import { seriesHistory } from './series-history.js';

export interface QueueBackendOptions {
  readonly target: QueueTarget;
  /** The coordinator gives up on a job this long after it first started on a worker (retries and stalls included). */
  readonly jobTimeoutMs: number;
  readonly log: Logger;
  /** Log every job queued or joined too (JSON logs), as a local batch logs every start. */
  readonly detail: boolean;
}

/** Jobs are also looked up this often, in case an event was lost (a reconnect, a trimmed event stream). */
const POLL_MS = 15_000;

/**
 * The coordinator's backend for `tailforge batch --queue`: each job to run
 * becomes a BullMQ job (id from the job key and output folder, data the
 * resolved job with its inputs uploaded by hash), and the batch waits for
 * the outcomes, writing each job's outputs from Redis into its folder.
 * Redis is contacted only when there is something to run.
 */
export function queueBackend(o: QueueBackendOptions): BatchBackend {
  return {
    describe: () => `BullMQ queue "${QUEUE_NAME}" at ${o.target.display}`,
    manifestEntry: { kind: 'bullmq', queue: QUEUE_NAME, redis: o.target.display, jobTimeoutMs: o.jobTimeoutMs, attempts: RETRY_ATTEMPTS },
    open: (_n, onMessage) => QueueExecutor.open(o, onMessage),
  };
}

interface Pending {
  readonly request: JobRequest;
  readonly onStart: () => void;
  readonly resolve: (o: WorkerOutcome) => void;
  started: boolean;
  /** Its outputs are being written (a second look-up must not write them again). */
  collecting: boolean;
  /** Added to (or found in) the queue; before that, its events only mark it for a look-up. */
  submitted: boolean;
  eventBeforeSubmit: boolean;
  /** Its inputs were uploaded again after a worker found one altered in Redis (done once per job). */
  reuploaded: boolean;
  timer?: NodeJS.Timeout;
}

const isSuccess = (v: unknown): v is JobSuccess & { resultKey: string } =>
  typeof (v as JobSuccess | null)?.dir === 'string' && typeof (v as JobSuccess).manifestPath === 'string' && typeof (v as JobSuccess).resultKey === 'string';

/**
 * Submits jobs and resolves each with its outcome. Events (QueueEvents,
 * read from the moment the executor opened, so none is missed between
 * submitting a job and listening) only prompt a look-up: the job's state in
 * Redis decides, so an event of an earlier job with the same id cannot be
 * taken for this one's.
 */
class QueueExecutor implements JobExecutor {
  private readonly pending = new Map<string, Pending>();
  private readonly poll: NodeJS.Timeout;
  /** Input files uploaded by this coordinator, by path: each is read, hashed and sent once per batch. */
  private readonly blobs = new Map<string, Promise<InputBlob>>();

  private constructor(
    private readonly o: QueueBackendOptions,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly probe: Redis,
    private readonly onMessage: (m: WorkerMessage) => void,
  ) {
    const warn = throttled(10_000, (e: Error) => o.log.warn('queue-error', `Redis at ${o.target.display}: ${redactText(o.target, e.message)}`, { queue: QUEUE_NAME }));
    queue.on('error', warn);
    events.on('error', warn);
    events.on('active', ({ jobId }) => this.prompt(jobId));
    events.on('completed', ({ jobId }) => this.prompt(jobId));
    events.on('failed', ({ jobId }) => this.prompt(jobId));
    events.on('progress', ({ jobId, data }) => {
      const p = this.pending.get(jobId);
      const d = data as { task?: unknown; done?: unknown; total?: unknown } | null;
      if (p !== undefined && typeof d?.done === 'number' && typeof d.total === 'number') {
        onMessage({ type: 'progress', jobId: p.request.job.id, task: String(d.task ?? ''), done: d.done, total: d.total });
      }
    });
    events.on('stalled', ({ jobId }) => {
      const p = this.pending.get(jobId);
      if (p !== undefined) o.log.warn('job-stalled', `${p.request.job.id}: its worker stopped answering; the job goes back to the queue for another worker`, { job: p.request.job.id, queueJob: jobId });
    });
    this.poll = setInterval(() => {
      for (const id of this.pending.keys()) this.prompt(id);
    }, POLL_MS);
  }

  static async open(o: QueueBackendOptions, onMessage: (m: WorkerMessage) => void): Promise<QueueExecutor> {
    const probe = await openChecked(o.target);
    const queue = new Queue(QUEUE_NAME, { connection: bullConnection(o.target, false) });
    try {
      // Listen from the stream's current end: every event of the jobs submitted from now on is seen.
      const tail = await probe.xrevrange(queue.toKey('events'), '+', '-', 'COUNT', 1);
      const lastEventId = tail[0]?.[0] ?? '0-0';
      const events = new QueueEvents(QUEUE_NAME, { connection: bullConnection(o.target, true), lastEventId });
      const executor = new QueueExecutor(o, queue, events, probe, onMessage);
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      const workers = await queue.getWorkersCount().catch(() => undefined);
      if (workers === 0) {
        o.log.warn('queue-no-workers', `no tailforge worker is connected to ${o.target.display} yet: the jobs wait until one starts (tailforge worker --queue URL)`, { queue: QUEUE_NAME });
      } else if (workers !== undefined) {
        o.log.info('queue-open', `${workers} worker connection(s) on queue "${QUEUE_NAME}" at ${o.target.display}`, { queue: QUEUE_NAME, workers });
      }
      return executor;
    } catch (e) {
      await queue.close().catch(() => undefined);
      probe.disconnect();
      throw e;
    }
  }

  get busy(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.started) n++;
    return n;
  }

  run(request: JobRequest, onStart: () => void): Promise<WorkerOutcome> {
    const id = queueJobId(request.jobKey, request.dir);
    return new Promise((resolve) => {
      this.pending.set(id, { request, onStart, resolve, started: false, collecting: false, submitted: false, eventBeforeSubmit: false, reuploaded: false });
      this.submit(id, request).catch((e: unknown) => this.settle(id, { ok: false, error: describeError(e) }));
    });
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.probe.disconnect();
  }

  /**
   * Queues the job, or joins the same job already waiting or running (a
   * resubmitted batch, a restarted coordinator). A finished job of that id
   * is from an earlier run whose outputs are no longer current (the batch
   * found them stale or was forced): it is replaced.
   */
  private async submit(id: string, plain: JobRequest, reupload = false): Promise<void> {
    const request = await this.withInputs(plain, reupload);
    const existing = await this.queue.getJob(id);
    const state = existing === undefined ? undefined : await existing.getState();
    if (!reupload && existing !== undefined && state !== 'completed' && state !== 'failed' && state !== 'unknown') {
      // Not started yet: its runs' manifests should name this batch, not the coordinator that queued it first.
      if (state === 'waiting' || state === 'delayed' || state === 'prioritized') await existing.updateData(queueJobData(request));
      if (this.o.detail) this.o.log.info('job-joined', `${request.job.id}: already in the queue (${state}), waiting for it`, { job: request.job.id, queueJob: id, state });
    } else {
      if (existing !== undefined && state !== 'unknown') await existing.remove();
      await this.queue.add(JOB_NAME, queueJobData(request), { ...JOB_OPTIONS, jobId: id });
      if (this.o.detail) this.o.log.info('job-queued', `${request.job.id}: queued`, { job: request.job.id, queueJob: id });
    }
    const p = this.pending.get(id);
    if (p === undefined) return;
    p.submitted = true;
    await this.lookUp(id);
  }

  /** The request with its input files uploaded (content-addressed) and its series' history attached. */
  private async withInputs(request: JobRequest, overwrite = false): Promise<JobRequest> {
    const files = await inputFilesOf(request.job);
    const upload = (f: string): Promise<InputBlob> => {
      let b = overwrite ? undefined : this.blobs.get(f);
      if (b === undefined) {
        b = uploadBlob(this.probe, f, overwrite);
        this.blobs.set(f, b);
        b.catch(() => this.blobs.delete(f));
      }
      return b;
    };
    const [inputs, history] = await Promise.all([Promise.all(files.map(upload)), seriesHistory(request, new Date())]);
    return { ...request, inputs, history };
  }

  private prompt(id: string): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    if (!p.submitted) {
      p.eventBeforeSubmit = true;
      return;
    }
    this.lookUp(id).catch((e: unknown) => this.o.log.warn('queue-error', `${p.request.job.id}: cannot read its state: ${describeError(e).message}`, { job: p.request.job.id }));
  }

  /** Reads the job's state and acts on it: started, finished, failed. */
  private async lookUp(id: string): Promise<void> {
    // The state first, then the job: a job read before its state could predate its finishing (no return value yet).
    const state = await this.queue.getJobState(id);
    const job = await this.queue.getJob(id);
    const p = this.pending.get(id);
    if (p === undefined) return;
    if (job === undefined || state === 'unknown') {
      this.settle(id, { ok: false, error: { message: `the job ${id} was removed from queue "${QUEUE_NAME}" before it finished`, exitCode: 1 } });
      return;
    }
    // A job that finished before its start was seen still started (the batch logs and times it from there).
    if (state === 'active' || state === 'completed' || state === 'failed' || job.attemptsStarted > 0) this.started(id);
    if (state === 'completed') {
      if (p.collecting) return;
      p.collecting = true;
      const result: unknown = job.returnvalue;
      if (!isSuccess(result)) {
        this.settle(id, { ok: false, error: { message: `the worker returned no result for job ${id}`, exitCode: 1 } });
        return;
      }
      // The coordinator writes the job's outputs itself, from what the worker left in Redis, once checked;
      // of the worker's answer only the Redis key and the duration are used, the paths are its own.
      const dir = p.request.dir;
      const durationMs = Number.isFinite(result.durationMs) && result.durationMs >= 0 ? result.durationMs : 0;
      await collectResults(this.probe, result.resultKey, dir, { jobId: p.request.job.id, jobKey: p.request.jobKey }).then(
        () => this.settle(id, { ok: true, result: { dir, manifestPath: join(dir, 'manifest.json'), summaryPath: join(dir, 'summary.json'), reportPath: join(dir, 'report.html'), durationMs } }),
        (e: unknown) => this.settle(id, { ok: false, error: describeError(e) }),
      );
      return;
    } else if (state === 'failed' && isBlobMismatch(job.failedReason) && !p.reuploaded) {
      // A blob altered in Redis: the job cannot succeed on it. Upload the inputs again (overwriting) and requeue, once.
      p.reuploaded = true;
      // Until it is queued again, events and polls only mark it (a look-up in between would find no job).
      p.submitted = false;
      this.o.log.warn('inputs-reuploaded', `${p.request.job.id}: a worker found an input altered in Redis (${job.failedReason}); uploading the inputs again and queueing the job anew`, { job: p.request.job.id, queueJob: id });
      await this.submit(id, p.request, true);
      return;
    } else if (state === 'failed') {
      this.settle(id, { ok: false, error: failureOf(job.failedReason, job.stacktrace) });
    }
    if (p.eventBeforeSubmit && this.pending.has(id)) {
      p.eventBeforeSubmit = false;
      await this.lookUp(id);
    }
  }

  private started(id: string): void {
    const p = this.pending.get(id);
    if (p === undefined || p.started) return;
    p.started = true;
    p.onStart();
    p.timer = setTimeout(() => void this.timeOut(id), this.o.jobTimeoutMs);
  }

  private async timeOut(id: string): Promise<void> {
    await this.lookUp(id).catch(() => undefined);
    const p = this.pending.get(id);
    if (p === undefined) return;
    const job = await this.queue.getJob(id).catch(() => undefined);
    const state = job === undefined ? 'gone' : await job.getState().catch(() => 'unknown');
    // A waiting or retrying job is taken out; a running one cannot be (its worker holds the lock) and may still finish.
    const removed = job !== undefined && state !== 'active' ? await job.remove().then(() => true, () => false) : false;
    this.settle(id, {
      ok: false,
      error: { message: `no result ${Math.round(this.o.jobTimeoutMs / 1000)} s after the job started (--job-timeout); ${removed ? 'removed from the queue' : `left in the queue (${state})`}`, exitCode: 1 },
    });
  }

  private settle(id: string, outcome: WorkerOutcome): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(outcome);
  }
}

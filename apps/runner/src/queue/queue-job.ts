import { dirname } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import type { JobFailure, JobRequest } from '../batch/worker-protocol.js';
import { JOB_PROTOCOL } from './queue-policy.js';

/**
 * What travels through Redis: the data of a queued job is the JobRequest a
 * worker thread gets (the resolved job, every setting), with its input
 * files by content hash (`inputs`, blob-store.ts) and the earlier runs of
 * its series (`history`), tagged with the protocol version and the batch it
 * belongs to; the return value is the thread's JobSuccess with the Redis key
 * of its output files (job-results.ts). The paths in the request are the
 * coordinator's: a worker opens none of them.
 */
export interface QueueJobData {
  readonly protocol: number;
  readonly request: JobRequest;
  /** The batch, for `tailforge queue status`: its output folder (what identifies it across coordinator runs) and config. */
  readonly batch: { readonly out: string; readonly config: string; readonly batchId: string };
}

export function queueJobData(request: JobRequest): QueueJobData {
  // A job's folder is <out>/jobs/<id> (run-batch.ts).
  return { protocol: JOB_PROTOCOL, request, batch: { out: dirname(dirname(request.dir)), config: request.configFile, batchId: request.batchId } };
}

/** The request of a queued job, or an error that is not retried (data from another tailforge version). */
export function requestOf(data: unknown): JobRequest {
  const d = data as Partial<QueueJobData> | null;
  if (d?.protocol !== JOB_PROTOCOL || typeof d.request?.job?.id !== 'string' || typeof d.request.dir !== 'string') {
    throw new UnrecoverableError(`job data of protocol ${String(d?.protocol)}, this worker reads protocol ${JOB_PROTOCOL}: coordinator and workers must run the same tailforge version`);
  }
  return d.request;
}

/**
 * The error a worker throws for a failed job: input and model errors (exit
 * code 2) as BullMQ's UnrecoverableError, so they are not retried; others as
 * plain errors, retried by the job's attempts and backoff.
 */
export function queueError(f: JobFailure): Error {
  const e = f.exitCode === 2 ? new UnrecoverableError(f.message) : new Error(f.message);
  if (f.stack !== undefined) e.stack = `${e.name}: ${f.message}\n${f.stack.split('\n').slice(1).join('\n')}`;
  return e;
}

/** A failed job's failure as the batch reports it, from what BullMQ kept: the reason and the last stack's error name. */
export function failureOf(failedReason: string | undefined, stacktrace: readonly string[] | null | undefined): JobFailure {
  const last = stacktrace?.[stacktrace.length - 1] ?? '';
  return { message: failedReason ?? 'failed (no reason recorded)', exitCode: last.startsWith('UnrecoverableError') ? 2 : 1, ...(last !== '' ? { stack: last } : {}) };
}

import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';

/**
 * The BullMQ queue the coordinator (`tailforge batch --queue`) and the
 * workers (`tailforge worker`) share, and the policies both sides rely on.
 */
export const QUEUE_NAME = 'tailforge-batch';
export const JOB_NAME = 'stress-run';
/** Version of the job data (queue-job.ts); a worker refuses data of another version. */
export const JOB_PROTOCOL = 2;

/**
 * Retries: a job whose error is an input or model error (bad portfolio,
 * unknown symbol: exit code 2) fails at once, it would fail the same way
 * again; any other error (a crashed worker thread, a full disk, an input
 * blob Redis no longer holds) is tried up to RETRY_ATTEMPTS times in all, waiting
 * 2 s, then 4 s (exponential backoff). A worker process that dies mid-job
 * is not a failed attempt: its lock expires and the job goes back to the
 * queue for another worker (stalled-job handling, worker side).
 */
export const RETRY_ATTEMPTS = 3;
export const RETRY_BACKOFF_MS = 2000;

/** Finished jobs stay a week (for inspection and idempotent resubmission), then BullMQ drops them. */
const KEEP = { age: 7 * 24 * 3600, count: 100_000 };

export const JOB_OPTIONS: JobsOptions = {
  attempts: RETRY_ATTEMPTS,
  backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
  removeOnComplete: KEEP,
  removeOnFail: KEEP,
};

/**
 * The BullMQ job id of a batch job: its job key (inputs' contents and
 * settings, @tailforge/batch-config's job-key.ts) and a hash of its output folder, since the
 * same inputs written to two folders are two jobs. Submitting a batch again
 * finds the jobs it already queued instead of adding them twice.
 */
export function queueJobId(jobKey: string, dir: string): string {
  return `${jobKey}-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
}

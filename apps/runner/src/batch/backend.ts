import { WorkerPool, type WorkerMessage, type WorkerOutcome } from './worker-pool.js';
import type { JobRequest } from './worker-protocol.js';

/**
 * Where a batch's jobs run. The batch (run-batch.ts) plans, skips finished
 * work, records the history and writes the reports; a backend only executes
 * the jobs it is handed: on worker threads of this process (the default) or
 * on a BullMQ queue served by `tailforge worker` processes (queue/).
 */
export interface BatchBackend {
  /** What runs the jobs, for the plan line: e.g. `2 worker threads`. */
  describe(jobsToRun: number): string;
  /** Recorded in the batch manifest (never a secret). */
  readonly manifestEntry: Readonly<Record<string, unknown>>;
  /** Starts executing; called once, only when there are jobs to run. */
  open(jobsToRun: number, onMessage: (m: WorkerMessage) => void): Promise<JobExecutor>;
}

/** A running backend. Every outcome resolves (a failed job is `ok: false`), it never rejects for a job's failure. */
export interface JobExecutor {
  /** Jobs being run right now. */
  readonly busy: number;
  /** Runs one job; `onStart` is called when it starts running. */
  run(request: JobRequest, onStart: () => void): Promise<WorkerOutcome>;
  close(): Promise<void>;
}

/** The default: a pool of worker threads in this process. */
export function threadsBackend(concurrency: number): BatchBackend {
  return {
    describe: (n) => `${Math.min(concurrency, n)} worker threads`,
    manifestEntry: { kind: 'threads', threads: concurrency },
    open: async (n, onMessage) => new WorkerPool(Math.min(concurrency, n), onMessage),
  };
}

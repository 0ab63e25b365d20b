import { writeFileAtomic } from '@tailforge/core';

/** The statuses a job has in batch-state.json (README, "Files of a batch"). */
export const JOB_PHASES = ['pending', 'running', 'ok', 'skipped', 'failed'] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

export interface JobStateEntry {
  status: JobPhase;
  key?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** Why the job runs (or why it was skipped). */
  reason?: string;
  error?: string;
  manifest?: string;
}

export const BATCH_STATE_SCHEMA = 'tailforge.batch-state';

/**
 * batch-state.json: where a batch stands, rewritten atomically after every
 * change so a monitor (or a person after a crash) can read it at any time.
 * It is a report, not the source of truth: a rerun decides what to skip from
 * each job's manifest, so a stale state file can never skip unfinished work.
 * Writes are serialized; each writes the state as it is when its turn comes.
 */
export class BatchState {
  private readonly jobs: Record<string, JobStateEntry> = {};
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly head: { batchId: string; configFile: string; configSha256: string; startedAt: string },
    ids: readonly string[],
  ) {
    for (const id of ids) this.jobs[id] = { status: 'pending' };
  }

  update(id: string, patch: Partial<JobStateEntry>): void {
    this.jobs[id] = { ...this.jobs[id], ...patch };
  }

  get(id: string): JobStateEntry {
    return this.jobs[id];
  }

  /** Queues a write of the current state; resolves when it (and every earlier one) is on disk. */
  flush(finished = false): Promise<void> {
    const next = this.chain.then(() =>
      writeFileAtomic(
        this.file,
        `${JSON.stringify({ schema: BATCH_STATE_SCHEMA, schemaVersion: 1, ...this.head, updatedAt: new Date().toISOString(), finished, jobs: this.jobs }, null, 2)}\n`,
      ),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }
}

import { Queue, type JobType } from 'bullmq';
import type { QueueJobData } from './queue-job.js';
import { QUEUE_NAME } from './queue-policy.js';
import { bullConnection, openChecked } from './redis-connection.js';
import type { QueueTarget } from './queue-target.js';

/** The jobs of one batch in the queue, by state. */
export interface BatchStatus {
  /** The batch's output folder: what identifies a batch across coordinator runs. */
  readonly out: string;
  config: string;
  /** The coordinator run that queued (or last joined) its newest job. */
  batchId: string;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export interface QueueStatus {
  readonly queue: string;
  /** The Redis URL with its password hidden. */
  readonly redis: string;
  /** Worker connections on the queue (BullMQ's count of clients named for it). */
  readonly workers: number;
  readonly batches: BatchStatus[];
}

type Column = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';
/** BullMQ's states and the column each counts in: a prioritized job is waiting too. */
const STATES: ReadonlyArray<readonly [JobType, Column]> = [
  ['waiting', 'waiting'],
  ['prioritized', 'waiting'],
  ['active', 'active'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['delayed', 'delayed'],
];
/** Jobs are read this many at a time (a week of finished jobs may be many). */
const PAGE = 1000;

/**
 * The jobs of the batch queue on `target`, counted per batch (the output
 * folder its coordinator put in each job's data). Redis that cannot be
 * reached is a TailforgeError within seconds (redis-connection.ts).
 */
export async function queueStatus(target: QueueTarget): Promise<QueueStatus> {
  const probe = await openChecked(target);
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(target, false) });
  try {
    const batches = new Map<string, BatchStatus & { newest: number }>();
    for (const [state, column] of STATES) {
      for (let from = 0; ; from += PAGE) {
        const jobs = await queue.getJobs([state], from, from + PAGE - 1, true);
        for (const job of jobs) {
          if (job === undefined || job === null) continue;
          const d = job.data as Partial<QueueJobData> | undefined;
          const out = d?.batch?.out ?? '(unknown: queued by another tailforge version)';
          let b = batches.get(out);
          if (b === undefined) {
            b = { out, config: d?.batch?.config ?? '', batchId: d?.batch?.batchId ?? '', waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, newest: -1 };
            batches.set(out, b);
          }
          b[column]++;
          if (job.timestamp > b.newest && d?.batch !== undefined) {
            b.newest = job.timestamp;
            b.batchId = d.batch.batchId;
            b.config = d.batch.config;
          }
        }
        if (jobs.length < PAGE) break;
      }
    }
    const workers = await queue.getWorkersCount();
    const list = [...batches.values()].sort((a, b) => b.newest - a.newest).map(({ newest: _n, ...rest }) => rest);
    return { queue: QUEUE_NAME, redis: target.display, workers, batches: list };
  } finally {
    await queue.close().catch(() => undefined);
    probe.disconnect();
  }
}

/** A text table of the status: one line per batch, newest first. */
export function formatQueueStatus(s: QueueStatus): string {
  const head = `queue "${s.queue}" at ${s.redis}: ${s.workers} worker connection(s), ${s.batches.length} batch(es)\n`;
  if (s.batches.length === 0) return head;
  const cols: Column[] = ['waiting', 'active', 'completed', 'failed', 'delayed'];
  const rows = [['batch (out)', ...cols, 'config'], ...s.batches.map((b) => [b.out, ...cols.map((c) => String(b[c])), b.config])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return `${head}${rows.map(line).join('\n')}\n`;
}

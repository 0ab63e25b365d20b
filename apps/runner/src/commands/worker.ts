import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { positiveInt } from '../options.js';
import { queueTarget, type QueueTarget } from '../queue/queue-target.js';
import type { CommandContext } from './batch.js';

interface WorkerCliOptions {
  queue: QueueTarget;
  concurrency?: number;
  stallTimeout: number;
  cache?: string;
}

/**
 * `tailforge worker`: serves the jobs of `tailforge batch --queue` until
 * SIGINT / SIGTERM. The first signal stops taking jobs and finishes those in
 * hand; a second hands them back to the queue at once. Exits 0 either way.
 */
export function workerCommand(context: CommandContext): Command {
  return new Command('worker')
    .summary('run the jobs of batches queued with `tailforge batch --queue` (BullMQ on Redis) until stopped')
    .description(
      'Takes jobs from the BullMQ queue "tailforge-batch" on --queue and runs each on a worker thread, --concurrency\n' +
        'at a time. Run any number of workers, on any machine that reaches the Redis: no shared filesystem is\n' +
        'needed. A job\'s inputs come from Redis by content hash into --cache (each fetched once, hash checked),\n' +
        'its outputs go back through Redis and the coordinator writes them and the history.\n' +
        'Input and model errors fail a job at once; other errors are retried (3 attempts, 2 s then 4 s apart).\n' +
        'A worker that dies mid-job loses nothing: after --stall-timeout another worker takes the job again.\n' +
        'SIGINT / SIGTERM: stop taking jobs, finish the ones in hand, exit 0; a second signal hands them back\n' +
        'to the queue at once. Logs are JSON lines when stderr is not a terminal.',
    )
    .requiredOption('--queue <url>', 'Redis holding the queue: redis://[user:password@]HOST:PORT[/db], rediss:// for TLS', queueTarget)
    .option('--concurrency <n>', 'jobs at a time, one worker thread each (default: the number of CPUs)', positiveInt('--concurrency', 256))
    .option('--stall-timeout <seconds>', 'a job whose worker sends no heartbeat for this long goes back to the queue', positiveInt('--stall-timeout', 3600), 30)
    .option('--cache <dir>', 'where fetched input files are kept by content hash, private to this user (default: $XDG_CACHE_HOME/tailforge or ~/.cache/tailforge)')
    .action(async (opts: WorkerCliOptions) => {
      const log = context.log();
      const concurrency = opts.concurrency ?? Math.max(1, availableParallelism());
      // startQueueWorker runs after this synchronous block (behind the import), so the handlers below are in before
      // it can take a job: it takes jobs before it reports ready, and a signal in that gap would otherwise end the
      // process with a job in hand. A stop asked for during the start waits for it.
      const started = import('../queue/queue-worker.js').then((m) => m.startQueueWorker({ target: opts.queue, concurrency, stallMs: opts.stallTimeout * 1000, log, ...(opts.cache !== undefined ? { cacheDir: resolve(opts.cache) } : {}) }));
      let signals = 0;
      let stopped: Promise<void> | undefined;
      let finish!: () => void;
      const done = new Promise<void>((r) => (finish = r));
      const release = (): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      };
      const onSignal = (signal: NodeJS.Signals): void => {
        signals++;
        const handBack = signals > 1;
        log.info('worker-stopping', handBack ? `${signal}: handing the jobs in hand back to the queue` : `${signal}: taking no more jobs; finishing the ones in hand (signal again to hand them back)`, { signal });
        stopped = started.then((worker) => worker.stop(handBack));
        stopped.then(() => {
          release();
          finish();
        }, finish);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await started;
      } catch (e) {
        release();
        throw e;
      }
      await done;
      await stopped;
      log.info('worker-stopped', 'stopped', { pid: process.pid });
      context.setExit(0);
    });
}

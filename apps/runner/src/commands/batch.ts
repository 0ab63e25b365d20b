import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import type { LogFormat, Logger } from '../log/logger.js';
import { positiveInt } from '../options.js';
import { readBatchConfig } from '@tailforge/batch-config';
import { runBatch } from '../batch/run-batch.js';
import { summaryTable } from '../batch/summary-table.js';
import { queueTarget, type QueueTarget } from '../queue/queue-target.js';

interface BatchCliOptions {
  config: string;
  concurrency?: number;
  force?: boolean;
  out?: string;
  history?: string;
  queue?: QueueTarget;
  jobTimeout: number;
  allowOutside?: boolean;
  strict?: boolean;
}

export interface CommandContext {
  log: () => Logger;
  argv: readonly string[];
  setExit: (code: number) => void;
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream & { isTTY?: boolean } };
}

/**
 * `tailforge batch`: many stress runs from one YAML config on worker
 * threads; idempotent (finished jobs are skipped) and resumable.
 */
export function batchCommand(context: CommandContext): Command {
  return new Command('batch')
    .summary('run many portfolios from a YAML config in parallel; skips finished work, resumes after a crash')
    .description(
      'Validates --config (YAML, see examples/nightly.yaml) before any work starts, then runs every job\n' +
        '(portfolio × model × horizon) on worker threads. Each job writes <out>/jobs/<id>/{summary.json,risk.csv,\n' +
        'report.html,manifest.json}; every run goes into the history database; <out>/index.html links the reports,\n' +
        '<out>/batch-manifest.json records the batch and <out>/batch-state.json shows progress.\n' +
        'A job whose inputs and settings are unchanged since its last finished run is skipped (unless --force),\n' +
        'so rerunning an interrupted batch runs only what is left. One failing job does not stop the others.\n\n' +
        'Exit codes: 0 every job ran or was up to date; 1 a job failed (see the table), or with --strict / strict: true a job\n' +
        'has a warning of severity warn or error; 2 the config is invalid\n' +
        '(nothing ran; the message names the file, line and key).\n\n' +
        'With --queue redis://HOST:PORT the jobs go to a BullMQ queue on that Redis instead of worker threads, and\n' +
        '`tailforge worker --queue redis://HOST:PORT` processes (any number, on any machine) run them; this command\n' +
        'waits for them and writes the reports, index, history and batch manifest as a local batch does. No shared\n' +
        'filesystem: the inputs go to Redis by content hash, the workers send the outputs back the same way.\n' +
        '`tailforge queue status --queue URL` shows the jobs of each batch.',
    )
    .requiredOption('--config <file>', 'batch config (YAML)')
    .option('--concurrency <n>', 'worker threads (default: the config\'s concurrency, else the number of CPUs); with --queue each worker sets its own', positiveInt('--concurrency', 256))
    .option('--force', 'rerun jobs that are up to date, and write into an out folder that tailforge did not make')
    .option('--strict', 'exit 1 when a job has a warning of severity warn or error (as `strict: true` in the config); outputs are still written')
    .option('--allow-outside', 'let the config name files and folders outside its own folder tree (refused by default)')
    .option('--out <dir>', 'output folder (default: the config\'s out)')
    .option('--history <file>', 'results history database (default: the config\'s history, else <out>/history.sqlite)')
    .option('--queue <url>', 'run the jobs on `tailforge worker` processes through a BullMQ queue on this Redis: redis://[user:password@]HOST:PORT[/db] (rediss:// for TLS)', queueTarget)
    .option('--job-timeout <seconds>', 'with --queue: a job with no result this long after it started (retries included) is marked failed', positiveInt('--job-timeout', 7 * 24 * 3600), 7200)
    .action(async function (this: Command, opts: BatchCliOptions) {
      const log = context.log();
      const read = await readBatchConfig(opts.config, { out: opts.out, history: opts.history, allowOutside: opts.allowOutside === true });
      const config = opts.strict === true ? { ...read, strict: true } : read;
      const globals = this.optsWithGlobals<{ logFormat?: LogFormat; quiet?: boolean }>();
      const format = globals.logFormat ?? (context.io.stderr.isTTY ? 'text' : 'json');
      const concurrency = opts.concurrency ?? config.concurrency ?? Math.max(1, availableParallelism());
      const backend = opts.queue === undefined ? undefined : (await import('../queue/queue-backend.js')).queueBackend({ target: opts.queue, jobTimeoutMs: opts.jobTimeout * 1000, log, detail: format === 'json' });
      const argv = opts.queue === undefined ? context.argv : redactArgv(context.argv, opts.queue.display);
      const result = await runBatch({ config, concurrency, force: opts.force === true, argv, log, detail: format === 'json', ...(backend !== undefined ? { backend } : {}) });
      if (!globals.quiet) context.io.stdout.write(summaryTable(result));
      context.setExit(result.exitCode);
    });
}

/** The command line with the --queue URL's password hidden, for the batch manifest. */
function redactArgv(argv: readonly string[], shown: string): string[] {
  return argv.map((a, i) => (argv[i - 1] === '--queue' ? shown : a.startsWith('--queue=') ? `--queue=${shown}` : a));
}

import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import type { LogFormat, Logger } from '../log/logger.js';
import { positiveInt } from '../options.js';
import { loadBatchConfig } from '../batch/load-config.js';
import { runBatch } from '../batch/run-batch.js';
import { summaryTable } from '../batch/summary-table.js';

interface BatchCliOptions {
  config: string;
  concurrency?: number;
  force?: boolean;
  out?: string;
  history?: string;
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
        'Exit codes: 0 every job ran or was up to date; 1 a job failed (see the table); 2 the config is invalid\n' +
        '(nothing ran; the message names the file, line and key).',
    )
    .requiredOption('--config <file>', 'batch config (YAML)')
    .option('--concurrency <n>', 'worker threads (default: the config\'s concurrency, else the number of CPUs)', positiveInt('--concurrency', 256))
    .option('--force', 'rerun jobs that are up to date')
    .option('--out <dir>', 'output folder (default: the config\'s out)')
    .option('--history <file>', 'results history database (default: the config\'s history, else <out>/history.sqlite)')
    .action(async function (this: Command, opts: BatchCliOptions) {
      const log = context.log();
      const config = loadBatchConfig(opts.config, { out: opts.out, history: opts.history });
      const globals = this.optsWithGlobals<{ logFormat?: LogFormat; quiet?: boolean }>();
      const format = globals.logFormat ?? (context.io.stderr.isTTY ? 'text' : 'json');
      const concurrency = opts.concurrency ?? config.concurrency ?? Math.max(1, availableParallelism());
      const result = await runBatch({ config, concurrency, force: opts.force === true, argv: context.argv, log, detail: format === 'json' });
      if (!globals.quiet) context.io.stdout.write(summaryTable(result));
      context.setExit(result.exitCode);
    });
}

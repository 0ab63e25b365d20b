import type { HistoryRun } from '@tailforge/history';
import type { InputBlob } from '../queue/blob-store.js';
import type { StressRunConfig } from '@tailforge/engine';
import type { BatchJob } from '@tailforge/batch-config';

/**
 * Messages between the batch's main thread and its worker threads. All are
 * plain structured-clone data. The main thread sends one `run` at a time to
 * a worker; the worker answers with any number of `log` / `progress`
 * messages and then exactly one `done` or `failed` for that job. Only the
 * main thread writes the history database and the batch state.
 */
export interface JobRequest {
  readonly job: BatchJob;
  readonly jobKey: string;
  readonly batchId: string;
  readonly configFile: string;
  /** Output folder of this job. */
  readonly dir: string;
  /** History database to read earlier runs from (read-only in the worker). */
  readonly historyFile: string;
  /** Queued jobs: the input files by content hash, fetched by the worker (no shared filesystem). */
  readonly inputs?: readonly InputBlob[];
  /** Queued jobs: the earlier runs of the job's series, looked up by the coordinator (workers never open the history). */
  readonly history?: readonly HistoryRun[];
  /** Set by a queue worker that runs on local copies: the coordinator's run config, output folder and plugin files, which the outputs show. */
  readonly shown?: { readonly run: StressRunConfig; readonly dir: string; readonly pluginFiles: readonly string[] };
}

export interface JobSuccess {
  readonly dir: string;
  readonly manifestPath: string;
  readonly summaryPath: string;
  readonly reportPath: string;
  readonly durationMs: number;
  /** Queued jobs: the Redis key holding the output files, which the coordinator writes (queue/job-results.ts). */
  readonly resultKey?: string;
}

export interface JobFailure {
  readonly message: string;
  /** 2 for bad input (the job's files), 1 for anything else. */
  readonly exitCode: number;
  readonly stack?: string;
}

export type ToWorker = { readonly type: 'run'; readonly request: JobRequest };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'log'; readonly jobId: string; readonly level: 'info' | 'warn' | 'error'; readonly event: string; readonly message: string; readonly fields?: Record<string, unknown> }
  | { readonly type: 'progress'; readonly jobId: string; readonly task: string; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly jobId: string; readonly result: JobSuccess }
  | { readonly type: 'failed'; readonly jobId: string; readonly error: JobFailure };

import type { StressRunConfig } from '@tailforge/engine';

/** One job of a batch: one portfolio, one model, one horizon and its settings. */
export interface BatchJob {
  /** Unique in the batch; the name of the job's output folder. */
  readonly id: string;
  /** Key path of the config entry that produced the job, e.g. `jobs[3]`. */
  readonly source: string;
  /** The stress run, every path absolute. */
  readonly run: StressRunConfig;
  /** Model plugins the worker loads before the run (as named, and the module file). */
  readonly plugins?: readonly PluginRef[];
}

/** A loaded model plugin: as the user named it, and the module file it resolved to. */
export interface PluginRef {
  readonly plugin: string;
  readonly file: string;
}

/** A validated batch config: every file exists, every model is known, every value in range. */
export interface BatchConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  readonly sha256: string;
  /** Absolute output folder: jobs/<id>/, index.html, batch-manifest.json, batch-state.json. */
  readonly out: string;
  /** Absolute path of the results history database. */
  readonly history: string;
  /** From the config, when it sets one. */
  readonly concurrency?: number;
  /** `strict: true`: a job with a warning of severity warn or error makes the batch exit 1 (its outputs are still written). */
  readonly strict?: boolean;
  /** Model plugins loaded for the batch (the config's `plugins:` and `--plugin`). */
  readonly plugins: readonly PluginRef[];
  readonly jobs: readonly BatchJob[];
}

export const BATCH_CONFIG_VERSION = 1;

/**
 * How a run reports what it does: steps (`info`/`warn`/`error`, an event name,
 * a sentence and structured fields) and progress of long tasks. The CLI's
 * logger is one; `observe` builds one from a caller's callbacks.
 */
export interface RunLog {
  info(event: string, message: string, fields?: Record<string, unknown>): void;
  warn(event: string, message: string, fields?: Record<string, unknown>): void;
  error(event: string, message: string, fields?: Record<string, unknown>): void;
  /** Progress of a long task (paths generated, backtest days): `done` of `total`. */
  progress(task: string, done: number, total: number): void;
}

/** What a run tells its caller as it goes. */
export type RunEvent =
  | { readonly type: 'step'; readonly level: 'info' | 'warn' | 'error'; readonly event: string; readonly message: string; readonly fields?: Record<string, unknown> }
  | { readonly type: 'progress'; readonly task: string; readonly done: number; readonly total: number };

/** Options of every engine call. */
export interface RunOptions {
  /** Cancels the run: it stops at the next progress point or stage with the signal's reason (an AbortError by default). */
  readonly signal?: AbortSignal;
  /** Steps and progress, as they happen. */
  readonly onProgress?: (event: RunEvent) => void;
  /** A logger to receive the same steps and progress (e.g. the CLI's). */
  readonly log?: RunLog;
}

/**
 * The RunLog a run writes to: forwards to `options.log` and
 * `options.onProgress`, and checks `options.signal` at every step and
 * progress point, so a cancelled run stops promptly without polling.
 */
export function observe(options: RunOptions = {}): RunLog {
  const { signal, onProgress, log } = options;
  signal?.throwIfAborted();
  const step = (level: 'info' | 'warn' | 'error') => (event: string, message: string, fields?: Record<string, unknown>): void => {
    signal?.throwIfAborted();
    log?.[level](event, message, fields);
    onProgress?.({ type: 'step', level, event, message, ...(fields !== undefined ? { fields } : {}) });
  };
  return {
    info: step('info'),
    warn: step('warn'),
    error: step('error'),
    progress(task, done, total) {
      signal?.throwIfAborted();
      log?.progress(task, done, total);
      onProgress?.({ type: 'progress', task, done, total });
    },
  };
}

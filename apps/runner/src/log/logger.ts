/**
 * Logging for people and for batch systems: on a TTY, short text lines and a
 * live progress line on stderr; otherwise (or with `--log-format json`) one
 * JSON object per line, no progress animation. `--quiet` keeps only errors.
 */
export type LogFormat = 'text' | 'json';
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(event: string, message: string, fields?: Record<string, unknown>): void;
  warn(event: string, message: string, fields?: Record<string, unknown>): void;
  error(event: string, message: string, fields?: Record<string, unknown>): void;
  /** Reports progress of a long task; throttled, drawn in place on a TTY. */
  progress(task: string, done: number, total: number): void;
}

export interface LoggerOptions {
  format: LogFormat;
  quiet: boolean;
  stream: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createLogger(opts: LoggerOptions): Logger {
  const { format, quiet, stream } = opts;
  const live = format === 'text' && stream.isTTY === true && !quiet;
  let lastDraw = 0;
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) {
      stream.write('\r\x1b[K');
      progressShown = false;
    }
  };
  const emit = (level: LogLevel, event: string, message: string, fields?: Record<string, unknown>): void => {
    if (quiet && level !== 'error') return;
    if (format === 'json') {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, message, ...fields })}\n`);
    } else {
      clearProgress();
      const prefix = level === 'info' ? '' : `${level}: `;
      stream.write(`${prefix}${message}\n`);
    }
  };
  return {
    info: (e, m, f) => emit('info', e, m, f),
    warn: (e, m, f) => emit('warn', e, m, f),
    error: (e, m, f) => emit('error', e, m, f),
    progress(task, done, total) {
      const now = Date.now();
      const finished = done >= total;
      if (live) {
        if (!finished && now - lastDraw < 100) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((width * done) / Math.max(total, 1));
        stream.write(`\r\x1b[K${task} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        progressShown = true;
        if (finished) clearProgress();
      } else if (format === 'json' && !quiet) {
        // One line per second at most, plus the final one: enough to see a job is alive.
        if (!finished && now - lastDraw < 1000) return;
        lastDraw = now;
        stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'progress', task, done, total })}\n`);
      }
    },
  };
}

import { TailforgeError } from '@tailforge/core';
import type { JobFailure } from './worker-protocol.js';

/** A job's error as the batch reports it: the one-line message of input errors, a located message otherwise. */
export function describeError(err: unknown): JobFailure {
  if (err instanceof TailforgeError) return { message: err.message, exitCode: err.exitCode };
  const e = err as NodeJS.ErrnoException | undefined;
  const message = e?.code && e?.path ? `${e.code} on ${e.path}: ${e.message}` : String(e?.message ?? err);
  return { message, exitCode: 1, ...(e?.stack !== undefined ? { stack: e.stack } : {}) };
}

/**
 * Entry of a batch worker thread: runs the jobs the main thread sends, one
 * at a time, and reports logs, progress and the outcome back (see
 * worker-protocol.ts). Loaded from the built code (dist/batch/worker.js).
 */
import { parentPort } from 'node:worker_threads';
import { registerBuiltinModels } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { describeError } from './describe-error.js';
import { runJob } from './run-job.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('batch/worker.js runs as a worker thread of `tailforge batch`');
registerBuiltinModels();

const post = (m: FromWorker): void => port.postMessage(m);

/** A logger whose lines and progress go to the main thread, tagged with the job. */
function forwardingLogger(jobId: string): Logger {
  let last = 0;
  const emit = (level: 'info' | 'warn' | 'error') => (event: string, message: string, fields?: Record<string, unknown>) =>
    post({ type: 'log', jobId, level, event, message, ...(fields !== undefined ? { fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> } : {}) });
  return {
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    progress(task, done, total) {
      const now = Date.now();
      if (done < total && now - last < 200) return;
      last = now;
      post({ type: 'progress', jobId, task, done, total });
    },
  };
}

port.on('message', (msg: ToWorker) => {
  if (msg.type !== 'run') return;
  const jobId = msg.request.job.id;
  runJob(msg.request, forwardingLogger(jobId)).then(
    (result) => post({ type: 'done', jobId, result }),
    (err: unknown) => post({ type: 'failed', jobId, error: describeError(err) }),
  );
});
post({ type: 'ready' });

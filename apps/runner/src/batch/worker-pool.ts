import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, JobFailure, JobRequest, JobSuccess } from './worker-protocol.js';

export type WorkerOutcome = { readonly ok: true; readonly result: JobSuccess } | { readonly ok: false; readonly error: JobFailure };
export type WorkerMessage = Extract<FromWorker, { type: 'log' | 'progress' }>;

/**
 * The worker entry file. Workers always run the built code: from dist/ this
 * is the file beside this module; from the TypeScript sources (the tests)
 * it is the same path under dist/, which `pnpm test` builds first.
 */
export function workerEntry(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/batch/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`batch worker not built: ${fileURLToPath(built)} is missing; run \`pnpm build\``);
}

interface Task {
  readonly request: JobRequest;
  readonly resolve: (o: WorkerOutcome) => void;
  readonly onStart?: () => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
}

/**
 * A fixed number of worker threads, each running one job at a time; jobs
 * wait in FIFO order. A worker that dies (a crash, running out of memory)
 * fails only its current job and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly entry = workerEntry();
  private closed = false;

  constructor(
    size: number,
    private readonly onMessage: (m: WorkerMessage) => void,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Jobs being run right now. */
  get busy(): number {
    return this.slots.filter((s) => s.task !== undefined).length;
  }

  /** Queues a job; `onStart` is called when a worker takes it. */
  run(request: JobRequest, onStart?: () => void): Promise<WorkerOutcome> {
    if (this.closed) throw new Error('worker pool is closed');
    return new Promise((resolve) => {
      this.queue.push({ request, resolve, onStart });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.entry), task: undefined };
    slot.worker.on('message', (m: FromWorker) => this.handle(slot, m));
    slot.worker.on('error', (err) => this.died(slot, `worker thread crashed: ${err.message}`));
    slot.worker.on('exit', (code) => this.died(slot, `worker thread exited with code ${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task !== undefined) continue;
      const task = this.queue.shift();
      if (task === undefined) return;
      slot.task = task;
      task.onStart?.();
      slot.worker.postMessage({ type: 'run', request: task.request });
    }
  }

  private handle(slot: Slot, m: FromWorker): void {
    if (m.type === 'log' || m.type === 'progress') {
      this.onMessage(m);
      return;
    }
    if (m.type === 'ready') return;
    const task = slot.task;
    if (task === undefined || task.request.job.id !== m.jobId) return;
    slot.task = undefined;
    task.resolve(m.type === 'done' ? { ok: true, result: m.result } : { ok: false, error: m.error });
    this.dispatch();
  }

  /** The worker is gone: fail its job, start a replacement while there is work. */
  private died(slot: Slot, message: string): void {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const task = slot.task;
    slot.task = undefined;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    task?.resolve({ ok: false, error: { message, exitCode: 1 } });
    this.dispatch();
  }
}

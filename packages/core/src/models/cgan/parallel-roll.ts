import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { activeBackend, type BackendName } from '../../tensorflow/backend.js';
import { toTransferable, type TransferableParts } from './roll-transfer.js';
import type { FromRollWorker, ToRollWorker } from './roll-worker.js';
import { BATCH, rollPaths, type GeneratorParts, type RollRequest } from './sampler.js';
import { stateSize } from './state-features.js';

/**
 * Generation on several threads. Paths are rolled in blocks of BATCH aligned
 * on the absolute path index, each path from its own random stream, so any
 * split of a request at block boundaries gives the same paths bit for bit:
 * this thread rolls the first share and worker threads (each with the same
 * TF.js backend and a copy of the model) the others. Results never depend on
 * the number of threads.
 *
 * Threads come from TAILFORGE_THREADS: a whole number, or `auto`: the
 * machine's available parallelism, at most 8, on the main thread, and 1
 * inside a worker thread (batch and queue jobs already run one per thread).
 * Unset, it is 1: on the 2-core development machine a second thread added
 * only 30–40% at 500 symbols and starting it (TF.js and its backend, about a
 * second, once per process) made a one-off run of 8,192 paths slower, so
 * threads are for large runs on many cores, by choice. A request smaller than
 * PARALLEL_MIN_VALUES returns values is rolled here alone. Where a thread
 * cannot start the backend, or dies, this thread rolls its share itself.
 */
export const PARALLEL_MIN_VALUES = 10_000_000;

export const THREADS_ENV = 'TAILFORGE_THREADS';

/** Sampling threads for this process: TAILFORGE_THREADS (unset: 1). */
export function samplingThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[THREADS_ENV]?.trim();
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return isMainThread ? Math.max(1, Math.min(8, availableParallelism())) : 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InputError(`${THREADS_ENV} must be auto or a whole number from 1 to 256, got "${raw}"`);
  return n;
}

/** Paths of a request (no latent shift), rolled on up to samplingThreads() threads. */
export async function rollPathsParallel(parts: GeneratorParts, key: string, req: RollRequest, threads = samplingThreads(), minValues = PARALLEL_MIN_VALUES): Promise<Float32Array> {
  const { nPaths, horizon, firstPath } = req;
  const A = parts.margins.left.length;
  const ranges = splitAtBlocks(firstPath, nPaths, nPaths * horizon * A >= minValues ? threads : 1);
  const backend = activeBackend()?.name;
  const entry = ranges.length > 1 && backend !== undefined ? workerEntry() : undefined;
  if (entry === undefined || backend === undefined) return rollPaths(parts, req).values;
  const pool = RollPool.get(entry, backend);
  const S = stateSize(A);
  const sub = (lo: number, hi: number): RollRequest => ({
    ...req,
    nPaths: hi - lo,
    firstPath: lo,
    initialStates: req.initialStates.length === S ? req.initialStates : req.initialStates.subarray((lo - firstPath) * S, (hi - firstPath) * S),
  });
  // Threads first (started and ready), then every share posted before this thread starts on its own:
  // rolling is synchronous, so a message posted after it would wait for it.
  const ready = await pool.ready(ranges.length - 1);
  const remote = ranges.slice(1).map(([lo, hi], i) => (ready[i] ? pool.post(i, key, parts, sub(lo, hi)) : Promise.resolve(undefined)));
  const [lo0, hi0] = ranges[0];
  const out = new Float32Array(nPaths * horizon * A);
  rollPaths(parts, sub(lo0, hi0), out, 0);
  for (let r = 1; r < ranges.length; r++) {
    const [lo, hi] = ranges[r];
    // A thread that failed is replaced by this one: the same paths.
    const got = await remote[r - 1];
    if (got !== undefined) stats.remotePaths += hi - lo;
    if (got !== undefined) out.set(got, (lo - firstPath) * horizon * A);
    else rollPaths(parts, sub(lo, hi), out, (lo - firstPath) * horizon * A);
  }
  return out;
}

/** Paths rolled by worker threads so far in this process (for tests and logs). */
export const stats = { remotePaths: 0 };

/** [lo, hi) path ranges, at most `threads`, cut at multiples of BATCH, covering [first, first + n). */
export function splitAtBlocks(first: number, n: number, threads: number): [number, number][] {
  const end = first + n;
  const b0 = Math.floor(first / BATCH), b1 = Math.ceil(end / BATCH);
  const t = Math.max(1, Math.min(threads, b1 - b0));
  const ranges: [number, number][] = [];
  for (let i = 0; i < t; i++) {
    const lo = Math.max(first, (b0 + Math.floor(((b1 - b0) * i) / t)) * BATCH);
    const hi = Math.min(end, (b0 + Math.floor(((b1 - b0) * (i + 1)) / t)) * BATCH);
    if (hi > lo) ranges.push([lo, hi]);
  }
  return ranges;
}

/** The built worker file: beside this module in dist/, or under dist/ when this runs from the sources (tests); none when not built. */
function workerEntry(): URL | undefined {
  for (const u of [new URL('./roll-worker.js', import.meta.url), new URL('../../../dist/models/cgan/roll-worker.js', import.meta.url)]) {
    if (u.protocol === 'file:' && existsSync(fileURLToPath(u))) return u;
  }
  return undefined;
}

interface Task {
  readonly resolve: (v: Float32Array | undefined) => void;
  readonly resend: () => void;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<boolean>;
  /** Models this thread was sent. */
  readonly sent: Set<string>;
  readonly tasks: Map<number, Task>;
  dead: boolean;
}

/** Worker threads kept for the process, unreferenced while idle so they never keep it alive. */
class RollPool {
  private static pool: RollPool | undefined;
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private transferable: { key: string; parts: TransferableParts } | undefined;

  private constructor(
    private readonly entry: URL,
    private readonly backend: BackendName,
  ) {}

  static get(entry: URL, backend: BackendName): RollPool {
    if (RollPool.pool?.backend !== backend) {
      // Threads of another backend would roll other numbers: let them go.
      for (const s of RollPool.pool?.slots ?? []) void s.worker.terminate();
      RollPool.pool = new RollPool(entry, backend);
    }
    return RollPool.pool;
  }

  /** Starts threads 0 … n − 1 where needed; whether each can roll (its backend started). */
  async ready(n: number): Promise<boolean[]> {
    const slots = Array.from({ length: n }, (_, i) => this.slot(i));
    return Promise.all(slots.map(async (s) => (await s.ready) && !s.dead));
  }

  /** Posts paths of `req` to thread `i` (ready: see {@link ready}) now; resolves to them, or undefined when that thread cannot roll them. */
  post(i: number, key: string, parts: GeneratorParts, req: RollRequest): Promise<Float32Array | undefined> {
    const slot = this.slots[i];
    if (slot === undefined || slot.dead) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const send = (withParts: boolean) => {
        const msg: ToRollWorker = { type: 'roll', id, key, request: req, ...(withParts ? { parts: this.plain(key, parts) } : {}) };
        slot.sent.add(key);
        slot.worker.postMessage(msg);
      };
      slot.tasks.set(id, { resolve, resend: () => send(true) });
      slot.worker.ref();
      send(!slot.sent.has(key));
    });
  }

  private plain(key: string, parts: GeneratorParts): TransferableParts {
    if (this.transferable?.key !== key) this.transferable = { key, parts: toTransferable(parts) };
    return this.transferable.parts;
  }

  private slot(i: number): Slot {
    while (this.slots.length <= i) this.slots.push(this.spawn());
    if (this.slots[i].dead) this.slots[i] = this.spawn();
    return this.slots[i];
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry);
    worker.unref();
    let settle: (ok: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    const slot: Slot = { worker, ready, sent: new Set(), tasks: new Map(), dead: false };
    const finish = (id: number, values: Float32Array | undefined) => {
      const task = slot.tasks.get(id);
      if (task === undefined) return;
      slot.tasks.delete(id);
      if (slot.tasks.size === 0) worker.unref();
      task.resolve(values);
    };
    worker.on('message', (m: FromRollWorker) => {
      if (m.type === 'ready' || m.type === 'failed') settle(m.type === 'ready');
      else if (m.type === 'missing') slot.tasks.get(m.id)?.resend();
      else finish(m.id, m.type === 'done' ? m.values : undefined);
    });
    // A thread that dies fails its tasks (the caller rolls them); a later request starts a new one.
    const gone = () => {
      slot.dead = true;
      settle(false);
      for (const id of [...slot.tasks.keys()]) finish(id, undefined);
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    const init: ToRollWorker = { type: 'init', backend: this.backend };
    worker.postMessage(init);
    return slot;
  }
}

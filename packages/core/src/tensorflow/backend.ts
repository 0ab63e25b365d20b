import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { InputError, ModelError } from '../errors.js';
import { setWasmTransposeFix } from './wasm-matmul.js';
import { setWasmSliceFix } from './wasm-slice.js';
import { setNativeStepFix } from './native-step.js';

/**
 * The TensorFlow.js backend, chosen once per process. Candidates register by
 * name with a priority, as TF.js backends do; `auto` takes the highest one
 * that loads: native TensorFlow (`@tensorflow/tfjs-node`, an optional
 * dependency whose native library is often absent; its GPU build
 * `@tensorflow/tfjs-node-gpu` first, which loads only where CUDA is present),
 * then WebAssembly, then plain JavaScript. Models call {@link tensorflow}, which starts `auto` when
 * nothing was chosen, and never ask which backend is active: only manifests
 * and model metadata read {@link activeBackend}.
 */

export type Tf = typeof import('@tensorflow/tfjs');
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
/** The backends tailforge knows, in the order `auto` tries them. */
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendCandidate {
  readonly name: BackendName;
  /** Higher is tried first by `auto`. */
  readonly priority: number;
  /** Makes the backend available to TF.js and returns the TF.js backend name; throws (with the reason) when it cannot. */
  load(tf: Tf): Promise<string>;
}

export interface BackendInfo {
  /** tailforge's name: tensorflow-gpu, tensorflow, wasm or cpu. */
  readonly name: BackendName;
  /** What was asked for. */
  readonly requested: BackendChoice;
  /** Candidates `auto` tried before this one, with why each did not load. */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
  readonly tfjsVersion: string;
}

const candidates = new Map<BackendName, BackendCandidate>();
/** TAILFORGE_WASM_MATMUL=native keeps TF.js's own wasm matMul kernels (for measuring the fix). */
const wasmFixDisabled = process.env['TAILFORGE_WASM_MATMUL'] === 'native';
let active: BackendInfo | undefined;
let tfModule: Tf | undefined;
/** The initialisation in flight, so concurrent callers share it. */
let pending: Promise<BackendInfo> | undefined;

export function registerBackend(candidate: BackendCandidate): void {
  candidates.set(candidate.name, candidate);
}

const requireHere = createRequire(import.meta.url);

/** The npm package that provides each native backend; both register TF.js's `tensorflow` backend. */
export const NATIVE_PACKAGES = { 'tensorflow-gpu': '@tensorflow/tfjs-node-gpu', tensorflow: '@tensorflow/tfjs-node' } as const;
let nativeLoaded: keyof typeof NATIVE_PACKAGES | undefined;

async function loadNative(tf: Tf, name: keyof typeof NATIVE_PACKAGES): Promise<string> {
  if (nativeLoaded !== undefined && nativeLoaded !== name) {
    throw new Error(`${NATIVE_PACKAGES[nativeLoaded]} is already loaded in this process; ${NATIVE_PACKAGES[name]} cannot load beside it`);
  }
  // libtensorflow logs its start-up to stderr unless told otherwise; keep the user's setting when there is one.
  process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
  if (name === 'tensorflow') {
    // The cgan's ops are small (a training step is ~700 ops on 64-window batches): handing each to a pool of
    // intra-op threads, and oneDNN's per-call set-up, cost more than the arithmetic. One thread and Eigen's
    // kernels train 1.5-2x faster on the 2-core development machine (bench/gan-train-ops.mjs). Read once, when
    // libtensorflow starts; a user's own setting wins.
    process.env['TF_NUM_INTRAOP_THREADS'] ??= '1';
    process.env['TF_ENABLE_ONEDNN_OPTS'] ??= '0';
  }
  // libtensorflow's default CPU allocator hands each tensor to malloc, and glibc returns freed blocks of a training
  // step's size (hundreds of KB) to the system, so the next step writes to fresh pages: on the development VM, where a
  // first touch costs ~4 µs a page, a 256-window step took 20-120 ms instead of ~25 (14 steps/s against 30-34 in a
  // fit). TensorFlow's own best-fit-with-coalescing pool keeps the memory it has mapped.
  process.env['TF_CPU_ALLOCATOR_USE_BFC'] ??= 'true';
  // The package registers the `tensorflow` backend on the shared tfjs-core engine when its native binding loads.
  await import(NATIVE_PACKAGES[name] as string);
  if (!Object.hasOwn(tf.engine().registryFactory, 'tensorflow')) {
    throw new Error(`${NATIVE_PACKAGES[name]} loaded but registered no "tensorflow" backend`);
  }
  nativeLoaded = name;
  // Step (the gradient of relu and abs) builds two full-size constants in JavaScript per call: see native-step.ts.
  setNativeStepFix(tf, true);
  return 'tensorflow';
}

registerBackend({ name: 'tensorflow-gpu', priority: 4, load: (tf) => loadNative(tf, 'tensorflow-gpu') });
registerBackend({ name: 'tensorflow', priority: 3, load: (tf) => loadNative(tf, 'tensorflow') });

registerBackend({
  name: 'wasm',
  priority: 2,
  async load(tf) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries ship beside the package's entry file: load them from disk, never from the network.
    const dir = dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(`${dir}/`);
    // Transposed matMuls (every backward pass) are 8-14x slower on wasm than plain ones: see wasm-matmul.ts.
    if (!wasmFixDisabled) setWasmTransposeFix(tf, true);
    // Slice and SplitV copy their whole input out of wasm memory before slicing: see wasm-slice.ts.
    setWasmSliceFix(tf, true);
    return 'wasm';
  },
});

registerBackend({
  name: 'cpu',
  priority: 1,
  async load() {
    return 'cpu';
  },
});

/**
 * Selects the TF.js backend: `auto` tries the registered candidates by
 * descending priority and keeps the first that initialises; a named choice
 * that cannot initialise is a ModelError with the reason. Calling it again
 * with the same choice returns the active backend; another choice switches.
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new InputError(`backend must be one of ${BACKEND_CHOICES.join(', ')}, got "${String(choice)}"`);
  }
  while (pending !== undefined) await pending.catch(() => undefined);
  if (active !== undefined && (choice === active.requested || choice === active.name)) return active;
  pending = select(choice);
  try {
    active = await pending;
    return active;
  } finally {
    pending = undefined;
  }
}

async function select(choice: BackendChoice): Promise<BackendInfo> {
  const tf = await loadTf();
  const order = choice === 'auto'
    ? [...candidates.values()].sort((a, b) => b.priority - a.priority)
    : [candidates.get(choice) as BackendCandidate];
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const c of order) {
    try {
      const tfName = await c.load(tf);
      if (!(await tf.setBackend(tfName))) throw new Error(`TF.js could not initialise its "${tfName}" backend`);
      await tf.ready();
      return { name: c.name, requested: choice, skipped, tfjsVersion: tf.version.tfjs };
    } catch (e) {
      skipped.push({ name: c.name, reason: firstLine(e) });
    }
  }
  const why = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new ModelError(choice === 'auto' ? `no TensorFlow.js backend could be loaded (${why})` : `backend "${choice}" is not available: ${why}`);
}

async function loadTf(): Promise<Tf> {
  if (tfModule === undefined) {
    const tf = await import('@tensorflow/tfjs');
    // PROD: no debug checks and no "install tfjs-node" console banner; backends are our choice, reported in manifests.
    tf.env().set('PROD', true);
    tfModule = tf;
  }
  return tfModule;
}

/** The TF.js module with a backend ready: the active one, or `auto` when none was chosen. */
export async function tensorflow(): Promise<Tf> {
  if (active === undefined) await initBackend('auto');
  return tfModule as Tf;
}

/**
 * Versions behind the active backend: TF.js always, and for the native
 * backends the TensorFlow C library the binding runs on.
 */
export function backendVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  if (tfModule === undefined || active === undefined) return out;
  out['tfjs'] = tfModule.version.tfjs;
  if (active.name === 'tensorflow' || active.name === 'tensorflow-gpu') {
    const binding = (tfModule.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
    if (binding?.TF_Version) out['libtensorflow'] = binding.TF_Version;
    const pkg = NATIVE_PACKAGES[active.name];
    out[pkg.slice('@tensorflow/'.length)] = (requireHere(`${pkg}/package.json`) as { version: string }).version;
  }
  return out;
}

/**
 * How the cgan lays out its training step on the active backend (the same losses and updates either way; see
 * models/cgan/train.ts). On the native backends every op crosses into libtensorflow, so the discriminator sees
 * real and generated windows stacked in one pass; on wasm, where an op costs less and splitting a stacked
 * gradient more, one pass per batch trains about 5% faster (bench/gan-train-ops.mjs, alternating runs).
 */
export interface TrainingPlan {
  readonly stackDiscriminatorPasses: boolean;
  /**
   * The cgan's batch size when its `batchSize` is `auto`. On the native backends each of a step's ~650 ops costs
   * tens of µs of call overhead whatever its size, so 256 windows a step train about 1.8× the samples per second of
   * 64 (bench/gan-train-ops.mjs --batch), with the same held-out realism (bench/gan-trust.mjs --backend tensorflow
   * --param batchSize=256 vs 64: every line within a few hundredths); on wasm a larger batch gains nothing.
   */
  readonly batchSize: number;
}

export function trainingPlan(): TrainingPlan {
  const native = active?.name === 'tensorflow' || active?.name === 'tensorflow-gpu';
  return { stackDiscriminatorPasses: active?.name !== 'wasm', batchSize: native ? 256 : 64 };
}

/** The backend in use, or undefined when TensorFlow was never needed in this process. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n').map((s) => s.trim()).find((s) => s !== '') ?? 'unknown error';
}


import { createRequire } from 'node:module';
import { backendVersions, initBackend, NATIVE_PACKAGES, tensorflow, type BackendName } from './backend.js';
import { wasmTransposeFixOn } from './wasm-matmul.js';

/**
 * What `tailforge doctor` reports per backend: whether it loads in this
 * process, the versions behind it, why not (one line) and a speed probe.
 * A process can hold one native TensorFlow library only, so the doctor runs
 * each probe in a child process of its own.
 */
export interface BackendProbe {
  readonly name: BackendName;
  readonly loads: boolean;
  readonly versions: Readonly<Record<string, string>>;
  /** One line, when it does not load. */
  readonly reason?: string;
  /** What to do about it, when it does not load. */
  readonly fix?: string;
  /** Milliseconds for {@link PROBE_ITERATIONS} float32 matMuls of {@link PROBE_SIZE}² by {@link PROBE_SIZE}², after a warm-up. */
  readonly probeMs?: number;
  /** The same as floating-point operations per second, in GFLOP/s. */
  readonly gflops?: number;
  readonly notes?: readonly string[];
}

export const PROBE_SIZE = 256;
export const PROBE_ITERATIONS = 50;

const requireHere = createRequire(import.meta.url);

function packageVersion(name: string): string | undefined {
  try {
    return (requireHere(`${name}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** The fix hint for a backend that does not load, from why it did not. */
export function fixHint(name: BackendName, reason: string): string {
  const missing = /Cannot find (package|module) '@tensorflow\/tfjs-node/.test(reason);
  switch (name) {
    case 'tensorflow':
      return missing
        ? 'install the optional dependency: npx -y pnpm@10 install (it is @tensorflow/tfjs-node)'
        : 'build its native binding against a TensorFlow library on this machine: TAILFORGE_LIBTENSORFLOW=<tensorflow wheel, tensorflow package folder or libtensorflow> node scripts/tfjs-node-local.mjs (README: "Backends")';
    case 'tensorflow-gpu':
      return missing
        ? 'install the optional dependency: npx -y pnpm@10 install (it is @tensorflow/tfjs-node-gpu)'
        : 'needs an NVIDIA GPU with the CUDA and cuDNN versions of its libtensorflow (2.9: CUDA 11.2, cuDNN 8.1) on the library path; with internet, pnpm install builds it; offline: node scripts/tfjs-node-local.mjs --gpu with a GPU TensorFlow library (README: "Backends")';
    case 'wasm':
      return 'reinstall the dependencies: npx -y pnpm@10 install --frozen-lockfile (@tensorflow/tfjs-backend-wasm ships its .wasm files)';
    case 'cpu':
      return 'reinstall the dependencies: npx -y pnpm@10 install --frozen-lockfile';
  }
}

/** Loads `name` as this process's backend and times the probe; never throws. */
export async function probeBackend(name: BackendName): Promise<BackendProbe> {
  try {
    await initBackend(name);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // initBackend says `backend "x" is not available: x: <reason>`; keep the reason.
    const reason = message.replace(/^backend "[^"]+" is not available: [^:]+: /, '');
    return { name, loads: false, versions: {}, reason, fix: fixHint(name, reason) };
  }
  const tf = await tensorflow();
  const versions: Record<string, string> = { ...backendVersions() };
  const notes: string[] = [];
  if (name === 'wasm') {
    const v = packageVersion('@tensorflow/tfjs-backend-wasm');
    if (v !== undefined) versions['tfjs-backend-wasm'] = v;
    notes.push(`matMul with explicit transposes: ${wasmTransposeFixOn(tf) ? 'on' : 'off (TAILFORGE_WASM_MATMUL=native)'}`);
    notes.push('threads: 1 (TF.js runs wasm single-threaded in Node)');
  }
  if (name === 'tensorflow' || name === 'tensorflow-gpu') notes.push(`package ${NATIVE_PACKAGES[name]}`);
  const a = tf.randomNormal([PROBE_SIZE, PROBE_SIZE], 0, 1, 'float32', 1) as import('@tensorflow/tfjs').Tensor2D;
  const once = (): void => {
    const c = tf.matMul(a, a);
    c.dataSync();
    c.dispose();
  };
  for (let i = 0; i < 3; i++) once();
  const t0 = performance.now();
  for (let i = 0; i < PROBE_ITERATIONS; i++) once();
  const probeMs = performance.now() - t0;
  a.dispose();
  const gflops = (2 * PROBE_SIZE ** 3 * PROBE_ITERATIONS) / (probeMs * 1e6);
  return { name, loads: true, versions, probeMs, gflops, notes };
}

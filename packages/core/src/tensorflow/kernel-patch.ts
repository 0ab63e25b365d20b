import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';

/**
 * Replacing a TF.js kernel by one of tailforge's and putting the original back. The replacement carries the
 * original it was made from, so turning a fix off (the tests compare both; TAILFORGE_WASM_MATMUL=native) restores
 * exactly what TF.js registered, and turning it on twice wraps once.
 */

const ORIGINAL = Symbol('tailforge.originalKernelFunc');

type Patched = KernelFunc & { [ORIGINAL]?: KernelFunc };

/** Whether the kernel registered for `name` on `backend` is a replacement made by {@link patchKernel}. */
export function isPatched(tf: Tf, name: string, backend: string): boolean {
  const f = tf.getKernel(name, backend)?.kernelFunc as Patched | undefined;
  return f?.[ORIGINAL] !== undefined;
}

/**
 * With `enabled`, registers `make(original)` for `name` on `backend` in place of TF.js's kernel; without, puts
 * the original back. Nothing happens when no such kernel is registered or it is already as asked.
 */
export function patchKernel(tf: Tf, name: string, backend: string, enabled: boolean, make: (original: KernelFunc) => KernelFunc): void {
  const config = tf.getKernel(name, backend);
  if (config === undefined) return;
  const current = config.kernelFunc as Patched;
  const original = current[ORIGINAL];
  if (enabled === (original !== undefined)) return;
  let kernelFunc: Patched;
  if (enabled) {
    kernelFunc = make(current);
    kernelFunc[ORIGINAL] = current;
  } else {
    kernelFunc = original as KernelFunc;
  }
  tf.unregisterKernel(name, backend);
  tf.registerKernel({ ...config, kernelFunc } as KernelConfig);
}

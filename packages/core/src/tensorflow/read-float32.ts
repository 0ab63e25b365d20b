import * as tf from '@tensorflow/tfjs';

/**
 * Copies a float32 tensor's values into `dst` (which must hold at least its
 * size). On the wasm backend it copies straight from the module's heap:
 * `dataSync` there allocates a fresh buffer for every read, and at the
 * sampler's sizes (megabytes per window) that allocation, its page faults and
 * its garbage cost ten times the copy. Other backends, or a wasm backend
 * whose internals are not the ones expected (another TF.js version), use
 * `dataSync`. The values are the same either way.
 */
export function readFloat32Into(t: tf.Tensor, dst: Float32Array): void {
  const n = t.size;
  if (dst.length < n) throw new RangeError(`destination holds ${dst.length} values, the tensor ${n}`);
  const heap = t.dtype === 'float32' && tf.getBackend() === 'wasm' ? wasmHeapView(t, n) : undefined;
  dst.set(heap ?? (t.dataSync() as Float32Array));
}

interface WasmBackendInternals {
  readonly wasm?: { readonly HEAPU8?: Uint8Array };
  readonly dataIdMap?: { get(id: object): { memoryOffset?: number } | undefined };
}

function wasmHeapView(t: tf.Tensor, n: number): Float32Array | undefined {
  const backend = tf.backend() as unknown as WasmBackendInternals;
  const heap = backend.wasm?.HEAPU8;
  const offset = backend.dataIdMap?.get(t.dataId)?.memoryOffset;
  if (heap === undefined || typeof offset !== 'number' || offset % 4 !== 0 || offset + 4 * n > heap.byteLength) return undefined;
  return new Float32Array(heap.buffer, heap.byteOffset + offset, n);
}

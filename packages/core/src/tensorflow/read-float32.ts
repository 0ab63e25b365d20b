import * as tf from '@tensorflow/tfjs';

/**
 * Copies a float32 tensor's values into `dst` (which must hold at least its
 * size). On the wasm backend it copies straight from the module's heap:
 * `dataSync` there allocates a fresh buffer for every read, and at the
 * sampler's sizes (megabytes per window) that allocation, its page faults and
 * its garbage cost ten times the copy (TF.js's own heap view,
 * `typedArrayFromHeap`, which its kernels use). Other backends, or a wasm
 * backend without that view (another TF.js version), use `dataSync`. The
 * values are the same either way.
 */
export function readFloat32Into(t: tf.Tensor, dst: Float32Array): void {
  const n = t.size;
  if (dst.length < n) throw new RangeError(`destination holds ${dst.length} values, the tensor ${n}`);
  const heap = t.dtype === 'float32' && tf.getBackend() === 'wasm' ? wasmHeapView(t, n) : undefined;
  dst.set(heap ?? (t.dataSync() as Float32Array));
}

interface WasmBackendLike {
  typedArrayFromHeap?(t: { dataId: object; shape: number[]; dtype: string }): ArrayLike<number>;
}

/** The wasm backend's own view of a tensor's data in its heap (TF.js's BackendWasm.typedArrayFromHeap), when there is one. */
function wasmHeapView(t: tf.Tensor, n: number): Float32Array | undefined {
  const view = (tf.backend() as unknown as WasmBackendLike).typedArrayFromHeap?.(t);
  return view instanceof Float32Array && view.length === n ? view : undefined;
}

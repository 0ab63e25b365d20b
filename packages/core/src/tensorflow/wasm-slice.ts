import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import { patchKernel } from './kernel-patch.js';

/**
 * TF.js's WebAssembly `Slice` kernel first copies its whole input out of wasm
 * memory (`readSync`) and then takes the slice from the copy; `SplitV` slices
 * once per piece, so splitting n values into k pieces copies k·n values. The
 * cgan's training step slices and splits tensors of up to ~80k values several
 * times (lags, concat and flat-Adam gradients), where these copies cost more
 * than the ops' own work. This replaces both kernels by ones that read the
 * input in place: a view of wasm memory taken after the output is allocated
 * (allocating can grow, and so move, that memory). Contiguous slices are one
 * block copy, 2-D slices one copy per row; other shapes and string tensors go
 * to TF.js's own kernels. The values are the same, element for element.
 */

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Turns the in-place Slice and SplitV kernels on (the default once wasm loads) or back to TF.js's own. */
export function setWasmSliceFix(tf: Tf, enabled: boolean): void {
  patchKernel(tf, 'Slice', 'wasm', enabled, (original) => inPlaceSlice(tf, original));
  // SplitV slices with whichever Slice kernel is registered now.
  patchKernel(tf, 'SplitV', 'wasm', enabled, () => splitBySlices(tf, tf.getKernel('Slice', 'wasm')!.kernelFunc));
}

function inPlaceSlice(tf: Tf, original: KernelFunc): KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
    const [b, s] = tf.slice_util.parseSliceParams(x as unknown as import('@tensorflow/tfjs').Tensor, begin, size);
    const rank = x.shape.length;
    const contiguous = tf.slice_util.isSliceContinous(x.shape, b, s);
    if (x.dtype === 'string' || (!contiguous && rank !== 2)) return original(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(s, x.dtype);
    const xs = backend.typedArrayFromHeap(x), os = backend.typedArrayFromHeap(out);
    if (contiguous) {
      const offset = tf.slice_util.computeFlatOffset(b, tf.util.computeStrides(x.shape));
      os.set(xs.subarray(offset, offset + os.length));
    } else {
      const cols = x.shape[1] as number, rows = s[0] as number, width = s[1] as number;
      for (let r = 0; r < rows; r++) {
        const from = ((b[0] as number) + r) * cols + (b[1] as number);
        os.set(xs.subarray(from, from + width), r * width);
      }
    }
    return out;
  };
}

function splitBySlices(tf: Tf, slice: KernelFunc): KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    const { numOrSizeSplits, axis } = args.attrs as { numOrSizeSplits: number | number[]; axis: number | number[] };
    const a = tf.util.parseAxisParam(axis, x.shape)[0] as number;
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as import('@tensorflow/tfjs').Tensor, numOrSizeSplits, a);
    const begin = x.shape.map(() => 0);
    return sizes.map((n) => {
      const size = [...x.shape];
      size[a] = n;
      const piece = slice({ ...args, attrs: { begin: [...begin], size } } as Parameters<KernelFunc>[0]) as TensorInfo;
      begin[a] = (begin[a] as number) + n;
      return piece;
    });
  };
}

import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';

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

const ORIGINAL = Symbol('tailforge.originalKernelFunc');

type Wrapped = KernelFunc & { [ORIGINAL]?: KernelFunc };
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Turns the in-place Slice and SplitV kernels on (the default once wasm loads) or back to TF.js's own. */
export function setWasmSliceFix(tf: Tf, enabled: boolean): void {
  const slice = tf.getKernel('Slice', 'wasm');
  const split = tf.getKernel('SplitV', 'wasm');
  if (slice === undefined || split === undefined) return;
  const currentSlice = slice.kernelFunc as Wrapped;
  if (enabled === (currentSlice[ORIGINAL] !== undefined)) return;
  const fast = enabled ? inPlaceSlice(tf, currentSlice) : (currentSlice[ORIGINAL] as KernelFunc);
  const splitFunc = enabled ? splitBySlices(tf, fast, split.kernelFunc) : ((split.kernelFunc as Wrapped)[ORIGINAL] as KernelFunc);
  for (const [config, kernelFunc] of [[slice, fast], [split, splitFunc]] as const) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({ ...config, kernelFunc } as KernelConfig);
  }
}

function inPlaceSlice(tf: Tf, original: KernelFunc): Wrapped {
  const wrapped: Wrapped = (args) => {
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
  wrapped[ORIGINAL] = original;
  return wrapped;
}

function splitBySlices(tf: Tf, slice: KernelFunc, original: KernelFunc): Wrapped {
  const wrapped: Wrapped = (args) => {
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
  wrapped[ORIGINAL] = original;
  return wrapped;
}

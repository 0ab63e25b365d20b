import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import { isPatched, patchKernel } from './kernel-patch.js';

/**
 * TF.js's WebAssembly matMul is 8–14× slower when called with a transpose
 * flag than on plain operands at the shapes of tailforge's networks, and every
 * backward-pass matMul (dA = dy·Bᵀ, dB = Aᵀ·dy) is called that way. This
 * replaces the wasm backend's `BatchMatMul` and `_FusedMatMul` kernels with
 * ones that, when a flag is set, transpose the flagged operand explicitly (a
 * cheap copy) and call the original kernel without flags. The product is the
 * same sum in the same order, so results are unchanged up to float rounding,
 * and autodiff is untouched (it still records one matMul). Other backends are
 * not affected: on tfjs-node the flags are free and the copy would cost 15%.
 */

const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
interface WasmBackendLike {
  disposeData(dataId: object): boolean | void;
}

/** Turns the explicit-transpose kernels on (the default once wasm loads) or back to TF.js's own; returns whether they were on. */
export function setWasmTransposeFix(tf: Tf, enabled: boolean): boolean {
  const wasOn = wasmTransposeFixOn(tf);
  for (const name of KERNELS) patchKernel(tf, name, 'wasm', enabled, (original) => explicitTranspose(tf, original));
  return wasOn;
}

/** Whether the wasm matMul kernels are currently the explicit-transpose ones. */
export function wasmTransposeFixOn(tf: Tf): boolean {
  return isPatched(tf, 'BatchMatMul', 'wasm');
}

function explicitTranspose(tf: Tf, original: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean } | undefined;
    if (attrs === undefined || (!attrs.transposeA && !attrs.transposeB)) return original(args);
    const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc;
    if (transpose === undefined) return original(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const inputs = { ...(args.inputs as Record<string, TensorInfo>) };
    const made: TensorInfo[] = [];
    const swapLast = (x: TensorInfo): TensorInfo => {
      const r = x.shape.length;
      const perm = [...Array(r).keys()];
      [perm[r - 2], perm[r - 1]] = [perm[r - 1] as number, perm[r - 2] as number];
      const t = transpose({ inputs: { x }, backend: args.backend, attrs: { perm } }) as TensorInfo;
      made.push(t);
      return t;
    };
    if (attrs.transposeA) inputs['a'] = swapLast(inputs['a'] as TensorInfo);
    if (attrs.transposeB) inputs['b'] = swapLast(inputs['b'] as TensorInfo);
    try {
      return original({ ...args, inputs, attrs: { ...attrs, transposeA: false, transposeB: false } } as Parameters<KernelFunc>[0]);
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
}

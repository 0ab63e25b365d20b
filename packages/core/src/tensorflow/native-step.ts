import type { KernelFunc, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import { patchKernel } from './kernel-patch.js';

/**
 * tfjs-node's `Step` kernel (y = 1 where x > 0, alpha elsewhere, NaN kept; the gradient of relu and, with
 * alpha = −1, of abs) builds two full-size constant tensors in JavaScript, `ones(x.shape)` and
 * `fill(x.shape, alpha)`, and copies both into libtensorflow on every call: at the cgan's batch of 256 that is
 * ~0.4 ms a call, five calls a training step (bench/gan-train-ops.mjs --backend tensorflow). This kernel picks
 * between two scalars with TensorFlow's broadcasting `SelectV2` instead. The values are the same, element for
 * element (1 or alpha exactly, NaN where x is NaN).
 */

interface NativeBackendLike {
  executeSingleOutput(name: string, opAttrs: unknown[], inputs: TensorInfo[]): TensorInfo;
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
}

/** Turns the scalar-select Step kernel on (the default once tfjs-node loads) or back to tfjs-node's own. */
export function setNativeStepFix(tf: Tf, enabled: boolean): void {
  patchKernel(tf, 'Step', 'tensorflow', enabled, (original) => scalarStep(tf, original));
}

function scalarStep(tf: Tf, original: KernelFunc): KernelFunc {
  return (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    if (x.dtype !== 'float32') return original(args);
    const alpha = (args.attrs as { alpha?: number }).alpha ?? 0;
    const backend = args.backend as unknown as NativeBackendLike;
    const T = [{ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT }];
    const xt = x as unknown as Tensor;
    return tf.tidy(() => {
      const positive = tf.greater(xt, 0);
      const one = tf.scalar(1, 'float32'), low = tf.scalar(alpha, 'float32');
      const step = backend.executeSingleOutput('SelectV2', T, [positive, one, low]);
      // Where x is NaN, x itself (as tfjs-node's kernel returns it).
      return backend.executeSingleOutput('Select', T, [tf.isNaN(xt), x, step]) as unknown as Tensor;
    }) as unknown as TensorInfo;
  };
}

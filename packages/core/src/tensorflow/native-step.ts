import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';

/**
 * tfjs-node's `Step` kernel (y = 1 where x > 0, alpha elsewhere, NaN kept; the gradient of relu and, with
 * alpha = −1, of abs) builds two full-size constant tensors in JavaScript, `ones(x.shape)` and
 * `fill(x.shape, alpha)`, and copies both into libtensorflow on every call: at the cgan's batch of 256 that is
 * ~0.4 ms a call, five calls a training step (bench/gan-train-ops.mjs --backend tensorflow). This kernel picks
 * between two scalars with TensorFlow's broadcasting `SelectV2` instead. The values are the same, element for
 * element (1 or alpha exactly, NaN where x is NaN).
 */

const ORIGINAL = Symbol('tailforge.originalKernelFunc');

type Wrapped = KernelFunc & { [ORIGINAL]?: KernelFunc };
interface NativeBackendLike {
  executeSingleOutput(name: string, opAttrs: unknown[], inputs: TensorInfo[]): TensorInfo;
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
}

/** Turns the scalar-select Step kernel on (the default once tfjs-node loads) or back to tfjs-node's own. */
export function setNativeStepFix(tf: Tf, enabled: boolean): void {
  const config = tf.getKernel('Step', 'tensorflow');
  if (config === undefined) return;
  const current = config.kernelFunc as Wrapped;
  if (enabled === (current[ORIGINAL] !== undefined)) return;
  const kernelFunc = enabled ? scalarStep(tf, current) : (current[ORIGINAL] as KernelFunc);
  tf.unregisterKernel('Step', 'tensorflow');
  tf.registerKernel({ ...config, kernelFunc } as KernelConfig);
}

function scalarStep(tf: Tf, original: KernelFunc): Wrapped {
  const wrapped: Wrapped = (args) => {
    const x = (args.inputs as { x: TensorInfo }).x;
    if (x.dtype !== 'float32') return original(args);
    const alpha = (args.attrs as { alpha?: number }).alpha ?? 0;
    const backend = args.backend as unknown as NativeBackendLike;
    const T = [{ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT }];
    return tf.tidy(() => {
      const positive = tf.greater(x as unknown as import('@tensorflow/tfjs').Tensor, 0);
      const one = tf.scalar(1, 'float32'), low = tf.scalar(alpha, 'float32');
      const step = backend.executeSingleOutput('SelectV2', T, [positive, one, low]);
      // Where x is NaN, x itself (as tfjs-node's kernel returns it).
      return backend.executeSingleOutput('Select', T, [tf.isNaN(x as unknown as import('@tensorflow/tfjs').Tensor), x, step]) as unknown as import('@tensorflow/tfjs').Tensor;
    }) as unknown as TensorInfo;
  };
  wrapped[ORIGINAL] = original;
  return wrapped;
}

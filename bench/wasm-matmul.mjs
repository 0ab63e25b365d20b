// The wasm matMul fix alone (packages/core/src/tensorflow/wasm-matmul.ts): backward-pass matMuls of the cgan's
// layer shapes at A assets, with TF.js's own wasm kernels and with tailforge's explicit transposes, alternating
// in one process (rounds), medians of ms per call. Usage: npx tsc -b apps/runner && node bench/wasm-matmul.mjs [--assets 30] [--rounds 7]
import * as core from '../packages/core/dist/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const A = opt('assets', 30);
const rounds = opt('rounds', 7);
await core.initBackend('wasm');
const tf = await core.tensorflow();

const B = 64, H = 20, hidden = 64, S = 2 * A + 7; // S: the cgan's state size at A assets (state-features.ts)
// [name, a shape, b shape, transposeA, transposeB]: the gradients of y = x·W are dx = dy·Wᵀ and dW = xᵀ·dy.
const cases = [
  ['d_l1 dW = xᵀ·dy', [B, 2 * H * A + S], [B, hidden], true, false],
  ['d_l1 dx = dy·Wᵀ', [B, hidden], [2 * H * A + S, hidden], false, true],
  ['g_noise dW = εᵀ·dy', [B * H, A], [B * H, hidden], true, false],
  ['g_l2 dx = dy·Wᵀ', [B * H, hidden], [hidden, hidden], false, true],
  ['g_out dW = hᵀ·dy', [B * H, hidden], [B * H, A], true, false],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function time(a, b, ta, tb) {
  const reps = 20;
  tf.matMul(a, b, ta, tb).dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const c = tf.matMul(a, b, ta, tb);
    c.dataSync();
    c.dispose();
  }
  return (performance.now() - t0) / reps;
}

console.log(`wasm matMul, cgan shapes at A = ${A} (B = ${B}, window ${H}, hidden ${hidden}); ms per call, medians of ${rounds} alternating rounds`);
console.log(`${'matMul'.padEnd(24)}${'shapes'.padEnd(26)}${'TF.js'.padStart(9)}${'explicit'.padStart(10)}${'speed-up'.padStart(10)}`);
for (const [name, as, bs, ta, tb] of cases) {
  const a = tf.randomNormal(as, 0, 1, 'float32', 1);
  const b = tf.randomNormal(bs, 0, 1, 'float32', 2);
  const native = [], fixed = [];
  for (let r = 0; r < rounds; r++) {
    core.setWasmTransposeFix(tf, false);
    native.push(time(a, b, ta, tb));
    core.setWasmTransposeFix(tf, true);
    fixed.push(time(a, b, ta, tb));
  }
  a.dispose();
  b.dispose();
  const n = median(native), f = median(fixed);
  console.log(`${name.padEnd(24)}${`${as.join('×')}, ${bs.join('×')}`.padEnd(26)}${n.toFixed(3).padStart(9)}${f.toFixed(3).padStart(10)}${`${(n / f).toFixed(1)}×`.padStart(10)}`);
}

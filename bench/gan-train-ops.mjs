// Ops per cgan training step, by kernel, on one TensorFlow.js backend (issue "The GAN at native speed": training
// at A = 30 is bound by TF.js's per-op cost, not by flops). Trains the cgan's networks (trainGan, the fit's own
// loop) on seeded Gaussian windows of the A = 30 shapes (window 10, latent 8, hidden 32, 32 state features,
// batch 64 unless --batch), counting every kernel the engine runs and the wall time spent in each (top-level
// calls only, so nested kernels are not counted twice). Prints ops per step, steps/s and the 15 costliest kernels.
//
// Usage: npx tsc -b apps/runner && node bench/gan-train-ops.mjs [--backend wasm|tensorflow|cpu] [--steps 200]
//          [--batch 64] [--assets 30] [--all] [--shapes] [--no-count: speed only, wall and CPU]
import { flag, opt } from './bench-args.mjs';

const backend = opt('backend', 'wasm');
const steps = Number(opt('steps', '200'));
const B = Number(opt('batch', '64'));
const A = Number(opt('assets', '30'));
const H = 10, L = 8, S = 32, hidden = 32;

const core = await import('../packages/core/dist/index.js');
const { Generator, Discriminator } = await import('../packages/core/dist/models/cgan/networks.js');
const { trainGan } = await import('../packages/core/dist/models/cgan/train.js');
await core.initBackend(backend);
const tf = await core.tensorflow();

const rng = new core.Rng(3);
const n = B * steps;
const u = Float32Array.from({ length: n * H * A }, () => rng.normal());
const states = Float32Array.from({ length: n * S }, () => rng.normal());
const config = { latentDim: L, stateDim: S, hidden, window: H, nAssets: A };
const gen = Generator.initial(config, rng);
const disc = Discriminator.initial(config, rng);
const settings = { epochs: 1, batchSize: B, learningRate: 2e-4, momentWeight: Number(opt('moment-weight', '1')), featureWeight: Number(opt('feature-weight', '1')), instanceNoise: 0.1, labelSmoothing: 0.1, patience: 0, seed: 1 };

// Warm-up (kernel compilation, first allocations), then the counted run.
await trainGan(gen, disc, { n: B * 5, starts: new Int32Array(B * 5), u, states }, () => 0, settings);
const engine = tf.engine();
const original = engine.runKernel.bind(engine);
const counts = new Map();
let depth = 0;
if (flag('no-count')) {
  // Speed only: wall steps/s and CPU ms per step (all threads; steadier than wall time on a shared machine).
  const cpu0 = process.cpuUsage();
  const o = await trainGan(gen, disc, { n, starts: new Int32Array(n), u, states }, () => 0, settings);
  const cpu = process.cpuUsage(cpu0);
  console.log(`${backend}: A = ${A}, B = ${B}: ${o.stepsPerSecond.toFixed(1)} steps/s wall, ${((cpu.user + cpu.system) / 1000 / o.steps).toFixed(2)} CPU ms/step`);
  process.exit(0);
}
const byShape = flag('shapes'); // key kernels by their input shapes too
engine.runKernel = (kernel, inputs, attrs) => {
  const name = byShape ? `${kernel} ${Object.values(inputs).map((t) => `[${t.shape}]`).join('')}${attrs?.transposeA ? ' tA' : ''}${attrs?.transposeB ? ' tB' : ''}` : kernel;
  depth++;
  const t0 = depth === 1 ? performance.now() : 0;
  try {
    return original(kernel, inputs, attrs);
  } finally {
    depth--;
    const c = counts.get(name) ?? { n: 0, ms: 0 };
    c.n++;
    if (depth === 0) c.ms += performance.now() - t0;
    counts.set(name, c);
  }
};
const out = await trainGan(gen, disc, { n, starts: new Int32Array(n), u, states }, () => 0, settings);
engine.runKernel = original;
const total = [...counts.values()].reduce((s, c) => s + c.n, 0);
const kernelMs = [...counts.values()].reduce((s, c) => s + c.ms, 0);
console.log(`${backend}: A = ${A}, B = ${B}: ${(total / out.steps).toFixed(0)} ops per step, ${out.stepsPerSecond.toFixed(1)} steps/s (counting on), ${(kernelMs / out.steps).toFixed(2)} ms/step in kernels of ${(1000 / out.stepsPerSecond).toFixed(2)} ms`);
const rows = [...counts].sort((a, b) => b[1].ms - a[1].ms).slice(0, flag('all') ? counts.size : 15);
for (const [name, c] of rows) console.log(`  ${name.padEnd(byShape ? 48 : 22)}${(c.n / out.steps).toFixed(1).padStart(8)} /step${(c.ms / out.steps).toFixed(3).padStart(9)} ms/step${((1000 * c.ms) / c.n).toFixed(1).padStart(8)} µs/op`);

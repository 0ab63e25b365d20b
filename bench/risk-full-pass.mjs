// Benchmark of a full risk pass with the extended @tailforge/risk API:
//   P&L at horizons 1, 5, 10, 20 (one pass, with position P&L and drawdown detail),
//   weighted VaR / ES at 3 levels per horizon, max-drawdown statistics
//   (summary, CDaR, breach probability), component ES, bootstrap errors.
// Run 1: 100,000 paths × 20 days × 30 assets in one block.
// Run 2: 1,000,000 paths in 10 chunks of 100,000 (the streaming pattern):
//   generate a chunk, process it, keep only the per-path P&L / drawdown arrays
//   (plus the position P&L of candidate tail paths for component ES), reuse
//   the chunk buffer.
// Needs the compiled package: `npx tsc -b packages/risk` first.
// Usage: node bench/risk-full-pass.mjs [both|block|stream]  (default both; one
// run alone gives that run's own peak RSS).
import {
  breachProbability,
  componentES,
  conditionalDrawdownAtRisk,
  drawdownSummary,
  expectedShortfall,
  riskAtLevels,
  riskWithErrors,
  simulatePortfolio,
  valueAtRisk,
} from '../packages/risk/dist/index.js';

const horizon = 20;
const nAssets = 30;
const chunkPaths = 100_000;
const horizons = [1, 5, 10, 20];
const levels = [0.95, 0.975, 0.99];
const esLevel = 0.975; // level of the component ES
const ddLimit = 0.02; // drawdown limit (2% of the peak) for the breach probability

const exposures = new Float64Array(nAssets);
for (let a = 0; a < nAssets; a++) exposures[a] = a % 5 === 4 ? -20_000 : 50_000; // a few shorts

// xorshift32 uniforms; a sum of 4 uniforms is a cheap bell shape. Daily log
// returns ~ ±1% (sd about 0.58 · 0.02 ≈ 1.2%), small positive drift. The same
// generator as bench/risk-pass.mjs.
let state = 0x9e3779b9;
function uniform() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
function fillReturns(values) {
  for (let i = 0; i < values.length; i++) {
    values[i] = 0.0002 + 0.02 * (uniform() + uniform() + uniform() + uniform() - 2);
  }
}
/** Scenario weights in [0.5, 1.5): stand-ins for importance-sampling weights. */
function fillWeights(weights) {
  for (let i = 0; i < weights.length; i++) weights[i] = 0.5 + uniform();
}

const now = () => performance.now();
const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Sums of per-step timings, in insertion order. */
class Timer {
  constructor() {
    this.steps = new Map();
  }
  time(name, fn) {
    const t0 = now();
    const out = fn();
    this.steps.set(name, (this.steps.get(name) ?? 0) + now() - t0);
    return out;
  }
  print() {
    let total = 0;
    for (const [name, ms] of this.steps) {
      console.log(`  ${name.padEnd(48)} ${fmt(ms)}`);
      total += ms;
    }
    console.log(`  ${'total'.padEnd(48)} ${fmt(total)}`);
    return total;
  }
}

/**
 * Component ES from a superset of the tail: if `subset` holds every path whose
 * loss is >= the full-sample VaR, the Acerbi–Tasche tail of the full sample at
 * α is the tail of the subset at α' = 1 − (1 − α) W / W_subset (same absolute
 * tail mass), so componentES on the subset equals componentES on all paths.
 */
function componentESFromTail(subset, alpha, totalWeight) {
  let subsetWeight = 0;
  for (let i = 0; i < subset.weights.length; i++) subsetWeight += subset.weights[i];
  const alphaSubset = 1 - ((1 - alpha) * totalWeight) / subsetWeight;
  return componentES(subset.pnl, subset.positionPnl, nAssets, alphaSubset, subset.weights);
}

/** Keeps P&L, weight and position P&L of the paths whose loss exceeds `threshold`. */
class TailBuffer {
  constructor(threshold) {
    this.threshold = threshold;
    this.pnl = [];
    this.weights = [];
    this.rows = [];
  }
  add(pnl, weights, positionPnl) {
    for (let p = 0; p < pnl.length; p++) {
      if (-pnl[p] > this.threshold) {
        this.pnl.push(pnl[p]);
        this.weights.push(weights[p]);
        this.rows.push(positionPnl.slice(p * nAssets, (p + 1) * nAssets));
      }
    }
  }
  done() {
    const positionPnl = new Float64Array(this.rows.length * nAssets);
    this.rows.forEach((row, i) => positionPnl.set(row, i * nAssets));
    return { pnl: Float64Array.from(this.pnl), weights: Float64Array.from(this.weights), positionPnl };
  }
}

function printRisk(label, pnlByHorizon, weights) {
  horizons.forEach((h, i) => {
    const r = riskAtLevels(pnlByHorizon[i], levels, weights);
    console.log(`  ${label} h=${String(h).padStart(2)}: ` + r.map((l) => `α=${l.confidence} VaR ${l.var.toFixed(0)} ES ${l.es.toFixed(0)}`).join(' | '));
  });
}

function printComponents(label, components, es) {
  const sum = components.reduce((s, x) => s + x, 0);
  const top = Array.from(components.slice(0, 5), (x) => x.toFixed(0)).join(', ');
  console.log(`  ${label}: first 5 of 30 = [${top}], Σ = ${sum.toFixed(4)}, ES = ${es.toFixed(4)}, |Σ − ES| = ${Math.abs(sum - es).toExponential(2)}`);
}

// ---------------------------------------------------------------------------
// Warm-up: JIT the loops on a small cube before timing.
{
  const n = 5_000;
  const values = new Float32Array(n * horizon * nAssets);
  fillReturns(values);
  const w = new Float64Array(n);
  fillWeights(w);
  const sim = simulatePortfolio({ values, nPaths: n, horizon, nAssets }, exposures, {
    horizons,
    keepPositionPnl: true,
    drawdownDetail: true,
  });
  riskAtLevels(sim.pnl, levels, w);
  componentES(sim.pnl, sim.positionPnl, nAssets, esLevel, w);
  riskWithErrors(sim.pnl, levels, { weights: w, resamples: 20 });
  conditionalDrawdownAtRisk(sim.maxDrawdown, 0.99, w);
}

const mode = process.argv[2] ?? 'both';
if (!['both', 'block', 'stream'].includes(mode)) throw new Error(`unknown mode ${mode}: use both, block or stream`);
const values = new Float32Array(chunkPaths * horizon * nAssets); // the cube of run 1, the chunk buffer of run 2

// ---------------------------------------------------------------------------
function runBlock() {
  console.log(`Run 1: ${chunkPaths.toLocaleString('en-US')} paths × ${horizon} days × ${nAssets} assets (Float32Array cube)`);
  const run1 = new Timer();
  run1.time('generate cube', () => fillReturns(values));
  const weights1 = new Float64Array(chunkPaths);
  fillWeights(weights1);
  const sim1 = run1.time('simulatePortfolio (4 horizons, positions, dd detail)', () =>
    simulatePortfolio({ values, nPaths: chunkPaths, horizon, nAssets }, exposures, {
      horizons,
      keepPositionPnl: true,
      drawdownDetail: true,
    }),
  );
  run1.time('riskAtLevels × 4 horizons (3 levels, weighted)', () => {
    for (const pnl of sim1.pnlByHorizon) riskAtLevels(pnl, levels, weights1);
  });
  const dd1 = run1.time(`drawdowns: summary, CDaR 0.99, P(MDD >= ${ddLimit * 100}%)`, () => ({
    summary: drawdownSummary(sim1.maxDrawdown),
    cdar: conditionalDrawdownAtRisk(sim1.maxDrawdown, 0.99, weights1),
    breach: breachProbability(sim1.maxDrawdown, ddLimit, weights1),
  }));
  const comp1 = run1.time('componentES 0.975 (weighted, 30 positions)', () =>
    componentES(sim1.pnl, sim1.positionPnl, nAssets, esLevel, weights1),
  );
  const err1 = run1.time('riskWithErrors h=20 (bootstrap 500, weighted)', () =>
    riskWithErrors(sim1.pnl, levels, { weights: weights1, resamples: 500, seed: 1 }),
  );
  const total1 = run1.print();
  printRisk('risk', sim1.pnlByHorizon, weights1);
  console.log(
    `  drawdowns: mean ${dd1.summary.mean.toFixed(4)} p99 ${dd1.summary.p99.toFixed(4)} CDaR_0.99 ${dd1.cdar.toFixed(4)} ` +
      `P(MDD >= ${ddLimit}) ${dd1.breach.toFixed(4)}; recovered ${sim1.drawdownDetail.recovered.reduce((s, x) => s + x, 0)} paths`,
  );
  printComponents('component ES', comp1, expectedShortfall(sim1.pnl, esLevel, weights1));
  for (const r of err1) {
    console.log(`  α=${r.confidence}: VaR ${r.var.toFixed(0)} ± ${r.varSe.toFixed(0)}  ES ${r.es.toFixed(0)} ± ${r.esSe.toFixed(0)} (bootstrap se)`);
  }
  // The tail-subset trick used by run 2, checked against the direct result.
  {
    const buffer = new TailBuffer(valueAtRisk(sim1.pnl, 0.95, weights1));
    buffer.add(sim1.pnl, weights1, sim1.positionPnl);
    let w = 0;
    for (const x of weights1) w += x;
    const viaTail = componentESFromTail(buffer.done(), esLevel, w);
    let diff = 0;
    for (let a = 0; a < nAssets; a++) diff = Math.max(diff, Math.abs(viaTail[a] - comp1[a]));
    console.log(`  tail-subset component ES vs direct: max |diff| = ${diff.toExponential(2)} (${buffer.pnl.length} tail paths kept)`);
  }
  const rss1 = process.resourceUsage().maxRSS * 1024;
  console.log(`  wall time ${total1.toFixed(0)} ms (${(total1 - run1.steps.get('generate cube')).toFixed(0)} ms without generating the cube); peak RSS so far ${mib(rss1)}`);
}

// ---------------------------------------------------------------------------
function runStream() {
  const nChunks = 10;
  const nPaths = nChunks * chunkPaths;
  console.log(`\nRun 2: ${nPaths.toLocaleString('en-US')} paths in ${nChunks} chunks of ${chunkPaths.toLocaleString('en-US')} (streaming)`);
  const run2 = new Timer();
  const pnlByHorizon = horizons.map(() => new Float64Array(nPaths));
  const maxDrawdowns = new Float64Array(nPaths);
  const durations = new Float64Array(nPaths);
  const weights2 = new Float64Array(nPaths);
  let tail;
  for (let c = 0; c < nChunks; c++) {
    const offset = c * chunkPaths;
    run2.time('generate chunks', () => fillReturns(values));
    const w = weights2.subarray(offset, offset + chunkPaths);
    fillWeights(w);
    const sim = run2.time('simulatePortfolio (4 horizons, positions, dd detail)', () =>
      simulatePortfolio({ values, nPaths: chunkPaths, horizon, nAssets }, exposures, {
        horizons,
        keepPositionPnl: true,
        drawdownDetail: true,
      }),
    );
    run2.time('keep per-path arrays + tail positions', () => {
      sim.pnlByHorizon.forEach((pnl, i) => pnlByHorizon[i].set(pnl, offset));
      maxDrawdowns.set(sim.maxDrawdown, offset);
      durations.set(sim.drawdownDetail.drawdownDuration, offset);
      // Provisional tail threshold from the first chunk: its weighted 0.95-VaR is
      // far below the full sample's 0.975-VaR (checked after the loop).
      if (tail === undefined) tail = new TailBuffer(valueAtRisk(sim.pnl, 0.95, w));
      tail.add(sim.pnl, w, sim.positionPnl);
    });
  }
  run2.time('riskAtLevels × 4 horizons (3 levels, weighted)', () => {
    for (const pnl of pnlByHorizon) riskAtLevels(pnl, levels, weights2);
  });
  const dd2 = run2.time(`drawdowns: summary, CDaR 0.99, P(MDD >= ${ddLimit * 100}%)`, () => ({
    summary: drawdownSummary(maxDrawdowns),
    cdar: conditionalDrawdownAtRisk(maxDrawdowns, 0.99, weights2),
    breach: breachProbability(maxDrawdowns, ddLimit, weights2),
  }));
  let totalWeight2 = 0;
  for (const x of weights2) totalWeight2 += x;
  const pnl20 = pnlByHorizon[horizons.length - 1];
  const var2 = valueAtRisk(pnl20, esLevel, weights2);
  if (!(tail.threshold < var2)) throw new Error('tail buffer threshold is not below the full-sample VaR');
  const comp2 = run2.time('componentES 0.975 (from the kept tail paths)', () =>
    componentESFromTail(tail.done(), esLevel, totalWeight2),
  );
  const total2 = run2.print();
  printRisk('risk', pnlByHorizon, weights2);
  console.log(
    `  drawdowns: mean ${dd2.summary.mean.toFixed(4)} p99 ${dd2.summary.p99.toFixed(4)} CDaR_0.99 ${dd2.cdar.toFixed(4)} ` +
      `P(MDD >= ${ddLimit}) ${dd2.breach.toFixed(4)}; mean drawdown duration ${(durations.reduce((s, x) => s + x, 0) / nPaths).toFixed(2)} steps`,
  );
  printComponents('component ES', comp2, expectedShortfall(pnl20, esLevel, weights2));
  console.log(`  tail paths kept for component ES: ${tail.pnl.length.toLocaleString('en-US')} of ${nPaths.toLocaleString('en-US')}`);
  const noGen2 = total2 - run2.steps.get('generate chunks');
  console.log(`  wall time ${total2.toFixed(0)} ms (${noGen2.toFixed(0)} ms without generating the chunks); throughput ${Math.round(nPaths / (total2 / 1000)).toLocaleString('en-US')} paths/s`);
}

if (mode !== 'stream') runBlock();
if (mode !== 'block') runStream();
console.log(`\npeak RSS (whole process): ${mib(process.resourceUsage().maxRSS * 1024)}`);

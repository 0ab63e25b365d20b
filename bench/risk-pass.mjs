// Benchmark of the risk pass on a synthetic cube: 100,000 paths × 20 days ×
// 30 assets of small random log returns (Float32Array), then
// simulatePortfolio + riskAtLevels([0.95, 0.99, 0.995]) + drawdownSummary.
// Needs the compiled package: `npx tsc -b packages/risk` first.
import { drawdownSummary, riskAtLevels, simulatePortfolio } from '../packages/risk/dist/index.js';

const nPaths = 100_000;
const horizon = 20;
const nAssets = 30;

// xorshift32 uniforms; a sum of 4 uniforms is a cheap bell shape. Daily log
// returns ~ ±1% (sd about 0.58 · 0.02 ≈ 1.2%), small positive drift.
let state = 0x9e3779b9;
function uniform() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const values = new Float32Array(nPaths * horizon * nAssets);
for (let i = 0; i < values.length; i++) {
  values[i] = 0.0002 + 0.02 * (uniform() + uniform() + uniform() + uniform() - 2);
}
const exposures = new Float64Array(nAssets);
for (let a = 0; a < nAssets; a++) exposures[a] = a % 5 === 4 ? -20_000 : 50_000; // a few shorts

const paths = { values, nPaths, horizon, nAssets };

function run() {
  const t0 = process.hrtime.bigint();
  const sim = simulatePortfolio(paths, exposures);
  const t1 = process.hrtime.bigint();
  const levels = riskAtLevels(sim.pnl, [0.95, 0.99, 0.995]);
  const t2 = process.hrtime.bigint();
  const dd = drawdownSummary(sim.maxDrawdown);
  const t3 = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  return { sim, levels, dd, simulateMs: ms(t0, t1), riskMs: ms(t1, t2), drawdownMs: ms(t2, t3), totalMs: ms(t0, t3) };
}

run(); // warm-up: JIT the loops before timing
const r = run();

console.log(`cube: ${nPaths} paths × ${horizon} days × ${nAssets} assets (Float32Array, ${(values.byteLength / 2 ** 20).toFixed(1)} MiB)`);
console.log(`initial value: ${r.sim.initialValue}`);
for (const l of r.levels) {
  console.log(`  α=${l.confidence}: VaR ${l.var.toFixed(2)}  ES ${l.es.toFixed(2)}`);
}
console.log(`max drawdown: mean ${r.dd.mean.toFixed(5)} median ${r.dd.median.toFixed(5)} p95 ${r.dd.p95.toFixed(5)} p99 ${r.dd.p99.toFixed(5)} max ${r.dd.max.toFixed(5)}`);
console.log(
  `time: simulatePortfolio ${r.simulateMs.toFixed(1)} ms, riskAtLevels ${r.riskMs.toFixed(1)} ms, ` +
    `drawdownSummary ${r.drawdownMs.toFixed(1)} ms`,
);
console.log(`wall time (risk pass): ${r.totalMs.toFixed(1)} ms`);
console.log(`throughput: ${Math.round(nPaths / (r.totalMs / 1000)).toLocaleString('en-US')} paths/s`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);

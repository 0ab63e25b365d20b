// Tail-focused sampling against plain Monte Carlo on the example: the shipped cgan (examples/models/cgan-dow,
// 30 Dow stocks, window 20) from the latest state of examples/dowjones30_prices.csv, the portfolio
// examples/portfolios/balanced.csv, 10-day horizon (the run's default). For each of R replicates (independent seeds)
// it draws N plain paths and N tail-focused paths (latent mean shifted toward the loss tail, exact likelihood-ratio
// weights, 20% of paths unshifted) and estimates ES 99% and ES 99.5%; the standard error of each estimator is the
// standard deviation over the replicates, so the variance-reduction factor SE_plain² / SE_tail² is the number of
// plain paths one tail-focused path is worth. Then paths/s generated per registered model.
// Needs `pnpm build`. Usage: node bench/tail-sampling.mjs [--paths 2000] [--reps 40] [--horizon 10] [--backend wasm]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/dist/index.js';
import * as sc from '../packages/scenarios/dist/index.js';
import { riskAtLevels, simulatePortfolio } from '../packages/risk/dist/index.js';
import { opt } from './bench-args.mjs';

const N = Number(opt('paths', '2000'));
const R = Number(opt('reps', '40'));
const H = Number(opt('horizon', '10'));
const LEVELS = [0.99, 0.995];
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const backend = await core.initBackend(opt('backend', 'wasm'));
core.registerBuiltinModels();
const model = await core.loadModel(here('../examples/models/cgan-dow'));
const table = await core.readPricesCsv(here('../examples/dowjones30_prices.csv'), { symbols: [...model.symbols] });
const returns = core.toLogReturns(table);
const last = core.lastPrices(table);
const qty = Object.fromEntries(
  (await readFile(here('../examples/portfolios/balanced.csv'), 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([s, q]) => [s, Number(q)]),
);
const exposures = Float64Array.from(model.symbols, (s, a) => (qty[s] ?? 0) * last.prices[a]);
const value = exposures.reduce((s, v) => s + v, 0);
const state = sc.resolveState(model, returns, { kind: 'latest' }).state;

let t0 = performance.now();
const shift = await sc.findTailShift(model, { state, exposures, horizon: H, confidence: 0.995 });
const shiftSeconds = (performance.now() - t0) / 1000;

const es = (values, n, weights) => riskAtLevels(simulatePortfolio({ values, nPaths: n, horizon: H, nAssets: model.symbols.length }, exposures).pnl, LEVELS, weights).map((r) => r.es);
const plain = LEVELS.map(() => []);
const tail = LEVELS.map(() => []);
let plainSeconds = 0, tailSeconds = 0, wMean = 0, ess = 0;
for (let k = 0; k < R; k++) {
  const seed = 1000 + k;
  t0 = performance.now();
  const p = await sc.generatePaths(model, { nPaths: N, horizon: H, seed, state });
  plainSeconds += (performance.now() - t0) / 1000;
  t0 = performance.now();
  const q = await sc.generateTailFocused(model, { nPaths: N, horizon: H, seed, state }, { latentMean: shift.latentMean });
  tailSeconds += (performance.now() - t0) / 1000;
  es(p.values, N).forEach((v, i) => plain[i].push(v));
  es(q.values, N, q.weights).forEach((v, i) => tail[i].push(v));
  const d = sc.weightDiagnostics(q.weights);
  wMean += d.mean / R;
  ess += d.effectiveFraction / R;
}
const meanSd = (x) => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return [m, Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1))];
};
const money = (v) => Math.round(v).toLocaleString('en-US');
console.log(`tail-focused vs plain Monte Carlo: cgan-dow (${model.symbols.length} stocks), balanced.csv worth ${money(value)}, latest state ${returns.dates.at(-1)}, ${H}-day horizon, backend ${backend.name}`);
console.log(`shift: |μ| = ${shift.radius.toFixed(3)} toward the 99.5% tail, found in ${shiftSeconds.toFixed(2)} s (${shift.iterations} ascent steps, alignment ${shift.alignment.toFixed(5)}); loss of the path at 0 ${money(shift.lossAtZero)}, at μ ${money(shift.lossAtShift)}`);
console.log(`${R} replicates of ${N} paths each; weights: mean ${wMean.toFixed(3)} (1 in expectation), effective sample size ${(100 * ess).toFixed(1)}% of the paths`);
console.log('');
console.log(`${'measure'.padEnd(10)}${'plain ES'.padStart(12)}${'plain SE'.padStart(10)}${'tail ES'.padStart(12)}${'tail SE'.padStart(10)}${'SE ratio'.padStart(10)}${'variance reduction'.padStart(20)}`);
LEVELS.forEach((c, i) => {
  const [pm, ps] = meanSd(plain[i]);
  const [tm, ts] = meanSd(tail[i]);
  console.log(`${`ES ${(c * 100).toFixed(1)}%`.padEnd(10)}${money(pm).padStart(12)}${money(ps).padStart(10)}${money(tm).padStart(12)}${money(ts).padStart(10)}${(ps / ts).toFixed(2).padStart(10)}${`${((ps / ts) ** 2).toFixed(1)}×`.padStart(20)}`);
});
const [, ps995] = meanSd(plain[1]);
const [, ts995] = meanSd(tail[1]);
console.log('');
console.log(`variance-reduction factor for ES 99.5%: ${((ps995 / ts995) ** 2).toFixed(1)}× (plain paths needed for the tail-focused standard error at ${N} paths: ${money(N * (ps995 / ts995) ** 2)}; aim ≥ 5×)`);
console.log(`generation time: plain ${((N * R) / plainSeconds).toFixed(0)} paths/s, tail-focused ${((N * R) / tailSeconds).toFixed(0)} paths/s (${H} days)`);

// Paths/s per registered model: fitted on all 30 stocks' returns (the cgan is the shipped one), 20,000 paths × 20 days.
console.log('');
console.log('paths/s generated per model (30 assets × 20 days, 20,000 paths, chunks of 4,096):');
const GEN = 20_000;
for (const f of core.listModels()) {
  let m;
  t0 = performance.now();
  if (f.name === 'cgan') m = model;
  else m = await f.fit(returns, {}, { seed: 1 });
  const fitSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await sc.generatePaths(m, { nPaths: GEN, horizon: 20, seed: 3, ...(f.name === 'cgan' ? { state } : {}) });
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${f.name.padEnd(10)} ${Math.round(GEN / s).toLocaleString('en-US').padStart(10)} paths/s  (${f.name === 'cgan' ? 'loaded' : `fitted in ${fitSeconds.toFixed(2)} s`})`);
}
t0 = performance.now();
await sc.generateTailFocused(model, { nPaths: GEN, horizon: 20, seed: 3, state }, { latentMean: (await sc.findTailShift(model, { state, exposures, horizon: 20, confidence: 0.995 })).latentMean });
console.log(`  ${'cgan tail'.padEnd(10)} ${Math.round(GEN / ((performance.now() - t0) / 1000)).toLocaleString('en-US').padStart(10)} paths/s  (tail-focused, weights included)`);

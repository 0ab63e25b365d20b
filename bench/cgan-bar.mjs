// The cgan quality bar (issue "Conditional GAN"): DowJones30, 10 symbols, trained on 1991–1998 on the
// wasm backend (or --backend), evaluated on 1999–2000 against the bootstrap and gaussian baselines
// fitted on the same training days. Prints the bar's checks, training steps/s and generated paths/s.
// Usage: node bench/cgan-bar.mjs [--backend wasm] [--epochs 60] [--seed 1] [--param k=v ...]
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/dist/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const params = {};
args.forEach((a, i) => {
  if (a === '--param') {
    const [k, v] = args[i + 1].split('=');
    params[k] = Number.isFinite(Number(v)) ? Number(v) : v;
  }
});
const SYMBOLS = ['AA', 'AXP', 'BA', 'GE', 'IBM', 'JNJ', 'KO', 'MSFT', 'WMT', 'XOM'];
const backend = await core.initBackend(opt('backend', 'wasm'));
const seed = Number(opt('seed', '1'));
params.epochs = Number(opt('epochs', params.epochs ?? 60));

const prices = fileURLToPath(new URL('../examples/dowjones30_prices.csv', import.meta.url));
const table = core.sliceDates(await core.readPricesCsv(prices, { symbols: SYMBOLS }), { to: '2000-12-31' });
const all = core.toLogReturns(table);
const split = all.dates.findIndex((d) => d >= '1999-01-01');
const train = { dates: all.dates.slice(0, split), symbols: all.symbols, values: all.values.slice(0, split * SYMBOLS.length) };

const t0 = performance.now();
const model = await core.cganModel.fit(train, params, {
  seed,
  onProgress: (_f, message) => process.stderr.write(`${message}\n`),
});
const trainSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
const nPaths = 20000;
await model.sample({ nPaths, horizon: model.window, seed: 7 });
const pathsPerSecond = nPaths / ((performance.now() - t1) / 1000);

const ev = await core.heldOutEvaluation(model, all, { fromIndex: split, seed, reps: 8 });
const card = ev.card;
const real = card.real;
const by = Object.fromEntries(card.models.map((m) => [m.name, m]));
const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
const g = by.cgan.errors, gs = by.gaussian.errors;
const realAcfAbs = mean(real.acfAbs.slice(0, 5));
const A = SYMBOLS.length;
const meanCorr = (c) => {
  let s = 0;
  for (let i = 0; i < A; i++) for (let j = i + 1; j < A; j++) s += c[i * A + j];
  return s / ((A * (A - 1)) / 2);
};

console.log(`cgan bar: ${SYMBOLS.join(',')}; trained ${train.dates[0]}..${train.dates[split - 1]} on ${backend.name}, held out ${ev.heldOut.firstDate}..${ev.heldOut.lastDate} (${ev.heldOut.nWindows} windows of ${model.window} days)`);
console.log(`training: ${trainSeconds.toFixed(1)} s in all, ${model.training.steps} steps, ${model.training.stepsPerSecond.toFixed(1)} steps/s, best epoch ${model.training.bestEpoch}/${model.training.epochsRun}; generation: ${Math.round(pathsPerSecond)} paths/s (${model.window} days × ${SYMBOLS.length} assets)`);
console.log('');
const rows = [
  ['mean excess kurtosis', mean(real.excessKurtosis), ...card.models.map((m) => mean(m.stats.excessKurtosis))],
  ['kurtosis rel. error (of mean)', 0, ...card.models.map((m) => m.errors.kurtosisRelError)],
  ['kurtosis rel. error (per asset)', 0, ...card.models.map((m) => m.errors.kurtosisRelErrorPerAsset)],
  ['ACF |r| lags 1-5', realAcfAbs, ...card.models.map((m) => m.errors.acfAbsMean1to5)],
  ['ACF |r| error 1-5', 0, ...card.models.map((m) => m.errors.acfAbsError1to5)],
  ['ACF r error 1-5', 0, ...card.models.map((m) => m.errors.acfError1to5)],
  ['ACF r lag 1', real.acf[0], ...card.models.map((m) => m.stats.acf[0])],
  ['mean pairwise correlation', meanCorr(real.correlation), ...card.models.map((m) => meanCorr(m.stats.correlation))],
  ['correlation MAE', 0, ...card.models.map((m) => m.errors.correlationMae)],
  ['1% quantile error', 0, ...card.models.map((m) => m.errors.q01Error)],
  ['99% quantile error', 0, ...card.models.map((m) => m.errors.q99Error)],
  ['W1 / std', 0, ...card.models.map((m) => m.errors.w1Scaled)],
  ['|log std ratio|', 0, ...card.models.map((m) => m.errors.stdLogRatio)],
  ['leverage error 1-5', 0, ...card.models.map((m) => m.errors.leverageError1to5)],
  [`${model.window}d portfolio W1`, 0, ...card.models.map((m) => m.errors.portfolioW1)],
];
const head = ['statistic', 'real', ...card.models.map((m) => m.name)];
console.log(head.map((h, i) => (i === 0 ? h.padEnd(32) : h.padStart(10))).join(''));
for (const r of rows) console.log(r.map((v, i) => (i === 0 ? String(v).padEnd(32) : v.toFixed(4).padStart(10))).join(''));
console.log('');
const checks = [
  ['kurtosis within ±35% of real (mean over assets)', g.kurtosisRelError <= 0.35],
  ['mean ACF |r| lags 1-5 positive and within 0.08 of real', g.acfAbsMean1to5 > 0 && g.acfAbsError1to5 <= 0.08],
  ['ACF r within 0.05 of real', g.acfError1to5 <= 0.05],
  ['correlation MAE < 0.08', g.correlationMae < 0.08],
  ['1% and 99% quantile errors below gaussian', g.q01Error < gs.q01Error && g.q99Error < gs.q99Error],
  ['training at most 10 minutes', trainSeconds <= 600],
];
for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);

// Backtest comparison bench (issue 16): walk-forward one-day VaR / ES of several models on the shipped
// DowJones30, printed per model and level: exceptions, Kupiec, Christoffersen, Basel zone, Z2,
// Du–Escanciano, average FZ0 loss, Diebold–Mariano against the reference (fhs) and each model's wall time,
// then per model where that time went (first fit, later refits, daily forecasts) and its CPU seconds. The
// machine's load average is printed before and after: on a shared machine wall time is CPU time / share.
// Usage: node bench/backtest-compare.mjs [--portfolio examples/portfolios/dow30-equal.csv] [--from 1999-01-04]
//          [--to DATE | --days N] [--models fhs,bootstrap,gaussian,student-t,cgan] [--refit 20] [--refit-mode warm|full]
//          [--refit-epochs N] [--paths 2000] [--seed 1] [--lookback N] [--param key=value ...] (model.key=value scopes to one model)
// The issue-16 bar (450 cgan forecasts, refit every 20, default ensemble, in <= 10 min):
//   node bench/backtest-compare.mjs --days 450
// Build first: npx -y pnpm@10 build
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/dist/index.js';
import { backtest } from '../packages/engine/dist/index.js';
import { opt, paramArgs } from './bench-args.mjs';

const params = paramArgs();
const here = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
core.registerBuiltinModels();
const pricesFile = opt('prices', here('examples/dowjones30_prices.csv'));
const from = opt('from', '1999-01-04');
// --days N: the N-th price date from --from is the last forecast day.
let to = opt('to');
if (opt('days') !== undefined) {
  const days = Number(opt('days'));
  const dates = (await core.readPricesCsv(pricesFile)).dates.filter((d) => d >= from);
  if (!(Number.isInteger(days) && days >= 1 && days <= dates.length)) {
    console.error(`--days must be a whole number from 1 to ${dates.length}, got ${opt('days')}`);
    process.exit(2);
  }
  to = dates[days - 1];
}
const request = {
  portfolioFile: opt('portfolio', here('examples/portfolios/dow30-equal.csv')),
  pricesFile,
  models: opt('models', 'fhs,bootstrap,gaussian,student-t,cgan').split(','),
  modelParams: params,
  from,
  ...(to !== undefined ? { to } : {}),
  refit: Number(opt('refit', '20')),
  refitMode: opt('refit-mode', 'warm'),
  ...(opt('refit-epochs') ? { refitEpochs: Number(opt('refit-epochs')) } : {}),
  ...(opt('lookback') ? { lookback: Number(opt('lookback')) } : {}),
  horizon: 1,
  confidence: [0.975, 0.99],
  paths: Number(opt('paths', '2000')),
  seed: Number(opt('seed', '1')),
  missing: 'error',
  ...(opt('reference') ? { reference: opt('reference') } : {}),
};
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loadBefore = load();
// CPU seconds of each model's walk-forward: the process's CPU time between the 'model' events (one per model, in order).
const cpu = [];
let cpuMark = process.cpuUsage();
const info = (kind) => {
  if (kind !== 'model') return;
  const u = process.cpuUsage(cpuMark);
  cpu.push((u.user + u.system) / 1e6);
  cpuMark = process.cpuUsage();
};
const t0 = performance.now();
const r = await backtest(request, { log: { info, warn() {}, error() {}, progress() {} } }).catch((e) => {
  console.error(`backtest failed: ${e.message}`);
  process.exit(1);
});
const total = (performance.now() - t0) / 1000;
const f3 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));
const pad = (s, n) => String(s).padEnd(n);
console.log(`DowJones30 ${request.portfolioFile.split('/').pop()}: ${r.dates.length} one-day forecasts ${r.dates[0]} .. ${r.dates[r.dates.length - 1]}, ` +
  `refit every ${request.refit} (${request.refitMode}), ${request.paths} paths, seed ${request.seed}, params ${JSON.stringify(params)}, total ${total.toFixed(1)} s`);
console.log(pad('model', 11) + pad('level', 7) + pad('exc/exp', 11) + pad('Kupiec p', 9) + pad('Chr.ind p', 10) + pad('CC p', 7) + pad('Basel', 14) + pad('Z2', 9) +
  pad('DE U p', 8) + pad('DE C5 p', 8) + pad('FZ0', 9) + pad(`DM vs ${r.comparison?.reference ?? '-'}`, 12) + pad('DM p', 7) + pad('winner', 10) + pad('MCS rank', 9) + pad('fits f/w', 9) + 'time s');
for (const m of r.evaluation) {
  m.levels.forEach((l, li) => {
    const c = r.comparison?.levels[li];
    const dm = c?.dm.find((d) => d.model === m.model);
    const rank = c?.ranking.find((x) => x.model === m.model);
    const dmCell = m.model === c?.reference ? 'reference' : dm ? (dm.statistic === null ? dm.status : dm.statistic.toFixed(3)) : '–';
    console.log(
      pad(m.model, 11) + pad(`${(l.confidence * 100).toFixed(1)}%`, 7) + pad(`${l.exceptions}/${l.expectedExceptions.toFixed(1)}`, 11) + pad(f3(l.kupiec.pValue), 9) +
        pad(f3(l.christoffersen.pInd), 10) + pad(f3(l.christoffersen.pCc), 7) + pad(l.basel ? `${l.basel.zone} ${l.basel.exceptions}/${l.basel.observations}` : '', 14) +
        pad(f3(l.z2), 9) + pad(f3(l.duEscanciano.unconditional.pValue), 8) + pad(f3(l.duEscanciano.conditional?.pValue), 8) + pad(l.fz0Loss === null ? '–' : l.fz0Loss.toFixed(4), 9) +
        pad(dmCell, 12) + pad(m.model === c?.reference ? '' : f3(dm?.pValue), 7) + pad(m.model === c?.reference ? '' : (dm?.winner ?? 'neither'), 10) +
        pad(rank ? `${rank.rank}${rank.inConfidenceSet ? ' (in)' : ''}` : '', 9) + pad(`${m.fullFits}/${m.warmRefits}`, 9) + m.seconds.toFixed(1),
    );
  });
}
for (const c of r.comparison?.levels ?? []) console.log(`${(c.confidence * 100).toFixed(1)}%: best by FZ0 ${c.best}; MCS ranking ${c.ranking.map((x) => x.model).join(' > ')}`);
console.log(`load average (1, 5, 15 min) before ${loadBefore}, after ${load()}; ${request.models.length} models one after another`);
console.log(pad('model', 11) + pad('wall s', 9) + pad('CPU s', 9) + pad('first fit s', 13) + pad('refits', 8) + pad('refit s: total', 16) + pad('mean', 7) + pad('min', 7) + pad('max', 7) + pad('forecasts s', 13) + 'per day s');
r.forecasts.forEach((f, i) => {
  const t = f.timing;
  const sum = t.refits.reduce((a, b) => a + b, 0);
  const n = t.refits.length;
  const f1 = (x) => x.toFixed(1);
  console.log(
    pad(f.model, 11) + pad(f1(f.seconds), 9) + pad(cpu[i] === undefined ? '–' : f1(cpu[i]), 9) + pad(f1(t.firstFit), 13) + pad(n, 8) + pad(f1(sum), 16) +
      pad(n ? f1(sum / n) : '–', 7) + pad(n ? f1(Math.min(...t.refits)) : '–', 7) + pad(n ? f1(Math.max(...t.refits)) : '–', 7) + pad(f1(t.forecasts), 13) + (t.forecasts / r.dates.length).toFixed(3),
  );
});

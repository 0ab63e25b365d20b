// The regulatory view (run --regulatory) of the shipped example portfolios, and what it costs over a plain run.
// For each portfolio and model (bootstrap, fhs): the stressed period, today's 10-day 99% VaR, stressed VaR
// (model refitted on the stressed period; historical simulation on it), FRTB-style ES and its stressed
// calibration; then the wall time of a plain run and of the same run with the regulatory view (engine run,
// summary, risk.csv and report rendered in memory; median of REPS alternating repetitions after a warm-up).
// Goal: regulatory / plain <= 2 for bootstrap and fhs.
// Needs the compiled packages: `npx -y pnpm@10 build` first.
// Usage: node bench/regulatory.mjs [--paths N] [--reps R]   (defaults: 10000 paths, 3 repetitions)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readPricesCsv, registerBuiltinModels } from '../packages/core/dist/index.js';
import { buildSummary, riskCsv, stressTest } from '../packages/engine/dist/index.js';
import { renderReport } from '../packages/report/dist/index.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PATHS = arg('--paths', 10_000);
const REPS = arg('--reps', 3);
const root = new URL('../', import.meta.url).pathname;
const pricesFile = join(root, 'examples/dowjones30_prices.csv');
registerBuiltinModels();
const prices = await readPricesCsv(pricesFile);

// The shipped portfolios, and tech-growth again with liquidity horizons (FRTB buckets 10..60 days).
const tech = JSON.parse(await readFile(join(root, 'examples/portfolios/tech-growth.json'), 'utf8'));
const LH = { MSFT: 10, INTC: 20, IBM: 10, HWP: 40, T: 20, SBC: 60, DIS: 20 };
const portfolios = [
  { label: 'balanced.csv', request: { portfolioFile: join(root, 'examples/portfolios/balanced.csv') } },
  { label: 'dow30-equal.csv', request: { portfolioFile: join(root, 'examples/portfolios/dow30-equal.csv') } },
  { label: 'tech-growth.json', request: { portfolioFile: join(root, 'examples/portfolios/tech-growth.json') } },
  { label: 'tech-growth + LH', request: { portfolio: { name: 'tech-growth-lh', positions: tech.positions.map((p) => ({ ...p, liquidityHorizon: LH[p.symbol] })) } } },
];

/** One run as `tailforge run` computes it, without writing files. */
async function once(request, regulatory) {
  const t0 = performance.now();
  const r = await stressTest({ ...request, prices, paths: PATHS, seed: 1, ...(regulatory ? { regulatory: {} } : {}) });
  const s = buildSummary(r);
  riskCsv(s);
  await renderReport(r, s);
  return { ms: performance.now() - t0, summary: s };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const k = (v) => (v === null ? '–' : `${(v / 1000).toFixed(0)}k`);
const pad = (s, n) => String(s).padEnd(n);

console.log(`regulatory view: DJ30 prices ${prices.dates[0]}..${prices.dates.at(-1)}, ${PATHS} paths, 10-day horizon, seed 1, median of ${REPS} runs; Node ${process.version}\n`);
const head = ['portfolio', 'model', 'stressed period', 'VaR99', 'VaR99 hs', 'sVaR', 'sVaR hs', 'ES frtb', 'ES stressed', 'reduced set (coverage)', 'plain s', 'reg. s', 'ratio'];
const widths = [18, 10, 24, 8, 9, 8, 8, 8, 12, 30, 8, 7, 6];
console.log(head.map((h, i) => pad(h, widths[i])).join(''));
const ratios = [];
for (const p of portfolios) {
  for (const model of ['bootstrap', 'fhs']) {
    const request = { ...p.request, model };
    await once(request, true); // warm-up (JIT, file cache)
    const plain = [];
    const reg = [];
    let summary;
    for (let i = 0; i < REPS; i++) {
      plain.push((await once(request, false)).ms);
      const r = await once(request, true);
      reg.push(r.ms);
      summary = r.summary;
    }
    const g = summary.regulatory;
    const ratio = median(reg) / median(plain);
    ratios.push({ model, ratio });
    const rf = g.frtb.reducedFactors;
    console.log([
      p.label, model, `${g.stressedPeriod.from}..${g.stressedPeriod.to}`,
      k(g.var.model), k(g.var.historical), k(g.svar.model), k(g.svar.historical), k(g.frtb.es), k(g.frtb.stressed?.es ?? null),
      `${rf.symbols.length} of ${g.liquidityHorizons.length} (${(rf.coverage * 100).toFixed(0)}%)`,
      (median(plain) / 1000).toFixed(2), (median(reg) / 1000).toFixed(2), ratio.toFixed(2),
    ].map((c, i) => pad(c, widths[i])).join(''));
  }
}
for (const m of ['bootstrap', 'fhs']) {
  const worst = Math.max(...ratios.filter((r) => r.model === m).map((r) => r.ratio));
  console.log(`\n${m}: worst regulatory / plain wall-time ratio ${worst.toFixed(2)} (goal <= 2: ${worst <= 2 ? 'met' : 'NOT met'})`);
}

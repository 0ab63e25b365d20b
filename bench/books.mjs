// For each example book: VaR / ES at 99% over 10 days and the base they are
// expressed against (kind, amount, currency), with the delta-gamma-vega
// reference where the book holds options. Bootstrap model, 10,000 paths,
// seed 1 (the `tailforge run` defaults). Needs the build: `npx tsc -b apps/runner` first.
// Usage: node bench/books.mjs
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBuiltinModels } from '../packages/core/dist/index.js';
import { buildSummary, stressTest } from '../packages/engine/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ex = (p) => join(root, 'examples', p);
const books = [
  { book: 'long-short.json', prices: 'dowjones30_prices.csv' },
  { book: 'multi-currency.json', prices: 'dowjones30_prices.csv', fx: 'fx/USDCHF-synthetic.csv' },
  { book: 'index-options.json', prices: 'swx_prices.csv' },
  { book: 'tech-growth.json', prices: 'dowjones30_prices.csv' },
];

registerBuiltinModels();
const money = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
console.log('book                 | base (kind, amount)                  | VaR 99%          | ES 99%           | VaR/ES 99% delta-gamma-vega');
for (const b of books) {
  const t0 = performance.now();
  const r = await stressTest({
    portfolioFile: ex(`portfolios/${b.book}`),
    pricesFile: ex(b.prices),
    ...(b.fx ? { fxFile: ex(b.fx) } : {}),
    model: 'bootstrap',
    paths: 10_000,
    horizon: 10,
    confidence: [0.99],
    seed: 1,
  });
  const s = buildSummary(r);
  const ccy = s.base.currency ?? '(unnamed)';
  const x = s.risk[0];
  const d = s.references.deltaGammaVega?.[0];
  console.log(
    `${b.book.padEnd(20)} | ${`${s.base.kind} ${money(s.base.amount)} ${ccy}`.padEnd(36)} | ${`${money(x.var)} (${(x.varPct * 100).toFixed(2)}%)`.padEnd(16)} | ${`${money(x.es)} (${(x.esPct * 100).toFixed(2)}%)`.padEnd(16)} | ${d ? `${money(d.var)} / ${money(d.es)}` : '–'}   [${((performance.now() - t0) / 1000).toFixed(1)} s]`,
  );
}

// The engine as a library: stress-test a portfolio given as data, print VaR / ES,
// and render the HTML report to a string. Run after `pnpm build`:
//   node examples/api/stress-test.mjs
import { registerBuiltinModels } from '@tailforge/core';
import { buildSummary, stressTest } from '@tailforge/engine';
import { renderReport } from '@tailforge/report';

registerBuiltinModels();
const result = await stressTest(
  {
    portfolio: { name: 'two stocks', positions: [{ symbol: 'IBM', quantity: 1000 }, { symbol: 'KO', marketValue: 50_000 }] },
    pricesFile: new URL('../dowjones30_prices.csv', import.meta.url).pathname,
    model: 'gaussian',
    paths: 5000,
    horizon: 10,
    confidence: [0.95, 0.99],
  },
  { onProgress: (e) => e.type === 'step' && console.error(e.message), signal: AbortSignal.timeout(120_000) },
);
const summary = buildSummary(result);
for (const r of summary.risk) console.log(`VaR ${r.confidence * 100}%: ${r.var.toFixed(0)}  ES: ${r.es.toFixed(0)}`);
const html = await renderReport(result, summary);
console.log(`report: ${html.length} characters of self-contained HTML`);

// Synthetic price histories as an async iterator of chunks. Run after `pnpm build`:
//   node examples/api/synthetic.mjs
import { registerBuiltinModels } from '@tailforge/core';
import { syntheticPrices } from '@tailforge/engine';

registerBuiltinModels();
const request = { pricesFile: new URL('../dowjones30_prices.csv', import.meta.url).pathname, symbols: ['IBM', 'KO'], model: 'bootstrap', paths: 1000, horizon: 250, seed: 7 };
let finalMean = 0;
for await (const chunk of syntheticPrices(request)) {
  const A = chunk.symbols.length;
  // IBM's price on the last day of each path in the chunk.
  for (let p = 0; p < chunk.nPaths; p++) finalMean += chunk.prices[(p * 250 + 249) * A] / request.paths;
}
console.log(`mean IBM price after 250 business days: ${finalMean.toFixed(2)}`);

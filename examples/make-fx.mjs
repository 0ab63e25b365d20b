#!/usr/bin/env node
// Writes examples/fx/USDCHF-synthetic.csv: a SYNTHETIC USD/CHF rate (Swiss francs per US dollar) on the
// trading days of examples/dowjones30_prices.csv, for the multi-currency example book. It is not market data:
// a geometric random walk from 1.60 (about the 1991 level) with 10% annual volatility and a daily correlation
// of -0.25 with the equal-weight Dow return (a weaker dollar on bad equity days), seeded so rerunning it
// rewrites the same file. Usage: node examples/make-fx.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@tailforge/core';

const here = dirname(fileURLToPath(import.meta.url));
const lines = readFileSync(join(here, 'dowjones30_prices.csv'), 'utf8').trim().split('\n').slice(1);
const rows = lines.map((l) => l.split(','));
const rng = Rng.forStream(2024, 7);
const dailyVol = 0.1 / Math.sqrt(252);
const rho = -0.25;
let rate = 1.6;
const out = ['date,USDCHF', `${rows[0][0]},${rate.toFixed(5)}`];
for (let t = 1; t < rows.length; t++) {
  // the equal-weight Dow log return of the day, standardised by a typical 1% daily move
  const cells = rows[t].slice(1).map(Number);
  const prev = rows[t - 1].slice(1).map(Number);
  let r = 0;
  let n = 0;
  cells.forEach((p, a) => {
    if (p > 0 && prev[a] > 0) {
      r += Math.log(p / prev[a]);
      n++;
    }
  });
  const market = n > 0 ? Math.max(-5, Math.min(5, r / n / 0.01)) : 0;
  const z = rho * market + Math.sqrt(1 - rho * rho) * rng.normal();
  rate *= Math.exp(dailyVol * z - 0.5 * dailyVol * dailyVol);
  out.push(`${rows[t][0]},${rate.toFixed(5)}`);
}
writeFileSync(join(here, 'fx', 'USDCHF-synthetic.csv'), `${out.join('\n')}\n`);
console.log(`wrote ${out.length - 1} days of synthetic USDCHF to examples/fx/USDCHF-synthetic.csv`);

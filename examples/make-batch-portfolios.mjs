#!/usr/bin/env node
// Writes the example portfolios of the nightly batch (examples/portfolios/batch/) from the Dow Jones 30
// symbols of examples/dowjones30_prices.csv. Deterministic: a fixed seed, so rerunning it rewrites the same
// files. Usage: node examples/make-batch-portfolios.mjs
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'portfolios', 'batch');
const symbols = readFileSync(join(here, 'dowjones30_prices.csv'), 'utf8').split('\n', 1)[0].trim().split(',').slice(1);

// mulberry32: a small seeded generator, so the portfolios never change between runs.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20010102);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (k) => {
  const pool = [...symbols];
  const out = [];
  while (out.length < k) out.push(pool.splice(int(0, pool.length - 1), 1)[0]);
  return out.sort();
};

// Sector baskets first, then random ones; some sized by quantity, some by market value, some long/short.
const themes = [
  ['industrials', ['BA', 'CAT', 'GE', 'HON', 'MMM', 'UTX']],
  ['financials', ['AXP', 'C', 'JPM']],
  ['technology', ['HWP', 'IBM', 'INTC', 'MSFT']],
  ['consumer-staples', ['KO', 'MCD', 'MO', 'PG', 'WMT']],
  ['healthcare', ['JNJ', 'MRK']],
  ['telecom-media', ['DIS', 'SBC', 'T']],
  ['materials-energy', ['AA', 'DD', 'IP', 'XOM']],
  ['cyclicals', ['EK', 'GM', 'HD', 'WMT']],
];
const specs = themes.map(([name, syms], i) => ({ name, syms, sizing: i % 2 === 0 ? 'quantity' : 'market_value', shorts: false }));
for (let i = 0; specs.length < 24; i++) {
  const shorts = i % 4 === 3;
  specs.push({ name: shorts ? `long-short-${i + 1}` : `basket-${i + 1}`, syms: pick(int(5, 12)), sizing: i % 3 === 0 ? 'market_value' : 'quantity', shorts, json: i % 5 === 2 });
}
if (!symbols.every((s) => /^[A-Z]+$/.test(s))) throw new Error('unexpected symbols in the prices header');
for (const s of specs) for (const sym of s.syms) if (!symbols.includes(sym)) throw new Error(`${sym} is not in the prices file`);

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (/^dj-\d\d-/.test(f)) rmSync(join(outDir, f));
specs.forEach((s, i) => {
  const name = `dj-${String(i + 1).padStart(2, '0')}-${s.name}`;
  // Shorts: every third position of a long-short book is short, at about half the size.
  const amount = (j) => {
    const sign = s.shorts && j % 3 === 1 ? -1 : 1;
    return s.sizing === 'quantity' ? sign * int(5, 40) * 100 : sign * int(10, 60) * 10_000;
  };
  if (s.json) {
    const key = s.sizing === 'quantity' ? 'quantity' : 'marketValue';
    const positions = s.syms.map((symbol, j) => ({ symbol, [key]: amount(j) }));
    writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify({ name, description: `Example ${s.name} book (generated)`, positions }, null, 2)}\n`);
  } else {
    const lines = [`symbol,${s.sizing}`, ...s.syms.map((symbol, j) => `${symbol},${amount(j)}`)];
    writeFileSync(join(outDir, `${name}.csv`), `${lines.join('\n')}\n`);
  }
});
console.log(`wrote ${specs.length} portfolios to ${outDir}`);

// Benchmark of the stressed-period search (`stressedWindow`): the sliding
// sorted window against re-sorting every period (valueAtRisk / expectedShortfall
// on each slice), on a synthetic 1-asset 10-day P&L history of 7,000 days
// (about 27 years), 250-day periods, 99% VaR and 97.5% ES. Prints wall times
// and checks both give the same period.
// Needs the compiled package: `npx tsc -b packages/risk` first.
// Usage: node bench/stressed-window.mjs
import { expectedShortfall, historicalPnl, stressedWindow, valueAtRisk } from '../packages/risk/dist/index.js';

const days = 7000;
let s = 12345;
const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
const returns = new Float64Array(days);
for (let t = 0; t < days; t += 2) {
  const r = Math.sqrt(-2 * Math.log(1 - uniform()));
  const a = 2 * Math.PI * uniform();
  returns[t] = 0.01 * r * Math.cos(a);
  if (t + 1 < days) returns[t + 1] = 0.01 * r * Math.sin(a);
}
const pnl = historicalPnl(returns, 1, Float64Array.of(1e6), 10);
const n = 250 - 10 + 1;

for (const [measure, confidence, f] of [
  ['var', 0.99, valueAtRisk],
  ['es', 0.975, expectedShortfall],
]) {
  let t0 = performance.now();
  const r = stressedWindow(pnl, { window: 250, horizon: 10, confidence, measure });
  const sliding = performance.now() - t0;
  t0 = performance.now();
  let best = -Infinity;
  let bestDay = -1;
  for (let d = 0; d + n <= pnl.length; d++) {
    const v = f(pnl.subarray(d, d + n), confidence);
    if (v > best) {
      best = v;
      bestDay = d;
    }
  }
  const naive = performance.now() - t0;
  console.log(
    `${measure} ${confidence}: ${r.rolling.length} periods, stressed days ${r.firstDay}..${r.lastDay} (naive: ${bestDay}), ` +
      `value ${r.value.toFixed(2)} (naive ${best.toFixed(2)}); sliding ${sliding.toFixed(1)} ms, re-sort ${naive.toFixed(1)} ms`,
  );
}

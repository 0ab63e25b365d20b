import { pnlHistogram } from '@tailforge/risk';
import type { StressRunResult } from '../../stress/stress-run.js';
import { histogramSpec } from '../charts.js';
import { renderSvg } from '../render-svg.js';
import { pct, section } from '../page.js';

/** Distribution of per-path maximum drawdowns: table and histogram. */
export async function drawdownSection(r: StressRunResult): Promise<string> {
  const dd = r.drawdown;
  const svg = await renderSvg(
    histogramSpec(
      pnlHistogram(r.maxDrawdown, 40),
      [
        { value: dd.mean, label: `mean ${pct(dd.mean)}`, color: '#54a24b' },
        { value: dd.p95, label: `95th pct ${pct(dd.p95)}`, color: '#f58518', dash: true },
        { value: dd.p99, label: `99th pct ${pct(dd.p99)}`, color: '#e45756', dash: true },
      ],
      `maximum drawdown within ${r.pathSet.horizon} days (fraction of running peak)`,
      'paths',
      '.1%',
    ),
  );
  return section(
    'Maximum drawdown',
    `<table>
<thead><tr><th>statistic</th><th>max drawdown</th></tr></thead>
<tbody>
<tr><td>mean</td><td>${pct(dd.mean)}</td></tr>
<tr><td>median</td><td>${pct(dd.median)}</td></tr>
<tr><td>95th percentile</td><td>${pct(dd.p95)}</td></tr>
<tr><td>99th percentile</td><td>${pct(dd.p99)}</td></tr>
<tr><td>worst path</td><td>${pct(dd.max)}</td></tr>
</tbody>
</table>
<div class="chart">${svg}</div>`,
  );
}

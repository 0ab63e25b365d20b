import { pnlHistogram } from '@tailforge/risk';
import type { StressTestResult } from '@tailforge/engine';
import { histogramSpec } from '../charts.js';
import { renderSvg } from '../render-svg.js';
import { pct, section } from '../page.js';

/** Distribution of per-path maximum drawdowns: table and histogram. */
export async function drawdownSection(r: StressTestResult): Promise<string> {
  const dd = r.drawdown;
  const x = r.analytics.drawdown;
  const extra = [
    ...x.cdar.map((c) => `<tr><td>CDaR ${pct(c.confidence, 1)} (mean of the worst ${pct(1 - c.confidence, 1)})</td><td>${pct(c.value)}</td></tr>`),
    `<tr><td>P(max drawdown ≥ ${pct(x.limit, 0)})</td><td>${pct(x.breachProbability)}</td></tr>`,
    `<tr><td>mean duration of the deepest drawdown</td><td>${x.meanDuration.toFixed(1)} days</td></tr>`,
    `<tr><td>paths recovered within the horizon</td><td>${pct(x.recoveredShare, 1)}</td></tr>`,
    `<tr><td>mean time from trough to recovery (recovered paths)</td><td>${Number.isFinite(x.meanTimeToRecovery) ? `${x.meanTimeToRecovery.toFixed(1)} days` : '–'}</td></tr>`,
  ].join('\n');
  const svg = await renderSvg(
    histogramSpec(
      pnlHistogram(r.maxDrawdown, 40, r.pathSet.weights),
      [
        { value: dd.mean, label: `mean ${pct(dd.mean)}`, color: '#54a24b' },
        { value: dd.p95, label: `95th pct ${pct(dd.p95)}`, color: '#f58518', dash: true },
        { value: dd.p99, label: `99th pct ${pct(dd.p99)}`, color: '#e45756', dash: true },
      ],
      `maximum drawdown within ${r.pathSet.horizon} days (fraction of running peak)`,
      r.pathSet.weights ? 'weight' : 'paths',
      '.1%',
    ),
  );
  return section(
    'Maximum drawdown',
    `<table>
<thead><tr><th>statistic</th><th>max drawdown</th></tr></thead>
<tbody>
<tr><td>mean</td><td>${pct(dd.mean)}</td></tr>
<tr><td>median (lower quantile)</td><td>${pct(dd.median)}</td></tr>
<tr><td>95th percentile (lower quantile)</td><td>${pct(dd.p95)}</td></tr>
<tr><td>99th percentile (lower quantile)</td><td>${pct(dd.p99)}</td></tr>
<tr><td>worst path</td><td>${pct(dd.max)}</td></tr>
${extra}
</tbody>
</table>
<p class="note">Percentiles of the maximum drawdown are lower quantiles, inf{d : P(MDD ≤ d) ≥ q}${r.pathSet.weights ? ' of the weighted paths' : ''}, without interpolation, as for VaR: one convention whether or not the paths carry weights.</p>
<div class="chart">${svg}</div>`,
  );
}

import { pnlHistogram } from '@tailforge/risk';
import type { StressRunResult } from '../stress/stress-run.js';
import type { Summary } from '../output/summary.js';
import { histogramSpec, type Marker } from './charts.js';
import { renderSvg } from './render-svg.js';
import { escapeHtml as esc } from './escape.js';

const VAR_COLORS = ['#e45756', '#b279a2', '#f58518', '#54a24b'];

const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (v: number, digits = 2): string => `${(v * 100).toFixed(digits)}%`;

/**
 * The run report: one self-contained HTML file (inline CSS and SVG, no
 * scripts, no network) that a person reads. Every name that came from an
 * input file is escaped.
 */
export async function renderReport(r: StressRunResult, s: Summary): Promise<string> {
  const pnlChart = await renderSvg(
    histogramSpec(
      pnlHistogram(r.pnl, 60, r.pathSet.weights),
      r.risk.flatMap((x, i): Marker[] => [
        { value: -x.var, label: `VaR ${pct(x.confidence, 1)}`, color: VAR_COLORS[i % VAR_COLORS.length] },
        { value: -x.es, label: `ES ${pct(x.confidence, 1)}`, color: VAR_COLORS[i % VAR_COLORS.length], dash: true },
      ]),
      `P&L over ${r.pathSet.horizon} days`,
      r.pathSet.weights ? 'weight' : 'paths',
      '~s',
      'left',
    ),
  );
  const dd = r.drawdown;
  const ddChart = await renderSvg(
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

  const riskRows = s.risk
    .map((x) => `<tr><td>${pct(x.confidence, 1)}</td><td>${money(x.var)}</td><td>${pct(x.varPct)}</td><td>${money(x.es)}</td><td>${pct(x.esPct)}</td></tr>`)
    .join('\n');
  const positionRows = s.portfolio.positions
    .map(
      (p) =>
        `<tr><td>${esc(p.symbol)}</td><td>${p.quantity === null ? '' : p.quantity.toLocaleString('en-US')}</td><td>${p.price.toFixed(2)}</td><td>${money(p.marketValue)}</td><td>${pct(p.weight)}</td></tr>`,
    )
    .join('\n');
  const params = Object.entries(s.model.params)
    .map(([k, v]) => `${esc(k)}=${esc(String(v))}`)
    .join(', ');
  const missing = s.data.missing as unknown as Record<string, unknown>;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tailforge: ${esc(s.portfolio.name)} (${esc(s.portfolio.asOf)})</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; line-height: 1.45; }
  h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
  .meta { color: #555; font-size: 0.9rem; }
  table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.92rem; }
  th, td { padding: 0.25rem 0.8rem; text-align: right; border-bottom: 1px solid #eee; }
  th:first-child, td:first-child { text-align: left; }
  th { background: #f6f6f6; }
  .chart svg { max-width: 100%; height: auto; }
  .note { color: #555; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>Stress run: ${esc(s.portfolio.name)}</h1>
<p class="meta">As of ${esc(s.portfolio.asOf)} · value ${money(s.portfolio.value)} · model <b>${esc(s.model.name)}</b> (${esc(s.model.id)}${params ? `; ${params}` : ''}) · ${s.scenarios.paths.toLocaleString('en-US')} paths × ${s.scenarios.horizonDays} days · seed ${s.scenarios.seed} · generated ${esc(s.generatedAt)}</p>

<h2>Value at risk and expected shortfall over ${s.scenarios.horizonDays} days</h2>
<table>
<thead><tr><th>confidence</th><th>VaR</th><th>VaR % of value</th><th>ES (CVaR)</th><th>ES % of value</th></tr></thead>
<tbody>
${riskRows}
</tbody>
</table>
<p class="note">Losses are positive. VaR at confidence α is the lower α-quantile of the loss distribution of the simulated paths (no interpolation); ES is the average loss beyond it (Acerbi–Tasche, exact on discrete samples).
P&L mean ${money(s.pnl.mean)}, standard deviation ${money(s.pnl.sd)}, worst ${money(s.pnl.min)}, best ${money(s.pnl.max)}.</p>

<h2>P&amp;L distribution</h2>
<div class="chart">${pnlChart}</div>

<h2>Maximum drawdown</h2>
<table>
<thead><tr><th>statistic</th><th>max drawdown</th></tr></thead>
<tbody>
<tr><td>mean</td><td>${pct(dd.mean)}</td></tr>
<tr><td>median</td><td>${pct(dd.median)}</td></tr>
<tr><td>95th percentile</td><td>${pct(dd.p95)}</td></tr>
<tr><td>99th percentile</td><td>${pct(dd.p99)}</td></tr>
<tr><td>worst path</td><td>${pct(dd.max)}</td></tr>
</tbody>
</table>
<div class="chart">${ddChart}</div>

<h2>Positions</h2>
<table>
<thead><tr><th>symbol</th><th>quantity</th><th>last price</th><th>market value</th><th>weight</th></tr></thead>
<tbody>
${positionRows}
</tbody>
</table>

<h2>Data and model</h2>
<p class="note">Prices: ${esc(String(r.config.pricesFile))}; ${s.model.fitInfo.nObservations.toLocaleString('en-US')} daily log returns from ${esc(s.model.fitInfo.firstDate)} to ${esc(s.model.fitInfo.lastDate)}; missing-data policy <b>${esc(String(missing.policy ?? r.config.missing))}</b>.
Data hash ${esc(s.model.fitInfo.dataHash.slice(0, 16))}…; see manifest.json for the inputs' hashes and versions.</p>
</body>
</html>
`;
}

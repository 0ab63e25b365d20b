import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '@tailforge/engine';
import { escapeHtml as esc } from '../escape.js';
import { money, pct, section } from '../page.js';
import { renderSvg } from '../render-svg.js';
import { CHART_FRAME } from '../specs/chart-style.js';

type Reverse = NonNullable<Summary['reverseStress']>;

/** Portfolio value by day on the scenario path and on the typical path (latent 0). */
function valueSpec(x: Reverse): TopLevelSpec {
  const rows = [
    ...x.days.scenarioValue.map((v, t) => ({ day: t, value: v, path: 'reverse-stress scenario' })),
    ...x.days.typicalValue.map((v, t) => ({ day: t, value: v, path: 'typical path (latent 0)' })),
  ];
  return {
    ...CHART_FRAME,
    data: { values: rows },
    mark: { type: 'line', point: x.horizonDays <= 40 },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'trading days ahead', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative', title: 'portfolio value', scale: { zero: false }, axis: { format: '~s' } },
      color: { field: 'path', type: 'nominal', title: null, scale: { range: ['#e45756', '#4c78a8'] }, legend: { orient: 'bottom', labelLimit: 400 } },
    },
  } as TopLevelSpec;
}

/** Each held asset's cumulative return by day on the scenario path. */
function assetSpec(x: Reverse): TopLevelSpec {
  const rows = Object.entries(x.days.assetReturns).flatMap(([symbol, r]) => r.map((v, t) => ({ day: t, ret: v, symbol })));
  return {
    ...CHART_FRAME,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'trading days ahead', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'ret', type: 'quantitative', title: 'cumulative return on the scenario path', axis: { format: '.0%' } },
      color: { field: 'symbol', type: 'nominal', title: 'position', scale: { scheme: 'tableau20' } },
    },
  } as TopLevelSpec;
}

/**
 * The reverse stress test: the most plausible model path losing at least
 * the target, per asset, with plausibility figures and two charts.
 */
export async function reverseStressSection(s: Summary): Promise<string> {
  const x = s.reverseStress;
  if (x === null || x === undefined) return '';
  const rows = x.assets
    .map((a) => `<tr><td>${esc(a.symbol)}</td><td>${money(a.exposure)}</td><td>${pct(a.scenarioReturn)}</td><td>${money(a.scenarioPnl)}</td><td>${pct(a.typicalReturn)}</td></tr>`)
    .join('\n');
  const [valueSvg, assetSvg] = await Promise.all([renderSvg(valueSpec(x)), renderSvg(assetSpec(x))]);
  const sci = (p: number) => (p >= 1e-3 ? pct(p, 2) : p.toExponential(1));
  const asked = 'fraction' in x.spec ? `${pct(x.spec.fraction, 1)} of the value` : money(x.spec.amount);
  const warn = x.converged ? '' : ' <b>The search stopped at its iteration budget: the path loses at least the target, but a likelier one may exist.</b>';
  return section(
    `Reverse stress test: the likeliest path losing ${money(x.target)}`,
    `<table>
<tbody>
<tr><td>loss asked for</td><td>${money(x.target)} (${asked})</td></tr>
<tr><td>loss of the scenario over ${x.horizonDays} days</td><td>${money(x.loss)} (${pct(x.lossPct)})</td></tr>
<tr><td>loss of the typical path (latent 0)</td><td>${money(x.lossAtZero)}</td></tr>
<tr><td>latent distance from the typical path |z*| (Mahalanobis)</td><td>${x.latentNorm.toFixed(2)} (window-wide part ${x.moodNorm.toFixed(2)}, daily noise ${x.noiseNorm.toFixed(2)})</td></tr>
<tr><td>density relative to the typical path, φ(z*)/φ(0)</td><td>e<sup>${x.logDensityRatio.toFixed(1)}</sup> = ${x.logDensityRatio > -700 ? Math.exp(x.logDensityRatio).toExponential(2) : '0'}</td></tr>
<tr><td>first-order probability of a loss this large, Φ(−|z*|)</td><td>${sci(x.formProbability)}</td></tr>
<tr><td>share of this run's paths losing as much</td><td>${sci(x.simulatedProbability)} (${x.simulatedPaths.toLocaleString('en-US')} paths)</td></tr>
</tbody>
</table>
<div class="chart">${valueSvg}</div>
<table>
<thead><tr><th>position</th><th>exposure</th><th>return on the scenario</th><th>P&amp;L on the scenario</th><th>return on the typical path</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="chart">${assetSvg}</div>
<p class="note">The model's latent draws are standard normal, so among all paths losing at least ${money(x.target)} the one whose latent z* is closest to 0 is the most plausible (highest density); it is found by gradient search through the generator from ${esc(x.state)}. |z*| counts standard deviations in the ${x.activeDimension.toLocaleString('en-US')}-dimensional latent that moves the path; the first-order probability Φ(−|z*|) treats the loss as linear in the latent and understates a convex tail, while the share of the run's paths is the Monte Carlo estimate${s.scenarios.weighted ? ' (weighted)' : ''}.${warn}</p>`,
  );
}

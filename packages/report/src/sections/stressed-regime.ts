import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '@tailforge/engine';
import { escapeHtml as esc } from '../escape.js';
import { money, pct, section } from '../page.js';
import { renderSvg } from '../render-svg.js';
import { CHART_FRAME } from '../specs/chart-style.js';

type Regime = NonNullable<Summary['stressedRegime']>['baseline'];

/** Grouped bars: VaR and ES at each level, baseline beside stressed. */
function barsSpec(base: Regime, stressed: Regime): TopLevelSpec {
  const rows = [base, stressed].flatMap((r, i) =>
    r.risk.flatMap((k) => [
      { measure: `VaR ${pct(k.confidence, 1)}`, state: i === 0 ? 'latest' : 'stressed', loss: k.var },
      { measure: `ES ${pct(k.confidence, 1)}`, state: i === 0 ? 'latest' : 'stressed', loss: k.es },
    ]),
  );
  return {
    ...CHART_FRAME,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'measure', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'state', type: 'nominal', sort: ['latest', 'stressed'] },
      y: { field: 'loss', type: 'quantitative', title: 'loss', axis: { format: '~s' } },
      color: { field: 'state', type: 'nominal', title: 'starting state', scale: { domain: ['latest', 'stressed'], range: ['#4c78a8', '#e45756'] } },
    },
  } as TopLevelSpec;
}

/**
 * Baseline (the latest state of the prices) and stressed (--stress-state /
 * --regime) results side by side: the two states in readable units and the
 * risk figures of the paths started from each.
 */
export async function stressedRegimeSection(s: Summary): Promise<string> {
  const x = s.stressedRegime;
  if (x === null || x === undefined) return '';
  const b = x.baseline, t = x.stressed;
  const change = (u: number, v: number, f: (n: number) => string) => {
    const d = f(Math.abs(v - u));
    return d === f(0) ? d : `${v > u ? '+' : '−'}${d}`;
  };
  const row = (label: string, u: number, v: number, f: (n: number) => string) => `<tr><td>${label}</td><td>${f(u)}</td><td>${f(v)}</td><td>${change(u, v, f)}</td></tr>`;
  const p = (n: number) => pct(n, 1);
  const riskRows = b.risk
    .map((k, i) => {
      const z = t.risk[i];
      return [row(`VaR ${pct(k.confidence, 1)}`, k.var, z.var, money), row(`ES ${pct(k.confidence, 1)}`, k.es, z.es, money)].join('\n');
    })
    .join('\n');
  const what = t.kind === 'regime' ? `the historical state at the ${esc(t.label.split(' ')[0])} quantile of the 20-day market volatility (${esc(t.date)})` : `the state as of ${esc(t.label)}`;
  const svg = await renderSvg(barsSpec(b, t));
  return section(
    'Stressed state beside the latest',
    `<table>
<thead><tr><th></th><th>latest: ${esc(b.label)}</th><th>stressed: ${esc(t.label)}</th><th>change</th></tr></thead>
<tbody>
${row('filtered volatility, geometric mean of symbols (annualised)', b.state.marketVol, t.state.marketVol, p)}
${row('long-run volatility, geometric mean of symbols (annualised)', b.state.marketVolRecent, t.state.marketVolRecent, p)}
${row('mean asset volatility (annualised)', b.state.meanAssetVol, t.state.meanAssetVol, p)}
${row('market return, last days of the state', b.state.marketReturn5, t.state.marketReturn5, (n) => pct(n, 2))}
${riskRows}
${row('mean P&amp;L', b.pnlMean, t.pnlMean, money)}
${row('P&amp;L standard deviation', b.pnlSd, t.pnlSd, money)}
${row('mean max drawdown', b.maxDrawdownMean, t.maxDrawdownMean, (n) => pct(n, 2))}
${row('99th percentile max drawdown', b.maxDrawdownP99, t.maxDrawdownP99, (n) => pct(n, 2))}
${row(`P(max drawdown ≥ ${pct(x.drawdownLimit, 0)})`, b.breachProbability, t.breachProbability, (n) => pct(n, 2))}
</tbody>
</table>
<div class="chart">${svg}</div>
<p class="note">Both columns are ${x.paths.toLocaleString('en-US')} paths of the same model with the same seed (so the same random numbers${x.tailFocused ? ', tail-focused with a shift found at each state' : ''}); only the conditioning state differs: the latest state of the prices given, and ${what}. The state is what the model conditions on (realised volatilities and recent returns of the ${s.model.name}'s symbols); what the model makes of it is learned from history, so a crash state may come with a rebound as well as with wider swings.</p>`,
  );
}

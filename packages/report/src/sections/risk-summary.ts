import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

/** Title block and the VaR / ES table. */
export function headerSection(s: Summary): string {
  const params = Object.entries(s.model.params)
    .map(([k, v]) => `${esc(k)}=${esc(String(v))}`)
    .join(', ');
  return `<h1>Stress run: ${esc(s.portfolio.name)}</h1>
<p class="meta">As of ${esc(s.portfolio.asOf)} · value ${money(s.portfolio.value)}${s.base.currency ? ` ${esc(s.base.currency)} (every amount in ${esc(s.base.currency)})` : ''}${baseNote(s)} · model <b>${esc(s.model.name)}</b> (${esc(s.model.id)}${params ? `; ${params}` : ''}) · ${s.scenarios.paths.toLocaleString('en-US')} paths × ${s.scenarios.horizonDays} days · seed ${s.scenarios.seed} · generated ${esc(s.generatedAt)}</p>${anomalyLine(s)}${inputLine(s)}`;
}

const baseLabel = (s: Summary): string => (s.base.kind === 'net-value' ? 'value' : s.base.kind === 'capital' ? 'capital' : 'gross');

/** The base of the percentages, when it is not the net value. */
function baseNote(s: Summary): string {
  const b = s.base;
  if (b.kind === 'net-value') return '';
  return ` · percentages and drawdowns against ${b.kind === 'capital' ? 'capital' : 'gross exposure'} ${money(b.amount)}`;
}

/** Books with options: the delta-gamma-vega reference beside the full revaluation. */
function dgvNote(s: Summary): string {
  const d = s.references.deltaGammaVega;
  if (!d) return '';
  const parts = d.map((x) => `${pct(x.confidence, 1)}: VaR ${money(x.var)}, ES ${money(x.es)}`).join('; ');
  return `<br>Options are fully revalued (Black–Scholes–Merton at each day, time to expiry shrinking). Reference, the delta-gamma-vega approximation around today's spot and volatility (time decay exact): ${parts}.`;
}

export function riskTableSection(s: Summary): string {
  const rows = s.risk
    .map((x) => `<tr><td>${pct(x.confidence, 1)}</td><td>${money(x.var)}</td><td>${pct(x.varPct)}</td><td>${money(x.es)}</td><td>${pct(x.esPct)}</td></tr>`)
    .join('\n');
  return section(
    `Value at risk and expected shortfall over ${s.scenarios.horizonDays} days`,
    `<table>
<thead><tr><th>confidence</th><th>VaR${s.base.currency ? ` (${esc(s.base.currency)})` : ''}</th><th>VaR % of ${baseLabel(s)}</th><th>ES (CVaR)${s.base.currency ? ` (${esc(s.base.currency)})` : ''}</th><th>ES % of ${baseLabel(s)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Losses are positive. VaR at confidence α is the lower α-quantile of the loss distribution of the simulated paths (no interpolation); ES is the average loss beyond it (Acerbi–Tasche, exact on discrete samples).
P&amp;L mean ${money(s.pnl.mean)}, standard deviation ${money(s.pnl.sd)}, worst ${money(s.pnl.min)}, best ${money(s.pnl.max)}.${dgvNote(s)}</p>`,
  );
}

/** Today's market state against the model's training states, in the header: distance and percentile, flagged at the 99th. */
function anomalyLine(s: Summary): string {
  const a = s.anomaly;
  if (a === null) return '';
  const hot = a.percentile >= 0.99;
  return `\n<p class="meta anomaly">Market state on ${esc(a.date)}: anomaly score ${a.distance.toFixed(2)}, <b${hot ? ' class="up"' : ''}>${(a.percentile * 100).toFixed(1)}th percentile</b> of the model's ${a.nTraining.toLocaleString('en-US')} training states (${esc(a.trainingDates[0])}..${esc(a.trainingDates[1])})${hot ? ': outside the model\'s experience' : ''}.</p>`;
}

/** For a returns file: what it was and its frequency (the horizon counts in its periods). */
function inputLine(s: Summary): string {
  const i = s.data.input;
  if (i.kind !== 'returns') return '';
  return `\n<p class="meta">Input: ${esc(i.frequency)} ${esc(i.returnsKind ?? '')} returns; the horizon of ${s.scenarios.horizonDays} counts ${esc(i.frequency)} periods.</p>`;
}

import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';

/** VaR / ES along the paths (horizon table) and the estimation error of the headline figures. */
export function riskDetailSection(s: Summary): string {
  const levels = s.risk.map((r) => r.confidence);
  const head = levels.map((c) => `<th>VaR ${pct(c, 1)}</th><th>ES ${pct(c, 1)}</th>`).join('');
  const rows = s.riskByHorizon
    .map((h) => `<tr><td>${h.horizonDays} day${h.horizonDays === 1 ? '' : 's'}</td>${h.risk.map((r) => `<td>${money(r.var)}</td><td>${money(r.es)}</td>`).join('')}</tr>`)
    .join('\n');
  const errRows = s.riskErrors
    .map(
      (e) =>
        `<tr><td>${pct(e.confidence, 1)}</td><td>${money(e.varSe)}</td><td>${money(e.varCi[0])} – ${money(e.varCi[1])}</td><td>${money(e.esSe)}</td><td>${money(e.esCi[0])} – ${money(e.esCi[1])}</td></tr>`,
    )
    .join('\n');
  return section(
    'Risk along the paths and estimation error',
    `<table>
<thead><tr><th>horizon</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table>
<thead><tr><th>confidence</th><th>VaR std. error</th><th>VaR 90% interval</th><th>ES std. error</th><th>ES 90% interval</th></tr></thead>
<tbody>
${errRows}
</tbody>
</table>
<p class="note">Errors are Monte Carlo sampling errors of the ${s.scenarios.horizonDays}-day figures from 500 bootstrap resamples of the paths (percentile intervals); they say how far more paths could move the figures, not how wrong the model is.</p>`,
  );
}

/** Simulated VaR / ES beside the Normal and Cornish–Fisher references and historical simulation. */
export function referencesSection(s: Summary): string {
  const hist = s.references.historical;
  const rows = s.risk
    .map((r, i) => {
      const n = s.references.normal[i];
      const cf = s.references.cornishFisher[i];
      const h = hist?.risk[i];
      const na = '<td class="na" title="outside the Cornish–Fisher expansion\'s validity domain (not monotone)">not applicable</td>';
      return `<tr><td>${pct(r.confidence, 1)}</td><td>${money(r.var)}</td><td>${money(n.var)}</td>${cf.var === null ? na : `<td>${money(cf.var)}</td>`}<td>${h ? money(h.var) : '–'}</td><td>${money(r.es)}</td><td>${money(n.es)}</td>${cf.es === null ? na : `<td>${money(cf.es)}</td>`}<td>${h ? money(h.es) : '–'}</td></tr>`;
    })
    .join('\n');
  return section(
    'Reference measures',
    `<table>
<thead><tr><th>confidence</th><th>VaR model</th><th>VaR Normal</th><th>VaR Cornish–Fisher</th><th>VaR historical</th><th>ES model</th><th>ES Normal</th><th>ES Cornish–Fisher</th><th>ES historical</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Normal and Cornish–Fisher use the mean, standard deviation, skewness (${s.pnl.skewness.toFixed(2)}) and excess kurtosis (${s.pnl.excessKurtosis.toFixed(2)}) of the simulated P&amp;L; Cornish–Fisher is not applicable where its expansion is not monotone (large skewness or kurtosis).
${hist ? `Historical simulation revalues today's positions over all ${hist.windows.toLocaleString('en-US')} overlapping ${s.scenarios.horizonDays}-day windows from ${hist.from} to ${hist.to}.` : 'Too little history for historical simulation at this horizon.'}</p>`,
  );
}

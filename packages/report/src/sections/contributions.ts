import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

/** Euler contributions per position at the highest confidence level. */
export function contributionsSection(s: Summary): string {
  const c = s.contributions[s.contributions.length - 1];
  if (c === undefined) return '';
  const total = s.risk.find((r) => r.confidence === c.confidence);
  const rows = [...c.positions]
    .sort((a, b) => b.componentES - a.componentES)
    .map(
      (p) =>
        `<tr><td>${esc(p.symbol)}</td><td>${money(p.exposure)}</td><td>${money(p.componentVaR)}</td><td>${money(p.componentES)}</td><td>${pct(p.shareOfES, 1)}</td><td>${pct(p.marginalES)}</td></tr>`,
    )
    .join('\n');
  return section(
    `Contributions to VaR and ES ${pct(c.confidence, 1)}`,
    `<table>
<thead><tr><th>symbol</th><th>exposure</th><th>component VaR</th><th>component ES</th><th>share of ES</th><th>marginal ES</th></tr></thead>
<tbody>
${rows}
<tr><th>total</th><th>${money(c.positions.reduce((x, p) => x + p.exposure, 0))}</th><th>${total ? money(total.var) : ''}</th><th>${total ? money(total.es) : ''}</th><th>100.0%</th><th></th></tr>
</tbody>
</table>
<p class="note">Euler allocation: a position's component ES is its average loss in the scenarios beyond VaR, so the components add up to ES exactly; component VaR averages over the scenarios next to the VaR scenario and is scaled to add up to VaR. Marginal ES is the component per unit of exposure. Every level is in contributions.csv.</p>`,
  );
}

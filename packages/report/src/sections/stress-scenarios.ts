import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

/** Historical replays and hypothetical shocks, worst first. */
export function stressSection(s: Summary): string {
  if (s.stress.length === 0) return '';
  const top = s.risk[s.risk.length - 1];
  const rows = [...s.stress]
    .sort((a, b) => a.pnl - b.pnl)
    .map((x) => {
      const kind = x.kind === 'historical' ? 'historical replay' : x.apply === 'on-paths' ? 'shock on model paths' : 'hypothetical shock';
      const tail = x.risk ? x.risk[x.risk.length - 1] : undefined;
      return `<tr><td>${esc(x.name)}${x.description ? `<br><span class="note">${esc(x.description)}</span>` : ''}</td><td>${kind}</td><td>${money(x.pnl)}</td><td>${pct(x.pnlPct)}</td><td>${x.maxDrawdown === null || !Number.isFinite(x.maxDrawdown) ? '–' : pct(x.maxDrawdown)}</td><td>${tail ? `${money(tail.var)} / ${money(tail.es)}` : ''}</td></tr>`;
    })
    .join('\n');
  return section(
    'Stress scenarios',
    `<table>
<thead><tr><th>scenario</th><th>kind</th><th>P&amp;L</th><th>P&amp;L % of value</th><th>max drawdown</th><th>VaR / ES ${top ? pct(top.confidence, 1) : ''} under the shock</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Historical replays apply the portfolio's positions to the ${s.scenarios.horizonDays}-day windows of the price history that hurt it most (or the windows asked for with --replay); hypothetical shocks come from the --scenarios file. For comparison, the model's ${top ? `${pct(top.confidence, 1)} ES is ${money(top.es)}` : 'ES is in the table above'}.</p>`,
  );
}

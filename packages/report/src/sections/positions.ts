import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

export function positionsSection(s: Summary): string {
  const rows = s.portfolio.positions
    .map(
      (p) =>
        `<tr><td>${esc(p.symbol)}</td><td>${p.quantity === null ? '' : p.quantity.toLocaleString('en-US')}</td><td>${p.price.toFixed(2)}</td><td>${money(p.marketValue)}</td><td>${pct(p.weight)}</td></tr>`,
    )
    .join('\n');
  return section(
    'Positions',
    `<table>
<thead><tr><th>symbol</th><th>quantity</th><th>last price</th><th>market value</th><th>weight</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  );
}

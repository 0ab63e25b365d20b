import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

type Row = Summary['portfolio']['positions'][number];
type BookRow = Extract<Row, { label: string }>;

const isBook = (p: Row): p is BookRow => 'label' in p;
const num = (v: number, digits = 2) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

export function positionsSection(s: Summary): string {
  const list = s.portfolio.positions;
  if (list.some(isBook)) return bookPositions(s, list as BookRow[]);
  const rows = list
    .map(
      (p) =>
        `<tr><td>${esc(p.symbol)}</td><td>${p.quantity === null ? '' : p.quantity.toLocaleString('en-US')}</td><td>${p.price === null ? '' : p.price.toFixed(2)}</td><td>${money(p.marketValue)}</td><td>${pct(p.weight)}</td></tr>`,
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

/** Instruments, currencies, FX rates and the options' greeks (in the base currency). */
function bookPositions(s: Summary, list: BookRow[]): string {
  const ccy = s.base.currency ? ` (${esc(s.base.currency)})` : '';
  const rows = list
    .map((p) => {
      const o = p.option;
      return `<tr><td>${esc(p.label)}</td><td>${p.type}</td><td>${esc(p.currency ?? '')}</td><td>${p.quantity === null ? '' : num(p.quantity)}</td><td>${p.price === null ? '' : p.price.toFixed(2)}</td><td>${p.fxRate === 1 ? '' : num(p.fxRate, 6)}</td><td>${money(p.marketValue)}</td><td>${money(p.exposure)}</td><td>${pct(p.weight)}</td><td>${o ? num(o.delta, 4) : ''}</td><td>${o ? num(o.gamma, 6) : ''}</td><td>${o ? num(o.vega, 2) : ''}</td></tr>`;
    })
    .join('\n');
  return section(
    'Positions',
    `<table>
<thead><tr><th>position</th><th>type</th><th>currency</th><th>quantity</th><th>last price</th><th>FX rate</th><th>market value${ccy}</th><th>exposure${ccy}</th><th>weight</th><th>delta</th><th>gamma</th><th>vega</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Exposure: market value; a future's notional; an option's delta-equivalent Δ·S·units. Greeks of the position in the base currency: delta per unit of the underlying's price, gamma per unit², vega per unit of implied volatility (divide by 100 for one vol point). Weights are fractions of the ${esc(s.base.kind)} ${money(s.base.amount)}.</p>`,
  );
}

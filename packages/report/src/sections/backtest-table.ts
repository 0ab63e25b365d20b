import type { Summary } from '@tailforge/engine';
import { pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';
import type { ModelEvaluation } from '@tailforge/engine';

const p3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** The exceptions-and-tests table, shared by the run report and the backtest report. */
export function backtestTable(models: readonly ModelEvaluation[]): string {
  const rows = models
    .flatMap((m) =>
      m.levels.map(
        (l) => `<tr><td>${esc(m.model)}</td><td>${pct(l.confidence, 1)}</td><td>${l.exceptions} / ${l.observations}</td><td>${l.expectedExceptions.toFixed(1)}</td>
<td>${p3(l.kupiec.lr)}</td><td>${p3(l.kupiec.pValue)}</td><td>${p3(l.christoffersen.pInd)}</td><td>${p3(l.christoffersen.pCc)}</td>
<td>${l.basel ? `${esc(l.basel.zone)} (${l.basel.exceptions} in ${l.basel.observations})` : ''}</td><td>${p3(l.z2)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<table>
<thead><tr><th>model</th><th>confidence</th><th>exceptions</th><th>expected</th><th>Kupiec LR</th><th>Kupiec p</th><th>Christoffersen ind. p</th><th>cond. coverage p</th><th>Basel zone</th><th>ES Z2</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** The run report's backtest section, when the run asked for a backtest. */
export function backtestSection(s: Summary): string {
  const b = s.backtest;
  if (b === null) return '';
  return section(
    'Backtest of one-day VaR and ES',
    `${backtestTable(b.models)}
<p class="note">${b.forecasts} one-day forecasts from ${esc(b.from)} to ${esc(b.to)}, each made by refitting the model on the history up to that day only. p-values below 0.05 reject the model; the Basel zone counts 99% exceptions over the last 250 forecasts; Z2 below about −0.70 flags ES as too small.</p>`,
  );
}

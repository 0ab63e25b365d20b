import type { Summary } from '@tailforge/engine';
import { pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';
import type { BacktestComparison, ModelEvaluation } from '@tailforge/engine';

const p3 = (v: number | null | undefined): string => (v !== null && v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '–');
const g4 = (v: number | null | undefined): string => (v !== null && v !== undefined && Number.isFinite(v) ? v.toPrecision(4) : '–');

/** The exceptions-and-tests table, shared by the run report and the backtest report. */
export function backtestTable(models: readonly ModelEvaluation[]): string {
  const rows = models
    .flatMap((m) =>
      m.levels.map(
        (l) => `<tr><td>${esc(m.model)}</td><td>${pct(l.confidence, 1)}</td><td>${l.exceptions} / ${l.observations}</td><td>${l.expectedExceptions.toFixed(1)}</td>
<td>${p3(l.kupiec.lr)}</td><td>${p3(l.kupiec.pValue)}</td><td>${p3(l.christoffersen.pInd)}</td><td>${p3(l.christoffersen.pCc)}</td>
<td>${l.basel ? `${esc(l.basel.zone)} (${l.basel.exceptions} in ${l.basel.observations})` : ''}</td><td>${p3(l.z2)}</td>
<td>${p3(l.duEscanciano?.unconditional.pValue)}</td><td>${p3(l.duEscanciano?.conditional?.pValue)}</td><td>${g4(l.fz0Loss)}</td><td>${g4(l.quantileLoss)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<table>
<thead><tr><th>model</th><th>confidence</th><th>exceptions</th><th>expected</th><th>Kupiec LR</th><th>Kupiec p</th><th>Christoffersen ind. p</th><th>cond. coverage p</th><th>Basel zone</th><th>ES Z2</th><th>Du–Escanciano U p</th><th>Du–Escanciano C(5) p</th><th>mean FZ0 loss</th><th>mean quantile loss</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>${nonOverlappingTable(models)}`;
}

/** For h-day forecasts: exceptions on non-overlapping windows and the HAC test on all windows (empty for one-day forecasts). */
function nonOverlappingTable(models: readonly ModelEvaluation[]): string {
  const rows = models.flatMap((m) =>
    m.levels.flatMap((l) => {
      const n = l.nonOverlapping;
      if (n === null || n === undefined) return [];
      return [
        `<tr><td>${esc(m.model)}</td><td>${pct(l.confidence, 1)}</td><td>${n.exceptions} / ${n.observations}</td><td>${n.expectedExceptions.toFixed(1)}</td><td>${p3(n.kupiec.pValue)}</td><td>${p3(n.christoffersen.pCc)}</td><td>${p3(n.hac.statistic)}</td><td>${p3(n.hac.pValue)} (lag ${n.hac.lag})</td></tr>`,
      ];
    }),
  );
  if (rows.length === 0) return '';
  const h = models.flatMap((m) => m.levels).find((l) => l.nonOverlapping)?.nonOverlapping?.horizon;
  return `
<p class="note">${h}-day windows overlap, so exceptions on consecutive days are not independent and the tests above over-reject. Below: exceptions counted on non-overlapping windows only (every ${h}th forecast, the latest kept) with Kupiec and Christoffersen on them, and the HAC (Newey–West) coverage z-test on all windows.</p>
<table>
<thead><tr><th>model</th><th>confidence</th><th>exceptions (non-overlapping)</th><th>expected</th><th>Kupiec p</th><th>cond. coverage p</th><th>HAC z (all windows)</th><th>HAC p</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** Ranking per level (model confidence set on FZ0 losses) and Diebold–Mariano against the reference model. */
export function comparisonTable(c: BacktestComparison | null): string {
  if (c === null) return '';
  const rows = c.levels.flatMap((lv) =>
    lv.ranking.map((m) => {
      const dm = lv.dm.find((d) => d.model === m.model);
      const dmCells =
        m.model === lv.reference
          ? '<td colspan="3">reference</td>'
          : dm === undefined
            ? '<td colspan="3"></td>'
            : dm.status === 'identical'
              ? '<td colspan="3">identical losses: no test</td>'
              : dm.status === 'no-fz0'
                ? '<td colspan="3">no FZ0 loss (an ES forecast <= 0)</td>'
                : `<td>${p3(dm.statistic)}</td><td>${p3(dm.pValue)}</td><td>${dm.winner === null ? 'neither' : esc(dm.winner)}</td>`;
      return `<tr><td>${pct(lv.confidence, 1)}</td><td>${m.rank}</td><td>${esc(m.model)}</td><td>${g4(m.meanFz0Loss)}</td><td>${g4(m.meanQuantileLoss)}</td><td>${p3(m.mcsPValue)}</td><td>${m.inConfidenceSet === null ? '–' : m.inConfidenceSet ? 'yes' : 'no'}</td>${dmCells}</tr>`;
    }),
  );
  return `<table>
<thead><tr><th>confidence</th><th>rank</th><th>model</th><th>mean FZ0 loss</th><th>mean quantile loss</th><th>MCS p</th><th>in ${pct(1 - c.mcs.alpha, 0)} MCS</th><th>DM vs ${esc(c.reference)}</th><th>DM p</th><th>significantly better</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** The run report's backtest section, when the run asked for a backtest. */
export function backtestSection(s: Summary): string {
  const b = s.backtest;
  if (b === null) return '';
  const comparison = 'comparison' in b && b.comparison ? `\n<h3>Which model forecasts better</h3>\n${comparisonTable(b.comparison)}` : '';
  return section(
    'Backtest of one-day VaR and ES',
    `${backtestTable(b.models)}${comparison}
<p class="note">${b.forecasts} one-day forecasts from ${esc(b.from)} to ${esc(b.to)}, each made by refitting the model on the history up to that day only. p-values below 0.05 reject the model; the Basel zone counts 99% exceptions over the last 250 forecasts; Z2 below about −0.70 flags ES as too small; Du–Escanciano U and C(5) test ES through the forecast PITs (size and clustering of tail losses). FZ0 and quantile losses score the forecasts (lower is better) for comparison across models.</p>`,
  );
}

/**
 * A batch job's backtest at a glance: the Basel zone of the job's model (or
 * the first backtested model) and, with several models, the best one by FZ0
 * loss at the highest level (with "*" when it beats the reference
 * significantly). Empty without a backtest.
 */
export function backtestGlance(s: Summary | undefined): { zone: string; winner: string } {
  const b = s?.backtest;
  if (b === null || b === undefined) return { zone: '', winner: '' };
  const own = b.models.find((m) => m.model === s!.model.name) ?? b.models[0];
  const basel = own?.levels.find((l) => l.basel !== null)?.basel;
  const zone = basel ? `${own.model}: ${basel.zone} (${basel.exceptions}/${basel.observations})` : '';
  const c = 'comparison' in b ? b.comparison : undefined;
  if (!c || c.levels.length === 0) return { zone, winner: '' };
  const top = c.levels.reduce((a, l) => (l.confidence > a.confidence ? l : a));
  const dm = top.dm.find((d) => d.model === top.best);
  const significant = top.best === top.reference ? top.dm.length > 0 && top.dm.every((d) => d.winner === top.reference) : dm?.winner === top.best;
  return { zone, winner: `${top.best}${significant ? '*' : ''} (${pct(top.confidence, 1)})` };
}

import type { Summary } from '@tailforge/engine';
import type { EarlierRun } from '../report-context.js';
import { historySpec, type HistoryPoint } from '../specs/history-spec.js';
import { renderSvg } from '../render-svg.js';
import { section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

/** VaR / ES history of the series (earlier runs from the history database plus this run) as a line chart. */
export async function riskHistorySection(s: Summary, history: readonly EarlierRun[], historyFile?: string): Promise<string> {
  const points: HistoryPoint[] = [];
  for (const run of history) for (const x of run.risk) points.push({ runAt: run.runAt, confidence: x.confidence, varPct: x.varPct, esPct: x.esPct });
  for (const x of s.risk) points.push({ runAt: s.generatedAt, confidence: x.confidence, varPct: x.varPct, esPct: x.esPct });
  const svg = await renderSvg(historySpec(points));
  const n = history.length + 1;
  return section(
    'VaR and ES history',
    `<div class="chart">${svg}</div>
<p class="note">${n} run${n === 1 ? '' : 's'} of ${esc(s.portfolio.name)} with model ${esc(s.model.name)} over ${s.scenarios.horizonDays} days (this one last); VaR solid, ES dashed, as fractions of the portfolio value on each run's date.${
      historyFile !== undefined ? ` From ${esc(historyFile)}.` : ''
    }</p>`,
  );
}

import type { Summary } from '@tailforge/engine';
import type { EarlierRun } from './report-context.js';
import { htmlPage, money, pct, section } from './page.js';
import { escapeHtml as esc } from './escape.js';
import { renderSvg } from './render-svg.js';
import { indexSpec, type IndexBar } from './specs/index-spec.js';
import { backtestGlance } from './sections/backtest-table.js';

export type JobStatus = 'ok' | 'skipped' | 'failed';

/** One job as the batch index lists it. */
export interface IndexEntry {
  readonly id: string;
  readonly status: JobStatus;
  /** Config entry that made the job, e.g. `jobs[2]`. */
  readonly source: string;
  readonly portfolioFile: string;
  /** Link to the job's report, relative to the index page. */
  readonly reportHref?: string;
  readonly summary?: Summary;
  /** The run before this one in the same series, for the change column. */
  readonly previous?: EarlierRun;
  readonly error?: string;
  readonly durationMs?: number;
}

export interface IndexMeta {
  readonly batchId: string;
  readonly configFile: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly historyFile: string;
}

const STATUS_LABEL: Record<JobStatus, string> = { ok: 'ran', skipped: 'up to date', failed: 'FAILED' };

/** The confidence level most jobs report as their highest: the one the index headlines. */
function headlineLevel(entries: readonly IndexEntry[]): number | undefined {
  const counts = new Map<number, number>();
  for (const e of entries) {
    const levels = e.summary?.risk.map((r) => r.confidence) ?? [];
    if (levels.length > 0) {
      const top = Math.max(...levels);
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
  }
  let best: number | undefined;
  for (const [level, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0) || (n === counts.get(best) && level > best)) best = level;
  return best;
}

function changeCell(now: number | undefined, prev: number | undefined): string {
  if (now === undefined || prev === undefined || prev === 0) return '<td></td>';
  const d = now / prev - 1;
  const cls = d > 0 ? 'up' : d < 0 ? 'down' : '';
  return `<td class="${cls}">${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)}%</td>`;
}

/**
 * The batch index: one self-contained page (no scripts, no network) with the
 * status of every job, its headline figures and the change since its
 * previous run, linking each job's report; failed jobs show their error.
 */
export async function renderBatchIndex(meta: IndexMeta, entries: readonly IndexEntry[]): Promise<string> {
  const level = headlineLevel(entries);
  const lvl = level === undefined ? '' : pct(level, 1);
  const counts = { ok: 0, skipped: 0, failed: 0 };
  for (const e of entries) counts[e.status]++;
  // A backtest column only when some job ran a backtest.
  const withBacktest = entries.some((e) => e.summary?.backtest);
  const rows = entries.map((e) => {
    const s = e.summary;
    const bt = backtestGlance(s);
    const btCells = withBacktest ? `<td>${esc(bt.zone)}</td><td>${esc(bt.winner)}</td>` : '';
    const r = level === undefined ? undefined : s?.risk.find((x) => x.confidence === level);
    const p = level === undefined ? undefined : e.previous?.risk.find((x) => x.confidence === level);
    const name = e.reportHref !== undefined ? `<a href="${esc(e.reportHref)}">${esc(e.id)}</a>` : esc(e.id);
    const time = e.durationMs !== undefined ? `${(e.durationMs / 1000).toFixed(1)} s` : '';
    const portfolio = s !== undefined && s.portfolio.name !== e.id ? `<br><span class="note">${esc(s.portfolio.name)}</span>` : '';
    const model = s !== undefined ? `<span title="${esc(s.model.id)}">${esc(s.model.name)}</span>` : '';
    const main = `<tr class="${e.status}"><td><span class="status ${e.status}">${STATUS_LABEL[e.status]}</span></td><td>${name}${portfolio}</td><td>${model}</td><td>${s?.scenarios.horizonDays ?? ''}</td><td>${s ? money(s.portfolio.value) : ''}</td><td>${r ? money(r.var) : ''}</td><td>${r ? pct(r.varPct) : ''}</td><td>${r ? money(r.es) : ''}</td>${changeCell(r?.var, p?.var)}<td>${s && Number.isFinite(s.maxDrawdown.p99) ? pct(s.maxDrawdown.p99) : ''}</td>${btCells}<td>${time}</td>${warningsCell(s?.warnings)}</tr>`;
    const err = e.error !== undefined ? `\n<tr class="error"><td></td><td colspan="${withBacktest ? 13 : 11}">${esc(e.error)} <span class="note">(${esc(e.source)}: ${esc(e.portfolioFile)})</span></td></tr>` : '';
    return main + err;
  });
  const bars: IndexBar[] = [];
  for (const e of entries) {
    const r = level === undefined ? undefined : e.summary?.risk.find((x) => x.confidence === level);
    if (r !== undefined) bars.push({ job: e.id, varPct: r.varPct, esPct: r.esPct });
  }
  const chart = bars.length > 0 ? `<div class="chart">${await renderSvg(indexSpec(bars, lvl))}</div>` : '';
  const body = `<h1>Nightly batch ${esc(meta.batchId)}</h1>
<p class="meta">Config ${esc(meta.configFile)} · started ${esc(meta.startedAt)} · finished ${esc(meta.finishedAt)} · history ${esc(meta.historyFile)}</p>
<p class="counts"><b>${entries.length}</b> jobs: <span class="status ok">${counts.ok} ran</span> <span class="status skipped">${counts.skipped} up to date</span> <span class="status failed">${counts.failed} failed</span></p>
${section(
  `Jobs${level !== undefined ? `: VaR and ES at ${lvl}` : ''}`,
  `<table class="jobs">
<thead><tr><th>status</th><th>job</th><th>model</th><th>days</th><th>value</th><th>VaR</th><th>VaR %</th><th>ES</th><th>ΔVaR</th><th>dd p99</th>${withBacktest ? '<th>backtest zone</th><th>backtest winner</th>' : ''}<th>time</th><th>warnings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="note">VaR and ES are losses over each job's horizon; ΔVaR is the change against the previous run of the same portfolio, model and horizon in the history (red: risk grew). "Up to date" jobs were not rerun: their inputs and settings are unchanged since their last run (use --force to rerun). Warnings: the number of findings of severity warn or error of each run (data, fit, run sanity), listed at the top of its report.${withBacktest ? ' Backtest zone: Basel traffic light of the job\'s model (99% VaR, last 250 forecasts); winner: lowest FZ0 loss at the highest level among the backtested models, * when significantly better than the reference (Diebold–Mariano, 5%).' : ''}</p>`,
)}
${chart ? section(`VaR and ES at ${lvl} by job`, chart) : ''}`;
  return htmlPage(`tailforge batch ${meta.batchId}`, body, INDEX_CSS);
}

const INDEX_CSS = `  body { max-width: 72rem; }
  table.jobs td { white-space: nowrap; }
  .status { display: inline-block; padding: 0 0.4rem; border-radius: 3px; font-size: 0.85rem; }
  .status.ok { background: #e3f1e0; color: #1e5c17; } .status.skipped { background: #eceff3; color: #3b4a5a; } .status.failed { background: #f9dcdc; color: #8a1111; font-weight: bold; }
  tr.error td { text-align: left; color: #8a1111; font-size: 0.85rem; border-bottom: 1px solid #ddd; }
  table.jobs td:nth-child(2), table.jobs td:nth-child(3), table.jobs th:nth-child(2), table.jobs th:nth-child(3) { text-align: left; }
  tr.error td { white-space: normal; }
`;

/** A job's warning count, linking nothing: the list is at the top of its report. Empty for a run without the field (older outputs). */
function warningsCell(warnings: ReadonlyArray<{ readonly code: string; readonly severity: string }> | undefined): string {
  if (warnings === undefined) return '<td></td>';
  if (warnings.length === 0) return '<td class="warnings-count">0</td>';
  const codes = [...new Set(warnings.map((w) => w.code))].join(', ');
  return `<td class="warnings-count up" title="${esc(codes)}">${warnings.length}</td>`;
}

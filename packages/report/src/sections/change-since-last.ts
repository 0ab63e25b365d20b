import type { Summary } from '@tailforge/engine';
import type { EarlierRun } from '../report-context.js';
import { money, pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

/**
 * A change as "+12,345 (+3.4%)", classed up (risk grew: red) or down
 * (green); empty without a previous value. With `noise` (the Monte Carlo
 * standard error of the difference) a change of at most 2 × noise is not
 * significant: grey, marked "within Monte Carlo error", neither red nor green.
 */
function changeCell(now: number, prev: number | null | undefined, format: (v: number) => string, noise?: number): string {
  if (prev === null || prev === undefined || !Number.isFinite(prev) || !Number.isFinite(now)) return '<td>–</td>';
  const d = now - prev;
  const rel = prev !== 0 ? ` (${d >= 0 ? '+' : ''}${((d / Math.abs(prev)) * 100).toFixed(1)}%)` : '';
  if (noise !== undefined && Number.isFinite(noise) && Math.abs(d) <= 2 * noise) {
    return `<td class="ns" title="|change| ≤ 2 × its Monte Carlo standard error ${format(noise)}">${d >= 0 ? '+' : ''}${format(d)}${rel}, not significant (within Monte Carlo error)</td>`;
  }
  const cls = d > 0 ? 'up' : d < 0 ? 'down' : '';
  return `<td class="${cls}">${d >= 0 ? '+' : ''}${format(d)}${rel}</td>`;
}

/**
 * Standard error of (this run's figure − the previous run's): this run's
 * bootstrap standard error se, and the previous run's taken as
 * se·√(n / n_prev) (Monte Carlo error falls as 1/√paths; the history keeps
 * no errors), so √(se² + se²·n/n_prev).
 */
export function changeNoise(se: number | undefined, paths: number, previousPaths: number): number | undefined {
  if (se === undefined || !Number.isFinite(se) || !(previousPaths > 0)) return undefined;
  return se * Math.sqrt(1 + paths / previousPaths);
}

/**
 * Summary of the change against the previous run of the same portfolio,
 * model and horizon in the results history: value, VaR and ES per level,
 * the 99th percentile of the max drawdown. Risk that grew is red.
 */
export function changeSinceLastSection(s: Summary, history: readonly EarlierRun[]): string {
  const prev = history.length > 0 ? history[history.length - 1] : undefined;
  const title = 'Change since the previous run';
  if (prev === undefined) {
    return section(
      title,
      `<p class="note">This is the first run of ${esc(s.portfolio.name)} with model ${esc(s.model.name)} over ${s.scenarios.horizonDays} days in the results history; changes appear from the next run on.</p>`,
    );
  }
  const rows: string[] = [];
  rows.push(`<tr><td>portfolio value</td><td>${money(s.portfolio.value)}</td><td>${money(prev.value)}</td>${changeCell(s.portfolio.value, prev.value, money)}</tr>`);
  for (const x of s.risk) {
    const p = prev.risk.find((y) => y.confidence === x.confidence);
    const lvl = pct(x.confidence, 1);
    const e = s.riskErrors.find((y) => y.confidence === x.confidence);
    const n = s.scenarios.paths;
    rows.push(`<tr><td>VaR ${lvl}</td><td>${money(x.var)}</td><td>${p ? money(p.var) : '–'}</td>${changeCell(x.var, p?.var, money, changeNoise(e?.varSe, n, prev.paths))}</tr>`);
    rows.push(`<tr><td>ES ${lvl}</td><td>${money(x.es)}</td><td>${p ? money(p.es) : '–'}</td>${changeCell(x.es, p?.es, money, changeNoise(e?.esSe, n, prev.paths))}</tr>`);
  }
  const dd = s.maxDrawdown.p99;
  rows.push(`<tr><td>max drawdown, 99th pct</td><td>${pct(dd)}</td><td>${prev.drawdown.p99 === null ? '–' : pct(prev.drawdown.p99)}</td>${changeCell(dd, prev.drawdown.p99, (v) => pct(v))}</tr>`);
  const sameModel = prev.modelId === s.model.id;
  return section(
    title,
    `<p class="meta">Previous run ${esc(prev.runAt)} (prices as of ${esc(prev.asOf)}, model ${esc(prev.modelId)}, ${prev.paths.toLocaleString('en-US')} paths, seed ${prev.seed}).${
      sameModel ? '' : ' The fitted model differs (new data or parameters), so part of the change comes from the model.'
    }</p>
<table>
<thead><tr><th>figure</th><th>this run</th><th>previous</th><th>change</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="note">A VaR / ES change within twice its Monte Carlo standard error (this run's bootstrap error, the previous run's scaled by its number of paths) is marked not significant: a new seed alone moves the figures that much.</p>`,
  );
}

import type { WalkForwardResult } from './walk-forward.js';
import type { BacktestSummary } from './backtest-output.js';
import { htmlPage, pct, section } from '../report/page.js';
import { escapeHtml as esc } from '../report/escape.js';
import { renderSvg } from '../report/render-svg.js';
import { backtestChartSpec } from '../report/backtest-chart.js';

const p3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** Backtest report: one table with every model side by side, one chart of P&L against each model's VaR. */
export async function renderBacktestReport(r: WalkForwardResult, s: BacktestSummary): Promise<string> {
  const rows = s.models
    .flatMap((m) =>
      m.levels.map(
        (l) => `<tr><td>${esc(m.model)}</td><td>${pct(l.confidence, 1)}</td><td>${l.exceptions} / ${l.observations}</td><td>${l.expectedExceptions.toFixed(1)}</td>
<td>${p3(l.kupiec.lr)}</td><td>${p3(l.kupiec.pValue)}</td><td>${p3(l.christoffersen.pInd)}</td><td>${p3(l.christoffersen.pCc)}</td>
<td>${l.basel ? `${esc(l.basel.zone)} (${l.basel.exceptions} in ${l.basel.observations})` : ''}</td><td>${p3(l.z2)}</td></tr>`,
      ),
    )
    .join('\n');
  const levelIdx = s.settings.confidence.indexOf(0.99) >= 0 ? s.settings.confidence.indexOf(0.99) : s.settings.confidence.length - 1;
  const chart = await renderSvg(
    backtestChartSpec(
      r.dates,
      r.realized,
      r.forecasts.map((f) => ({ model: f.model, var: f.var[levelIdx] })),
      pct(s.settings.confidence[levelIdx], 1),
    ),
  );
  const body = `<h1>Backtest: ${esc(s.portfolio.name)}</h1>
<p class="meta">${s.period.forecasts} forecasts from ${esc(s.period.from)} to ${esc(s.period.to)} · horizon ${s.settings.horizonDays} day(s) · refit every ${s.settings.refitEvery} days · ${s.settings.paths.toLocaleString('en-US')} paths per forecast · seed ${s.settings.seed} · generated ${esc(s.generatedAt)}</p>
${section(
  'Exceptions and tests',
  `<table>
<thead><tr><th>model</th><th>confidence</th><th>exceptions</th><th>expected</th><th>Kupiec LR</th><th>Kupiec p</th><th>Christoffersen ind. p</th><th>cond. coverage p</th><th>Basel zone</th><th>ES Z2</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">An exception is a day whose realised loss exceeds the VaR forecast made for it with data up to the forecast date only. Kupiec POF tests the exception rate, Christoffersen the independence of exceptions (and both together: conditional coverage); p-values below 0.05 reject the model.
The Basel zone counts 99% VaR exceptions over the last 250 forecasts (green 0–4, yellow 5–9, red 10+). Z2 (Acerbi–Székely) is 0 when realised tail losses match the ES forecasts and negative when ES is too small; at 2.5% its 5% and 0.01% critical values are about −0.70 and −1.8.</p>`,
)}
${section(`Realised P&L against VaR ${pct(s.settings.confidence[levelIdx], 1)}`, `<div class="chart">${chart}</div>`)}`;
  return htmlPage(`tailforge backtest: ${s.portfolio.name}`, body);
}

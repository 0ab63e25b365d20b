import type { Finding } from '@tailforge/core';
import { warningsBox } from './sections/warnings-box.js';
import type { WalkForwardResult } from '@tailforge/engine';
import type { BacktestSummary } from '@tailforge/engine';
import { htmlPage, pct, section } from './page.js';
import { escapeHtml as esc } from './escape.js';
import { renderSvg } from './render-svg.js';
import { backtestChartSpec } from './backtest-chart.js';
import { backtestTable } from './sections/backtest-table.js';


/** Backtest report: one table with every model side by side, one chart of P&L against each model's VaR. */
export async function renderBacktestReport(r: WalkForwardResult, s: BacktestSummary, warnings: readonly Finding[] = []): Promise<string> {
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
${warningsBox(warnings)}
${section(
  'Exceptions and tests',
  `${backtestTable(s.models)}
<p class="note">An exception is a day whose realised loss exceeds the VaR forecast made for it with data up to the forecast date only. Kupiec POF tests the exception rate, Christoffersen the independence of exceptions (and both together: conditional coverage); p-values below 0.05 reject the model.
The Basel zone counts 99% VaR exceptions over the last 250 forecasts (green 0–4, yellow 5–9, red 10+). Z2 (Acerbi–Székely) is 0 when realised tail losses match the ES forecasts and negative when ES is too small; at 2.5% its 5% and 0.01% critical values are about −0.70 and −1.8.</p>`,
)}
${section(`Realised P&L against VaR ${pct(s.settings.confidence[levelIdx], 1)}`, `<div class="chart">${chart}</div>`)}`;
  return htmlPage(`tailforge backtest: ${s.portfolio.name}`, body);
}

import type { Finding } from '@tailforge/core';
import { warningsBox } from './sections/warnings-box.js';
import type { WalkForwardResult } from '@tailforge/engine';
import type { BacktestSummary } from '@tailforge/engine';
import { htmlPage, pct, section } from './page.js';
import { escapeHtml as esc } from './escape.js';
import { renderSvg } from './render-svg.js';
import { backtestChartSpec } from './backtest-chart.js';
import { backtestTable, comparisonTable } from './sections/backtest-table.js';
import { lossDifferenceSpec } from './specs/loss-difference-spec.js';
import { fz0LossesOf } from '@tailforge/engine';


/**
 * Backtest report: one table with every model side by side, the forecast
 * comparison (ranking, Diebold–Mariano against the reference) with the
 * cumulative FZ0 loss difference chart, and a chart of P&L against each
 * model's VaR.
 */
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
<p class="meta">${s.period.forecasts} forecasts from ${esc(s.period.from)} to ${esc(s.period.to)} · horizon ${s.settings.horizonDays} day(s) · refit every ${s.settings.refitEvery} days (${esc(s.settings.refitMode)}) · ${s.settings.paths.toLocaleString('en-US')} paths per forecast · seed ${s.settings.seed} · generated ${esc(s.generatedAt)}</p>
${warningsBox(warnings)}
${section(
  'Exceptions and tests',
  `${backtestTable(s.models)}
<p class="note">An exception is a day whose realised loss exceeds the VaR forecast made for it with data up to the forecast date only. Kupiec POF tests the exception rate, Christoffersen the independence of exceptions (and both together: conditional coverage); p-values below 0.05 reject the model.
The Basel zone counts 99% VaR exceptions over the last 250 forecasts (green 0–4, yellow 5–9, red 10+). Z2 (Acerbi–Székely) is 0 when realised tail losses match the ES forecasts and negative when ES is too small; at 2.5% its 5% and 0.01% critical values are about −0.70 and −1.8.
Du–Escanciano tests ES through the cumulative violations of each day's PIT (the share of the forecast's simulated P&L at or below the realised one): U tests their mean (size and depth of tail losses), C(5) their autocorrelation over 5 lags (clustering).</p>`,
)}
${await comparisonSection(r, s, levelIdx)}
${section(`Realised P&L against VaR ${pct(s.settings.confidence[levelIdx], 1)}`, `<div class="chart">${chart}</div>`)}`;
  return htmlPage(`tailforge backtest: ${s.portfolio.name}`, body);
}

/** Ranking and DM table, and the cumulative FZ0 loss difference against the reference at one level (empty with one model). */
async function comparisonSection(r: WalkForwardResult, s: BacktestSummary, levelIdx: number): Promise<string> {
  const c = s.comparison;
  if (c === null || r.forecasts.length < 2) return '';
  const alpha = 1 - s.settings.confidence[levelIdx];
  const ref = r.forecasts.find((f) => f.model === c.reference)!;
  const refLoss = fz0LossesOf(r.realized, ref.var[levelIdx], ref.es[levelIdx], alpha);
  let chart = '';
  if (refLoss !== null) {
    const series = r.forecasts
      .filter((f) => f.model !== c.reference)
      .flatMap((f) => {
        const l = fz0LossesOf(r.realized, f.var[levelIdx], f.es[levelIdx], alpha);
        return l === null ? [] : [{ model: f.model, difference: l.map((v, i) => v - refLoss[i]) }];
      });
    if (series.length > 0) {
      const svg = await renderSvg(lossDifferenceSpec(r.dates, series, c.reference, 'FZ0 loss'));
      chart = `<h3>Cumulative FZ0 loss difference against ${esc(c.reference)}, ${pct(s.settings.confidence[levelIdx], 1)}</h3><div class="chart">${svg}</div>`;
    }
  }
  return section(
    'Which model forecasts better',
    `${comparisonTable(c)}
<p class="note">Lower loss is better. The FZ0 loss (Fissler–Ziegel, Patton–Ziegel–Chen form) scores VaR and ES together; the quantile loss scores VaR alone. The Diebold–Mariano test compares each model's daily FZ0 losses with the reference's (${esc(c.reference)}; Newey–West variance, bandwidth ${c.dmLag}); a p-value below ${c.significance} names the significantly better one. The rank is the model confidence set's order (Hansen–Lunde–Nason T_max, ${c.mcs.resamples} block-bootstrap resamples); the ${pct(1 - c.mcs.alpha, 0)} set holds the models that cannot be told apart from the best.</p>
${chart}`,
  );
}

import type { StressTestResult, Summary } from '@tailforge/engine';
import { escapeHtml as esc } from '../escape.js';
import { money, pct, section } from '../page.js';
import { renderSvg } from '../render-svg.js';
import { stressedWindowSpec } from '../specs/stressed-window-spec.js';

/**
 * The regulatory view (`run --regulatory`): where the stressed period lies
 * on the price history, and the figures with their formulas named. An
 * illustration, not a regulatory filing.
 */
export async function regulatoryViewSection(r: StressTestResult, s: Summary): Promise<string> {
  const g = s.regulatory;
  const series = r.regulatory?.series;
  if (g === undefined || series === undefined) return '';
  const v0 = s.portfolio.value;
  const measure = g.stressedPeriod.measure === 'var' ? '10-day 99% VaR' : '10-day 97.5% ES';
  const svg = await renderSvg(stressedWindowSpec({ dates: series.valueDates, value: series.value, from: g.stressedPeriod.from, to: g.stressedPeriod.to, label: `stressed period (largest ${measure})` }));
  const cell = (v: number | null) => (v === null ? '<td>–</td><td></td>' : `<td>${money(v)}</td><td>${pct(v / v0)}</td>`);
  const row = (name: string, v: number | null, formula: string) => `<tr><td>${name}</td>${cell(v)}<td style="text-align:left">${formula}</td></tr>`;
  const f = g.frtb;
  const st = f.stressed;
  const cap = g.capital;
  const lhs = [...new Set(g.liquidityHorizons.map((l) => l.days))].sort((a, b) => a - b)
    .map((d) => `${d} days: ${g.liquidityHorizons.filter((l) => l.days === d).map((l) => esc(l.symbol)).join(', ')}`).join('; ');
  const defaults = g.liquidityHorizons.some((l) => l.source === 'default');
  const rows = [
    row(`VaR 10-day 99%, ${esc(s.model.name)}`, g.var.model, 'lower 99% quantile of the 10-day losses of the run\'s model'),
    row('VaR 10-day 99%, historical', g.var.historical, `historical simulation, ${esc(g.var.historicalFrom)}..${esc(g.var.historicalTo)} (last ${g.windowDays} days)`),
    row(`stressed VaR, ${esc(s.model.name)}`, g.svar.model, g.svar.model === null ? esc(g.svar.note ?? '') : 'the model fitted on the stressed period only, 10-day 99% VaR'),
    row('stressed VaR, historical', g.svar.historical, `historical simulation on the stressed period's ${g.stressedPeriod.windows} 10-day windows`),
    row('FRTB ES (97.5%, liquidity horizons)', f.es, `cascade ES = √(ES_T(P)² + Σ_j (ES_T(P, j)·√((LH_j − LH_j−1)/T))²), T = 10; ${f.basis} basis; buckets ${f.esByBucket.map((e) => money(e)).join(' / ')}`),
    row('FRTB ES, stressed calibration', st?.es ?? null, st
      ? `ES_R,S · max(1, ES_F,C / ES_R,C) = ${money(st.esReducedStressed)} · ${st.ratio.toFixed(3)}; ES_R,C / ES_F,C = ${pct(st.modelVariation, 1)}${st.coversVariation ? '' : ' (below the 75% the rule asks)'}`
      : esc(f.note ?? '')),
    row('capital (illustration)', cap.available ? cap.capital : null, cap.available
      ? `max(VaR_t−1, m·VaR_avg60) + max(sVaR_t−1, m·sVaR_avg60) = ${money(cap.varTerm)} + ${money(cap.svarTerm)}, m = ${cap.multiplier.toFixed(2)} (${cap.multiplierSource === 'backtest' ? `3 + plus factor ${cap.plusFactor}, backtest zone ${esc(cap.backtest?.zone ?? '')}` : 'assumed 3: no backtest'})`
      : esc(cap.note)),
  ].join('\n');
  return section(
    'Regulatory view',
    `<p class="note"><strong>An illustration, not a regulatory filing.</strong> Figures in the regulator's definitions (Basel 2.5 stressed VaR, FRTB-style expected shortfall), from the same model and prices.</p>
<p>Stressed period: <strong>${esc(g.stressedPeriod.from)} to ${esc(g.stressedPeriod.to)}</strong>, the ${g.windowDays}-day period of the price history with the largest historical ${measure} of today's positions (${money(g.stressedPeriod.value)}).</p>
<div class="chart">${svg}</div>
<table>
<thead><tr><th>figure</th><th>value</th><th>% of value</th><th style="text-align:left">formula</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Liquidity horizons: ${lhs}${defaults ? ' (positions without a liquidityHorizon: 10 days, FRTB\'s large-cap equity price)' : ''}. Reduced factor set of the stressed calibration: ${f.reducedFactors.symbols.map(esc).join(', ')} (${f.reducedFactors.chosenBy === 'user' ? 'chosen by the user' : `the fewest covering ≥ ${pct(f.reducedFactors.threshold, 0)} of the variance`}; coverage ${pct(f.reducedFactors.coverage, 1)} of the current period's daily P&amp;L variance). Model figures: ${g.paths.toLocaleString('en-US')} paths, seed ${g.seed}.</p>`,
  );
}

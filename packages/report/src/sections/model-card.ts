import type { CganWarning, MemberRisk, ModelCard } from '@tailforge/core';
import { categoryPointsSpec, lagLinesSpec, type Series } from '../model-card-charts.js';
import { renderSvg } from '../render-svg.js';
import { pct, section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

export interface ModelCardContext {
  readonly symbols: readonly string[];
  /** What the real windows are, e.g. "held-out days 2000-06-01..2001-01-02 (150 windows)". */
  readonly realDescription: string;
  /** Days the baselines were fitted on. */
  readonly baselineDescription?: string;
  /** The model's own warnings (a cgan's fit warnings), listed at the top of the card. */
  readonly warnings?: readonly CganWarning[];
  /** Per ensemble member 10-day VaR/ES 99% from the training states (a cgan's training.memberRisk): the ensemble's spread. */
  readonly memberRisk?: readonly MemberRisk[];
}

const f4 = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '–');
const mean = (x: readonly number[]): number => x.reduce((s, v) => s + v, 0) / x.length;

/**
 * The model card: how generated windows compare with real held-out windows,
 * with the bootstrap and gaussian baselines beside the GAN. Used by the run
 * report (for a cgan model, from the card computed at training) and by
 * `tailforge diagnose`.
 */
export async function modelCardSection(card: ModelCard, ctx: ModelCardContext): Promise<string> {
  const names = card.models.map((m) => m.name);
  const errRow = (label: string, pick: (e: ModelCard['models'][number]['errors']) => number, title: string): string =>
    `<tr><td title="${esc(title)}">${esc(label)}</td>${card.models.map((m) => `<td>${f4(pick(m.errors))}</td>`).join('')}</tr>`;
  const errors = `<table>
<thead><tr><th>distance to the real windows (lower is better)</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr></thead>
<tbody>
${errRow('W1 of daily returns / std', (e) => e.w1Scaled, 'Wasserstein-1 of each asset\'s daily-return distribution over its real std, mean over assets')}
${errRow('1% quantile error', (e) => e.q01Error, 'mean over assets of |q01 model − q01 real|, log-return units')}
${errRow('99% quantile error', (e) => e.q99Error, 'mean over assets of |q99 model − q99 real|')}
${errRow('|log std ratio|', (e) => e.stdLogRatio, 'mean over assets of |ln(std model / std real)|')}
${errRow('kurtosis relative error', (e) => e.kurtosisRelError, '|mean excess kurtosis model − real| / |real|')}
${errRow('ACF of r, error lags 1–5', (e) => e.acfError1to5, 'mean over lags 1..5 of |ACF model − ACF real|, assets averaged')}
${errRow('ACF of |r|, error lags 1–5', (e) => e.acfAbsError1to5, 'volatility clustering')}
${errRow('leverage, error lags 1–5', (e) => e.leverageError1to5, 'corr(r_t, |r_t+k|)')}
${errRow('correlation matrix MAE', (e) => e.correlationMae, 'mean |Δρ| over asset pairs')}
${errRow(`${card.horizon}-day portfolio W1`, (e) => e.portfolioW1, 'Wasserstein-1 of the equal-weight portfolio return over a window')}
</tbody>
</table>`;
  const real = card.real;
  const stats = `<table>
<thead><tr><th>statistic (mean over assets)</th><th>real</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr></thead>
<tbody>
<tr><td>daily std</td><td>${pct(mean(real.std))}</td>${card.models.map((m) => `<td>${pct(mean(m.stats.std))}</td>`).join('')}</tr>
<tr><td>skewness</td><td>${f4(mean(real.skew))}</td>${card.models.map((m) => `<td>${f4(mean(m.stats.skew))}</td>`).join('')}</tr>
<tr><td>excess kurtosis</td><td>${f4(mean(real.excessKurtosis))}</td>${card.models.map((m) => `<td>${f4(mean(m.stats.excessKurtosis))}</td>`).join('')}</tr>
<tr><td>ACF of |r|, lags 1–5</td><td>${f4(mean(real.acfAbs.slice(0, 5).filter(Number.isFinite)))}</td>${card.models.map((m) => `<td>${f4(mean(m.stats.acfAbs.slice(0, 5).filter(Number.isFinite)))}</td>`).join('')}</tr>
<tr><td>${card.horizon}-day portfolio 1% quantile</td><td>${pct(real.portfolio.q01)}</td>${card.models.map((m) => `<td>${pct(m.stats.portfolio.q01)}</td>`).join('')}</tr>
<tr><td>${card.horizon}-day portfolio 99% quantile</td><td>${pct(real.portfolio.q99)}</td>${card.models.map((m) => `<td>${pct(m.stats.portfolio.q99)}</td>`).join('')}</tr>
</tbody>
</table>`;

  const series = (pick: (s: ModelCard['real']) => readonly number[]): Series[] => [
    { name: 'real', values: pick(real) },
    ...card.models.map((m) => ({ name: m.name, values: pick(m.stats) })),
  ];
  const quantiles = ['1%', '5%', '50%', '95%', '99%'];
  const [acfAbs, acf, leverage, portfolio, kurtosis] = await Promise.all([
    renderSvg(lagLinesSpec(series((s) => s.acfAbs), 'ACF of |r| (mean over assets)')),
    renderSvg(lagLinesSpec(series((s) => s.acf), 'ACF of r (mean over assets)')),
    renderSvg(lagLinesSpec(series((s) => s.leverage), 'corr(r_t, |r_t+k|)')),
    renderSvg(
      categoryPointsSpec(
        quantiles,
        series((s) => [s.portfolio.q01, s.portfolio.q05, s.portfolio.q50, s.portfolio.q95, s.portfolio.q99]),
        `quantile of the ${card.horizon}-day equal-weight portfolio return`,
        'return',
        '.1%',
      ),
    ),
    renderSvg(categoryPointsSpec(ctx.symbols, series((s) => s.excessKurtosis), 'asset', 'excess kurtosis of daily returns', '.1f')),
  ]);
  return section(
    'Model card: generated versus real windows',
    `${modelWarnings(ctx.warnings)}${ensembleSpread(ctx.memberRisk)}<p class="note">Real windows: ${esc(ctx.realDescription)}. The cgan generates windows of ${card.horizon} days from each real window's starting state;
the baselines (fitted on ${esc(ctx.baselineDescription ?? 'the same training days')}) draw unconditional ${card.horizon}-day paths.
Statistics pool all windows and days; lag statistics use pairs inside a window only.</p>
${errors}
${stats}
<div class="chart">${acfAbs}${acf}</div>
<div class="chart">${leverage}${portfolio}</div>
<div class="chart">${kurtosis}</div>`,
  );
}

/** The model's fit warnings as a list (empty string when there are none). */
export function modelWarnings(warnings: readonly CganWarning[] | undefined): string {
  if (warnings === undefined || warnings.length === 0) return '';
  const items = warnings.map((w) => `<li class="finding-${esc(w.severity)}"><b>${esc(w.code)}</b> (${esc(w.severity)}): ${esc(w.message)}</li>`).join('\n');
  return `<div class="warnings model-warnings"><h3>Model warnings (${warnings.length})</h3>\n<ul>\n${items}\n</ul></div>\n`;
}

/**
 * The ensemble's spread: per training state (median, p99) each member's
 * 10-day VaR and ES 99% of the equal-weight portfolio, the mixture's VaR, the
 * members' range and their coefficient of variation (sample sd / mean of the
 * members' VaR). Empty for a single member or when the model has none.
 */
export function ensembleSpread(risk: readonly MemberRisk[] | undefined): string {
  if (risk === undefined || risk.length === 0 || risk[0].var99.length < 2) return '';
  const K = risk[0].var99.length;
  const cv = (v: readonly number[]): number => {
    const m = mean(v);
    return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1)) / m;
  };
  const rows = risk.map((r) => {
    const span = (v: readonly number[]): string => `${pct(Math.min(...v))} – ${pct(Math.max(...v))}`;
    return `<tr><td>${esc(r.state)} (${esc(r.date)})</td>${r.var99.map((v, k) => `<td>${pct(v)} / ${pct(r.es99[k])}</td>`).join('')}<td>${pct(r.mixtureVar99)}</td><td>${span(r.var99)}</td><td>${span(r.es99)}</td><td>${(100 * cv(r.var99)).toFixed(1)}%</td></tr>`;
  });
  return `<table class="ensemble-spread">
<thead><tr><th>10-day VaR / ES 99%, equal weight, from state</th>${Array.from({ length: K }, (_, k) => `<th>member ${k + 1}</th>`).join('')}<th>mixture VaR</th><th>VaR range</th><th>ES range</th><th>VaR CV</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="note">The ensemble's ${K} members sampled from the same training state (VaR = −(lower 1% quantile of the 10-day simple return), ES = −mean of the returns at or below it); the coefficient of variation is the members' sample sd over their mean (the model warns above 10%).</p>
`;
}

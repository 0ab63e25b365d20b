import type { AnomalyHistory } from '@tailforge/core';
import { renderSvg } from './render-svg.js';
import { htmlPage, section } from './page.js';
import { escapeHtml as esc } from './escape.js';
import { anomalySpec } from './specs/anomaly-spec.js';

/**
 * The `tailforge anomaly` page: the score over time (days above the 99th
 * percentile of the training states marked) and the most unusual days.
 * `top` holds indices into the history, most unusual first.
 */
export async function renderAnomalyReport(h: AnomalyHistory, file: string, model: string | undefined, top: readonly number[]): Promise<string> {
  const points = h.dates.map((date, i) => ({ date, distance: h.distance[i], percentile: h.percentile[i] }));
  const svg = await renderSvg(anomalySpec(points, h.threshold, h.trainingDates));
  const last = h.dates.length - 1;
  const rows = top.map((i) => `<tr><td>${esc(h.dates[i])}</td><td>${h.distance[i].toFixed(2)}</td><td>${(h.percentile[i] * 100).toFixed(1)}%</td></tr>`).join('\n');
  const body = `<h1>Market state anomaly score</h1>
<p class="meta">${esc(file)}${model !== undefined ? ` · model ${esc(model)}` : ''} · ${h.dates.length} days ${esc(h.dates[0])}..${esc(h.dates[last])} · state window ${h.stateWindow} days, ${h.features.length} features · training states ${esc(h.trainingDates[0])}..${esc(h.trainingDates[1])} (${h.nTraining})</p>
<p>Latest day ${esc(h.dates[last])}: distance <b>${h.distance[last].toFixed(2)}</b>, at the <b>${(h.percentile[last] * 100).toFixed(1)}th</b> percentile of the training states.</p>
${section('Score over time', `<div class="chart">${svg}</div>
<p class="note">Each day's market state (${h.features.length} features) is standardised by the training states' medians and MADs; its distance is the Mahalanobis distance under their winsorised covariance with Ledoit–Wolf shrinkage (intensity ${h.shrinkage.toFixed(3)}). Red points: days above the 99th percentile of the training states' distances (${h.threshold.toFixed(2)}).</p>`)}
${section(`Most unusual days (${top.length} shown)`, top.length === 0 ? '<p>No day is above the 99th percentile.</p>' : `<table><thead><tr><th>date</th><th>distance</th><th>percentile</th></tr></thead><tbody>\n${rows}\n</tbody></table>`)}`;
  return htmlPage('tailforge anomaly score', body);
}

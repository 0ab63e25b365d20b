import { pnlHistogram } from '@tailforge/risk';
import type { StressTestResult } from '@tailforge/engine';
import { histogramSpec, type Marker } from '../charts.js';
import { renderSvg } from '../render-svg.js';
import { pct, section } from '../page.js';

const COLORS = ['#e45756', '#b279a2', '#f58518', '#54a24b'];

/** Histogram of horizon P&L with each VaR (solid) and ES (dashed) marked. */
export async function pnlDistributionSection(r: StressTestResult): Promise<string> {
  const markers = r.risk.flatMap((x, i): Marker[] => [
    { value: -x.var, label: `VaR ${pct(x.confidence, 1)}`, color: COLORS[i % COLORS.length] },
    { value: -x.es, label: `ES ${pct(x.confidence, 1)}`, color: COLORS[i % COLORS.length], dash: true },
  ]);
  const svg = await renderSvg(
    histogramSpec(pnlHistogram(r.pnl, 60, r.pathSet.weights), markers, `P&L over ${r.pathSet.horizon} days`, r.pathSet.weights ? 'weight' : 'paths', '~s', 'left'),
  );
  return section('P&L distribution', `<div class="chart">${svg}</div>`);
}

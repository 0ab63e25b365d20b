import type { StressTestResult } from '@tailforge/engine';
import { fanSpec } from '../specs/fan-spec.js';
import { renderSvg } from '../render-svg.js';
import { money, section } from '../page.js';

/** Fan chart of the portfolio value along the paths: day-wise quantile bands and the median; a table of the horizon's quantiles. */
export async function fanChartSection(r: StressTestResult): Promise<string> {
  const b = r.valueBands;
  if (b === undefined) return '';
  const svg = await renderSvg(fanSpec(b, r.initialValue));
  const P = b.probs.length;
  const last = b.horizon * P;
  const head = b.probs.map((q) => `<th>${+(q * 100).toFixed(1)}%</th>`).join('');
  const cells = b.probs.map((_, k) => `<td>${money(b.quantiles[last + k])}</td>`).join('');
  // Fewer paths than the run's when the set was over the memory budget (or streamed: the first chunk).
  const total = r.pathSet.nPaths;
  const sampled =
    b.sampledPaths < total ? `a subsample of ${b.sampledPaths.toLocaleString('en-US')} of the ${total.toLocaleString('en-US')} paths` : `all ${total.toLocaleString('en-US')} paths`;
  return section(
    'Portfolio value paths',
    `<div class="chart">${svg}</div>
<table>
<thead><tr><th>value after ${b.horizon} days, quantile</th>${head}</tr></thead>
<tbody><tr><td>portfolio value</td>${cells}</tr></tbody>
</table>
<p class="note">Bands between day-wise quantiles of the portfolio value (lower quantiles, as for VaR) over ${sampled}; the dark line is the median, the dashed line today's value ${money(r.initialValue)}.</p>`,
  );
}

import type { StressRunResult } from '../stress/stress-run.js';
import type { Summary } from '../output/summary.js';
import { htmlPage } from './page.js';
import { headerSection, riskTableSection } from './sections/risk-summary.js';
import { pnlDistributionSection } from './sections/pnl-distribution.js';
import { drawdownSection } from './sections/drawdowns.js';
import { positionsSection } from './sections/positions.js';
import { dataModelSection } from './sections/data-model.js';

/**
 * The run report: one self-contained HTML file (inline CSS and SVG charts
 * rendered by Vega-Lite, no scripts, no network) that a person reads. Each
 * section lives in its own module under sections/.
 */
export async function renderReport(r: StressRunResult, s: Summary): Promise<string> {
  const parts = [
    headerSection(s),
    riskTableSection(s),
    await pnlDistributionSection(r),
    await drawdownSection(r),
    positionsSection(s),
    dataModelSection(r, s),
  ];
  return htmlPage(`tailforge: ${s.portfolio.name} (${s.portfolio.asOf})`, parts.join('\n\n'));
}

import { isCganModel } from '@tailforge/core';
import type { StressTestResult } from '@tailforge/engine';
import type { Summary } from '@tailforge/engine';
import { htmlPage } from './page.js';
import { headerSection, riskTableSection } from './sections/risk-summary.js';
import { pnlDistributionSection } from './sections/pnl-distribution.js';
import { drawdownSection } from './sections/drawdowns.js';
import { positionsSection } from './sections/positions.js';
import { dataModelSection } from './sections/data-model.js';
import { modelCardSection } from './sections/model-card.js';
import { referencesSection, riskDetailSection } from './sections/risk-detail.js';
import { contributionsSection } from './sections/contributions.js';
import { stressSection } from './sections/stress-scenarios.js';
import { backtestSection } from './sections/backtest-table.js';
import { changeSinceLastSection } from './sections/change-since-last.js';
import { riskHistorySection } from './sections/risk-history.js';
import { fanChartSection } from './sections/fan-chart.js';
import { stressedRegimeSection } from './sections/stressed-regime.js';
import { reverseStressSection } from './sections/reverse-stress.js';
import { tailFocusSection } from './sections/tail-focus.js';
import { regulatoryViewSection } from './sections/regulatory-view.js';
import type { ReportContext } from './report-context.js';
import { warningsBox } from './sections/warnings-box.js';

/**
 * The run report: one self-contained HTML file (inline CSS and SVG charts
 * rendered by Vega-Lite, no scripts, no network) that a person reads. Each
 * section lives in its own module under sections/.
 */
export async function renderReport(r: StressTestResult, s: Summary, context: ReportContext = {}): Promise<string> {
  const history = context.history;
  const parts = [
    headerSection(s),
    warningsBox(s.warnings),
    ...(history !== undefined ? [changeSinceLastSection(s, history)] : []),
    riskTableSection(s),
    ...(history !== undefined ? [await riskHistorySection(s, history, context.historyFile)] : []),
    riskDetailSection(s),
    referencesSection(s),
    await pnlDistributionSection(r),
    await fanChartSection(r),
    await drawdownSection(r),
    stressSection(s),
    await stressedRegimeSection(s),
    await reverseStressSection(s),
    tailFocusSection(s),
    backtestSection(s),
    await regulatoryViewSection(r, s),
    contributionsSection(s),
    positionsSection(s),
    dataModelSection(r, s),
  ];
  // A cgan carries the model card computed on its validation days when it was trained.
  if (isCganModel(r.model) && r.model.trainingCard !== undefined) {
    const t = r.model.training;
    parts.push(await modelCardSection(r.model.trainingCard, {
      symbols: r.model.symbols,
      realDescription: `the model's validation days ${t.validationDates[0]}..${t.validationDates[1]}, held out from training`,
      baselineDescription: `the days before ${t.validationDates[0]}`,
      warnings: r.model.fitInfo.warnings,
      ...(t.memberRisk !== undefined ? { memberRisk: t.memberRisk } : {}),
    }));
  }
  return htmlPage(`tailforge: ${s.portfolio.name} (${s.portfolio.asOf})`, parts.filter((p) => p !== '').join('\n\n'));
}

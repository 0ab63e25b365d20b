import type { StressTestResult } from '@tailforge/engine';
import type { Summary } from '@tailforge/engine';
import { section } from '../page.js';
import { escapeHtml as esc } from '../escape.js';

export function dataModelSection(r: StressTestResult, s: Summary): string {
  const m = r.missingReport;
  const missing =
    m.missingCells > 0
      ? ` ${m.missingCells} missing cells: ${m.filledCells} forward-filled, ${m.droppedRows} dates dropped.`
      : ' No missing cells.';
  return section(
    'Data and model',
    `<p class="note">Prices: ${esc(r.config.pricesFile ?? 'given as data')}; ${s.model.fitInfo.nObservations.toLocaleString('en-US')} daily log returns from ${esc(s.model.fitInfo.firstDate)} to ${esc(s.model.fitInfo.lastDate)}; missing-data policy <b>${esc(m.policy)}</b>.${missing}
Data hash ${esc(s.model.fitInfo.dataHash.slice(0, 16))}…; see manifest.json for the inputs' hashes and versions.</p>`,
  );
}

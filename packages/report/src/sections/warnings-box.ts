import type { Finding } from '@tailforge/core';
import { escapeHtml as esc } from '../escape.js';

/**
 * The warnings box at the top of a report: one line per finding of the
 * model-risk guard (severity, code, message), errors first. Empty string
 * when there are none, so a clean run's report starts with its figures.
 */
export function warningsBox(warnings: readonly Finding[] | undefined): string {
  if (warnings === undefined || warnings.length === 0) return '';
  const errors = warnings.filter((w) => w.severity === 'error').length;
  const items = warnings
    .map((w) => `<li class="finding-${esc(w.severity)}"><b>${esc(w.severity)}</b> <code>${esc(w.code)}</code> ${esc(w.message)}</li>`)
    .join('\n');
  const title = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}${errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}: check before trusting the figures`;
  return `<aside class="warnings" id="warnings" role="alert">
<h2>${esc(title)}</h2>
<ul>
${items}
</ul>
</aside>`;
}

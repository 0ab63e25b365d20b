import type { ConformanceReport } from './run-conformance.js';

/** Milliseconds as people read them: `12 ms`, `1.4 s`. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The report as a text table, one line per check (`check  result  time
 * detail`), then a verdict line: what `tailforge check-model` prints.
 */
export function formatConformance(report: ConformanceReport): string {
  const rows = report.checks.map((c) => [c.name, c.status === 'pass' ? 'ok' : c.status === 'fail' ? 'FAIL' : 'skipped', duration(c.ms), c.detail]);
  const header = ['check', 'result', 'time', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const d = report.data;
  const head = `model ${report.model} (contract v${report.contractVersion})` +
    (d.observations > 0 ? ` on ${d.observations} daily returns of ${d.symbols.join(', ')} (${d.firstDate} … ${d.lastDate}); ${report.request.paths} paths × ${report.request.horizon} days` : '');
  const failed = report.failures.length;
  const verdict = failed === 0
    ? `all ${report.checks.filter((c) => c.status === 'pass').length} checks passed in ${duration(report.totalMs)}`
    : `${failed} of ${report.checks.length} checks failed: ${report.failures.map((c) => c.name).join(', ')}`;
  return `${head}\n${[line(header), ...rows.map(line)].join('\n')}\n${verdict}\n`;
}

/**
 * Throws an Error listing every failed check (with its detail) unless the
 * report passed: for a plugin's test suite, `assertConformance(await runConformance(model))`.
 */
export function assertConformance(report: ConformanceReport): void {
  if (report.passed) return;
  throw new Error(`model ${report.model} fails the model contract:\n${report.failures.map((c) => `  ${c.name}: ${c.detail}`).join('\n')}`);
}

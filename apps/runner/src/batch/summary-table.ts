import type { BatchResult } from './run-batch.js';

/** The table `tailforge batch` prints at the end: one line per job, failures with their reason. */
export function summaryTable(r: BatchResult): string {
  const header = ['job', 'status', 'VaR', 'VaR %', 'ES %', 'time', 'note'];
  const rows = r.jobs.map((j) => {
    const top = j.summary?.risk[j.summary.risk.length - 1];
    const status = j.status === 'ok' ? 'ran' : j.status === 'skipped' ? 'up to date' : 'FAILED';
    return [
      j.id,
      status,
      top ? `${top.var.toLocaleString('en-US', { maximumFractionDigits: 0 })} @${+(top.confidence * 100).toFixed(2)}%` : '',
      top ? `${(top.varPct * 100).toFixed(2)}%` : '',
      top ? `${(top.esPct * 100).toFixed(2)}%` : '',
      j.durationMs !== undefined ? `${(j.durationMs / 1000).toFixed(1)} s` : '',
      j.error ? j.error.message.split('\n')[0] : '',
    ];
  });
  const right = new Set([2, 3, 4, 5]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (i === 6 ? 0 : row[i].length))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 6 ? c : right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const counts = { ok: 0, skipped: 0, failed: 0 };
  for (const j of r.jobs) counts[j.status]++;
  const foot = `${r.jobs.length} jobs: ${counts.ok} ran, ${counts.skipped} up to date, ${counts.failed} failed in ${(r.durationMs / 1000).toFixed(1)} s\nindex: ${r.indexPath}`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n${foot}\n`;
}

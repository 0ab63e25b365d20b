import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '@tailforge/core';
import type { StressRunResult } from './stress-run.js';
import { buildSummary, type Summary } from '../output/summary.js';
import { contributionsCsv, riskCsv, stressCsv } from '../output/risk-csv.js';
import { buildManifest } from '../output/manifest.js';
import { renderReport } from '../report/report-html.js';
import type { ReportContext } from '../report/report-context.js';

export interface RunOutputs {
  readonly dir: string;
  readonly summary: Summary;
  readonly files: { readonly summary: string; readonly risk: string; readonly contributions: string; readonly stress: string; readonly report: string; readonly manifest: string };
}

export interface WriteOptions {
  /** Extra report content (the results history). */
  readonly report?: ReportContext;
  /** Extra top-level manifest fields, e.g. `batch` for runs made by `tailforge batch`. */
  readonly manifestExtra?: Readonly<Record<string, unknown>>;
  /**
   * The run as the outputs name it, when it computed on local copies (a
   * queue worker): the coordinator's input paths and output folder. The
   * files are still read at the run's own paths for their hashes.
   */
  readonly shown?: { readonly config: StressRunResult['config']; readonly dir: string };
}

/**
 * Writes summary.json, risk.csv, contributions.csv, stress.csv, report.html and manifest.json into `outDir`.
 * Each file goes to a temporary name and is renamed into place; the manifest
 * goes last, so a manifest always describes complete outputs.
 */
export async function writeRunOutputs(
  result: StressRunResult,
  outDir: string,
  argv: readonly string[],
  startedAt: Date,
  options: WriteOptions = {},
): Promise<RunOutputs> {
  const shown = options.shown;
  // What the summary and report show: the coordinator's paths when this ran on local copies.
  const seen: StressRunResult = shown !== undefined ? { ...result, config: shown.config, portfolio: { ...result.portfolio, file: shown.config.portfolioFile } } : result;
  const summary = buildSummary(seen, startedAt.toISOString());
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const files = {
    summary: join(dir, 'summary.json'),
    risk: join(dir, 'risk.csv'),
    contributions: join(dir, 'contributions.csv'),
    stress: join(dir, 'stress.csv'),
    report: join(dir, 'report.html'),
    manifest: join(dir, 'manifest.json'),
  };
  const html = await renderReport(seen, summary, options.report);
  await writeFileAtomic(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFileAtomic(files.risk, riskCsv(summary));
  await writeFileAtomic(files.contributions, contributionsCsv(summary));
  await writeFileAtomic(files.stress, stressCsv(summary));
  await writeFileAtomic(files.report, html);
  const manifest = await buildManifest(result, argv, startedAt, [
    { role: 'summary', path: files.summary },
    { role: 'risk', path: files.risk },
    { role: 'contributions', path: files.contributions },
    { role: 'stress', path: files.stress },
    { role: 'report', path: files.report },
  ], shown);
  await writeFileAtomic(files.manifest, `${JSON.stringify({ ...manifest, ...options.manifestExtra }, null, 2)}\n`);
  return { dir, summary, files };
}

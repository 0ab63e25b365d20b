import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '@tailforge/core';
import { buildSummary, contributionsCsv, regulatoryCapital, riskCsv, stressCsv, stressTest, type RunConfig, type StressTestResult, type Summary } from '@tailforge/engine';
import { renderReport, type ReportContext } from '@tailforge/report';
import type { Logger } from '../log/logger.js';
import { buildManifest } from './manifest.js';

/** A run whose inputs were files (a `tailforge run` or a batch job): its manifest hashes them. */
export type FileRun = StressTestResult & { readonly config: RunConfig };

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
  readonly shown?: { readonly config: RunConfig; readonly dir: string };
}

/**
 * Writes summary.json, risk.csv, contributions.csv, stress.csv, report.html and manifest.json into `outDir`.
 * Each file goes to a temporary name and is renamed into place; the manifest
 * goes last, so a manifest always describes complete outputs.
 */
export async function writeRunOutputs(
  result: FileRun,
  outDir: string,
  argv: readonly string[],
  startedAt: Date,
  options: WriteOptions = {},
): Promise<RunOutputs> {
  const shown = options.shown;
  // What the summary and report show: the coordinator's paths when this ran on local copies.
  const seen: FileRun = shown !== undefined ? { ...result, config: shown.config, portfolio: { ...result.portfolio, file: shown.config.portfolioFile } } : result;
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

/**
 * The one wiring of a file-based run, shared by `tailforge run` and batch
 * jobs (worker threads, queue workers): the engine's stress test, the
 * earlier runs of its series (for the report), the output files.
 */
export async function runToFiles(
  config: RunConfig,
  o: {
    readonly log: Logger;
    readonly outDir: string;
    readonly argv: readonly string[];
    readonly startedAt: Date;
    /** The earlier runs of the run's series, from a history; none: no change or history section. */
    readonly history?: (result: StressTestResult) => ReportContext['history'];
    readonly historyFile?: string;
  } & Omit<WriteOptions, 'report'>,
): Promise<RunOutputs & { readonly result: FileRun }> {
  const computed: FileRun = { ...(await stressTest(config, { log: o.log })), config };
  const history = o.history?.(computed);
  // The regulatory view's capital illustration averages the earlier runs of the series in the history.
  const result: FileRun = computed.regulatory !== undefined && history !== undefined
    ? { ...computed, regulatory: { ...computed.regulatory, capital: regulatoryCapital(history.flatMap((h) => (h.regulatory ? [h.regulatory] : [])), computed.backtest?.evaluation) } }
    : computed;
  const outputs = await writeRunOutputs(result, o.outDir, o.argv, o.startedAt, {
    ...(history !== undefined ? { report: { history, ...(o.historyFile !== undefined ? { historyFile: o.historyFile } : {}) } } : {}),
    ...(o.shown !== undefined ? { shown: o.shown } : {}),
    ...(o.manifestExtra !== undefined ? { manifestExtra: o.manifestExtra } : {}),
  });
  return { ...outputs, result };
}

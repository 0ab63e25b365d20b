import { join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '@tailforge/core';
import { buildSummary, contributionsCsv, regulatoryCapital, riskCsv, stressCsv, stressTest, type RunConfig, type StressTestResult, type Summary } from '@tailforge/engine';
import { renderReport, type ReportContext } from '@tailforge/report';
import type { Logger } from '../log/logger.js';
import { buildManifest } from './manifest.js';
import { checkOutFolder, isForeignFolder, OUT_MARKER, writeFolderAtomic } from './out-folder.js';

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

/** The files a run writes into its folder. */
export const RUN_OUTPUT_NAMES = ['summary.json', 'risk.csv', 'contributions.csv', 'stress.csv', 'report.html', 'manifest.json', OUT_MARKER] as const;

/** The input files of a run, which its output folder must not swallow. */
export function runInputs(c: RunConfig): Array<string | undefined> {
  return [c.portfolioFile, c.pricesFile, c.scenarioFile, c.modelDir, c.pathStore];
}

/**
 * Writes summary.json, risk.csv, contributions.csv, stress.csv, report.html and manifest.json into `outDir`.
 * They are written into a fresh temporary folder beside `outDir`, which then
 * replaces it whole (see writeFolderAtomic): the folder never mixes two
 * runs' files. In a foreign folder forced open (`run --force`) each file
 * goes to a temporary name and is renamed into place, other files are kept;
 * the manifest goes last, so a manifest always describes complete outputs.
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
  const filesIn = (d: string) => ({
    summary: join(d, 'summary.json'),
    risk: join(d, 'risk.csv'),
    contributions: join(d, 'contributions.csv'),
    stress: join(d, 'stress.csv'),
    report: join(d, 'report.html'),
    manifest: join(d, 'manifest.json'),
  });
  const files = filesIn(dir);
  const html = await renderReport(seen, summary, options.report);
  const writeAll = async (d: string): Promise<void> => {
    const at = filesIn(d);
    await writeFileAtomic(at.summary, `${JSON.stringify(summary, null, 2)}\n`);
    await writeFileAtomic(at.risk, riskCsv(summary));
    await writeFileAtomic(at.contributions, contributionsCsv(summary));
    await writeFileAtomic(at.stress, stressCsv(summary));
    await writeFileAtomic(at.report, html);
    const roles = ['summary', 'risk', 'contributions', 'stress', 'report'] as const;
    // Hashed where written, recorded under their final paths.
    const manifest = await buildManifest(result, argv, startedAt, roles.map((role) => ({ role, path: at[role], shownAs: files[role] })), shown);
    await writeFileAtomic(at.manifest, `${JSON.stringify({ ...manifest, ...options.manifestExtra }, null, 2)}\n`);
  };
  if (await isForeignFolder(dir)) {
    // Forced open (checked by checkOutFolder): write our files only, keep the others.
    await writeAll(dir);
    await writeFile(join(dir, OUT_MARKER), 'written by tailforge\n');
  } else {
    await writeFolderAtomic(dir, writeAll);
  }
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
    /** Write into a non-empty output folder that tailforge did not make (`run --force`). */
    readonly force?: boolean;
    /** How messages name the output folder (default `--out`). */
    readonly outWhat?: string;
  } & Omit<WriteOptions, 'report'>,
): Promise<RunOutputs & { readonly result: FileRun }> {
  // The output folder is checked before any work: a bad one costs no path generation.
  await checkOutFolder(o.outDir, { what: o.outWhat ?? '--out', inputs: [...runInputs(config), o.historyFile], force: o.force, outputNames: RUN_OUTPUT_NAMES });
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
